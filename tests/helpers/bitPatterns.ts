/** Typed arrays (deep inside arrays, maps and objects) as bit patterns, so NaN, −0 and last bits all count in an equality. */
export function bits(value: unknown): unknown {
  if (value instanceof Float64Array) return Array.from(new BigUint64Array(value.slice().buffer), String);
  if (ArrayBuffer.isView(value)) return Array.from(value as Int32Array);
  if (value instanceof Map) return [...value].map(bits);
  if (Array.isArray(value)) return value.map(bits);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bits(v)]));
  return value;
}
