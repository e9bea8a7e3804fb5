/**
 * Typed arrays to and from the little-endian bytes cache entries hold (history columns, grouped
 * chart lines): on a little-endian machine a view without a copy each way (when the bytes start at
 * a multiple of the element size), else each value converted.
 */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export function littleEndianBytes(values: Float64Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.byteLength);
  const view = new DataView(out.buffer);
  if (values instanceof Float64Array) values.forEach((v, i) => view.setFloat64(i * 8, v, true));
  else values.forEach((v, i) => view.setInt32(i * 4, v, true));
  return out;
}

/** The `count` doubles in `bytes` (which hold exactly that many). */
export function float64sOf(bytes: Uint8Array, count: number): Float64Array {
  if (LITTLE_ENDIAN && bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float64Array.from({ length: count }, (_, k) => view.getFloat64(k * 8, true));
}

/** The `count` 32-bit integers in `bytes` (which hold exactly that many). */
export function int32sOf(bytes: Uint8Array, count: number): Int32Array {
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: count }, (_, k) => view.getInt32(k * 4, true));
}
