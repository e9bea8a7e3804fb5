/**
 * TFRecord framing, as TensorFlow's event writer produces it: per record
 *   uint64 length (LE) · uint32 masked CRC-32C of the 8 length bytes · data · uint32 masked CRC-32C of data.
 * A checksum mismatch is a problem at the record's byte offset; a file that stops inside a record
 * (a writer still running, or killed) is reported as `truncatedAt`.
 */
import { maskedCrc32c } from "../protobuf/crc.ts";

export interface TfRecord {
  offset: number;
  data: Uint8Array;
}

export interface TfRecordResult {
  records: TfRecord[];
  problem: { offset: number; message: string } | null;
  truncatedAt: number | null;
}

function u32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

export function readTfRecords(bytes: Uint8Array): TfRecordResult {
  const records: TfRecord[] = [];
  let pos = 0;
  const n = bytes.length;
  while (pos < n) {
    if (pos + 12 > n) return { records, problem: null, truncatedAt: pos };
    const lo = u32(bytes, pos);
    const hi = u32(bytes, pos + 4);
    const lenCrc = u32(bytes, pos + 8);
    const computedLenCrc = maskedCrc32c(bytes, pos, pos + 8);
    if (lenCrc !== computedLenCrc) {
      return { records, problem: { offset: pos, message: `length checksum mismatch (stored 0x${hex(lenCrc)}, computed 0x${hex(computedLenCrc)})` }, truncatedAt: null };
    }
    const length = hi * 4294967296 + lo;
    const start = pos + 12;
    if (start + length + 4 > n) return { records, problem: null, truncatedAt: pos };
    const end = start + length;
    const dataCrc = u32(bytes, end);
    const computed = maskedCrc32c(bytes, start, end);
    if (dataCrc !== computed) {
      return { records, problem: { offset: pos, message: `data checksum mismatch (stored 0x${hex(dataCrc)}, computed 0x${hex(computed)})` }, truncatedAt: null };
    }
    records.push({ offset: pos, data: bytes.subarray(start, end) });
    pos = end + 4;
  }
  return { records, problem: null, truncatedAt: null };
}

function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}
