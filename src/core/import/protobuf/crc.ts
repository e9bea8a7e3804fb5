/**
 * CRC-32 checksums for the two binary log framings the importers read:
 * - CRC-32 (IEEE 802.3, zlib's `crc32`), used by W&B's `.wandb` LevelDB-style log, seeded per
 *   record type;
 * - CRC-32C (Castagnoli), masked, used by TFRecord (TensorBoard event files).
 * Table-driven, no dependencies, browser-safe.
 */

function makeTable(poly: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const IEEE = makeTable(0xedb88320);
const CASTAGNOLI = makeTable(0x82f63b78);

function update(table: Uint32Array, crc: number, bytes: Uint8Array, start: number, end: number): number {
  let c = ~crc >>> 0;
  for (let i = start; i < end; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** zlib-compatible CRC-32 of `bytes[start, end)`, continuing from `seed` (zlib's `crc32(data, seed)`). */
export function crc32(bytes: Uint8Array, seed = 0, start = 0, end = bytes.length): number {
  return update(IEEE, seed, bytes, start, end);
}

/** CRC-32C (Castagnoli) of `bytes[start, end)`. */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return update(CASTAGNOLI, 0, bytes, start, end);
}

/** The masked CRC-32C TFRecord (and LevelDB) stores: rotate right by 15, add a constant. */
export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const c = crc32c(bytes, start, end);
  return (((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0;
}
