/**
 * The `.wandb` file framing (W&B's `datastore`): a 7-byte file header (`:W&B`, magic 0xBEE1,
 * version 0), then LevelDB-log-style blocks of 32 KiB. Each block holds records with a 7-byte
 * header — checksum (uint32 LE), length (uint16 LE), type (1 FULL, 2 FIRST, 3 MIDDLE, 4 LAST) —
 * and a block tail shorter than a header is zero padding. W&B's checksum is zlib's CRC-32 of the
 * data seeded with the CRC-32 of the type byte (not LevelDB's masked CRC-32C).
 *
 * `readLeveldbLog` yields every complete logical record with the file offset of its first
 * fragment. Structural problems (bad header, bad checksum, fragment out of order, a record that
 * is out of place) are returned as a problem with the byte offset, after the records read so far; a
 * file that simply stops inside a record (the writer was still running, or was killed) is reported
 * as `truncatedAt`, which callers treat as a warning.
 */
import { crc32 } from "../protobuf/crc.ts";

export const BLOCK_LEN = 32768;
export const HEADER_LEN = 7;
const FULL = 1;
const FIRST = 2;
const MIDDLE = 3;
const LAST = 4;
const MAGIC = 0xbee1;

const TYPE_SEED = [0, 1, 2, 3, 4].map((t) => crc32(Uint8Array.of(t)));

export interface LogRecord {
  /** File offset of the (first fragment's) record header. */
  offset: number;
  data: Uint8Array;
}

export interface LogProblem {
  offset: number;
  message: string;
}

export interface LogReadResult {
  records: LogRecord[];
  /** The first problem met (corrupt data); reading stops there. */
  problem: LogProblem | null;
  /**
   * The file ends inside a record (a run still being written, or a copy taken mid-write): the
   * offset of that record's header. Everything before it was read.
   */
  truncatedAt: number | null;
  /** True when the file ends in zero padding / an unfinished block (a run still being written). */
  trailingZeros: boolean;
}

export function hasWandbHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x3a && bytes[1] === 0x57 && bytes[2] === 0x26 && bytes[3] === 0x42;
}

export function readLeveldbLog(bytes: Uint8Array): LogReadResult {
  const records: LogRecord[] = [];
  let pos = HEADER_LEN;
  let pending: Uint8Array[] | null = null;
  let pendingOffset = 0;
  const fail = (offset: number, message: string): LogReadResult => ({ records, problem: { offset, message }, truncatedAt: null, trailingZeros: false });
  const end = (trailingZeros: boolean, cutAt: number | null): LogReadResult => ({
    records,
    problem: null,
    truncatedAt: pending ? pendingOffset : cutAt,
    trailingZeros,
  });
  if (bytes.length < HEADER_LEN || !hasWandbHeader(bytes)) {
    return fail(0, "not a W&B transaction log: the file does not start with the `:W&B` header");
  }
  const magic = bytes[4]! | (bytes[5]! << 8);
  const version = bytes[6]!;
  if (magic !== MAGIC) return fail(4, `unexpected .wandb header magic 0x${magic.toString(16)} (expected 0xbee1)`);
  if (version !== 0) return fail(6, `unsupported .wandb format version ${version} (expected 0)`);

  const n = bytes.length;
  while (pos < n) {
    const left = BLOCK_LEN - (pos % BLOCK_LEN);
    if (left < HEADER_LEN) {
      // Block trailer: must be zeros.
      for (let i = pos; i < Math.min(n, pos + left); i++) {
        if (bytes[i] !== 0) return fail(i, "non-zero bytes in a block trailer");
      }
      pos += left;
      continue;
    }
    if (pos + HEADER_LEN > n) return allZero(bytes, pos, n) ? end(true, null) : end(false, pos);
    const checksum = (bytes[pos]! | (bytes[pos + 1]! << 8) | (bytes[pos + 2]! << 16) | (bytes[pos + 3]! << 24)) >>> 0;
    const length = bytes[pos + 4]! | (bytes[pos + 5]! << 8);
    const type = bytes[pos + 6]!;
    if (checksum === 0 && length === 0 && type === 0) {
      // Zero header: the writer pre-filled or never finished this block. Valid only if the rest is zeros.
      if (allZero(bytes, pos, n)) return end(true, null);
      return fail(pos, "zero record header followed by data");
    }
    if (type < FULL || type > LAST) return fail(pos, `invalid record type ${type} (expected 1–4)`);
    const start = pos + HEADER_LEN;
    const stop = start + length;
    if (length > left - HEADER_LEN) return fail(pos, `record length ${length} runs past the end of its 32 KiB block`);
    if (stop > n) return end(false, pos);
    const computed = crc32(bytes, TYPE_SEED[type], start, stop);
    if (computed !== checksum) {
      return fail(pos, `record checksum mismatch (stored 0x${hex(checksum)}, computed 0x${hex(computed)}): the data is corrupt`);
    }
    const data = bytes.subarray(start, stop);
    if (type === FULL) {
      if (pending) return fail(pos, "FULL record while a fragmented record was unfinished");
      records.push({ offset: pos, data });
    } else if (type === FIRST) {
      if (pending) return fail(pos, "FIRST fragment while a fragmented record was unfinished");
      pending = [data];
      pendingOffset = pos;
    } else {
      if (!pending) return fail(pos, `${type === MIDDLE ? "MIDDLE" : "LAST"} fragment without a FIRST fragment`);
      pending.push(data);
      if (type === LAST) {
        records.push({ offset: pendingOffset, data: concat(pending) });
        pending = null;
      }
    }
    pos = stop;
  }
  return end(false, null);
}

function allZero(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function concat(parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
