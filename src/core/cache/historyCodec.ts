/**
 * A parsed history as compact bytes for the cache: a JSON header (rows, whether time is logged,
 * metric names in order) padded to 8 bytes, then each column as little-endian Float64 (NaN = gap,
 * exactly as parsed). Decoding may pick only the metrics a chart needs.
 */
import type { History } from "../run.ts";
import { ownRecord } from "../ownRecord.ts";

interface HistoryHeader {
  rows: number;
  time: boolean;
  metrics: string[];
}

export function encodeHistory(history: History): Buffer {
  return Buffer.concat(encodeHistoryParts(history));
}

/**
 * The bytes of `encodeHistory` in pieces: the header, then each column's own memory as it is
 * (no copy of the ~0.5 MB of columns of a long history), or the whole entry copied where that
 * memory is not little-endian or a column is not one value per row.
 */
export function encodeHistoryParts(history: History): Uint8Array[] {
  const metrics = Object.keys(history.metrics);
  const rows = history.step.length;
  const header = Buffer.from(JSON.stringify({ rows, time: history.time !== null, metrics } satisfies HistoryHeader), "utf8");
  const start = Math.ceil((4 + header.length) / 8) * 8;
  const columns = [history.step, ...(history.time ? [history.time] : []), ...metrics.map((m) => history.metrics[m]!)];
  const head = Buffer.alloc(start);
  head.writeUInt32LE(header.length, 0);
  header.copy(head, 4);
  if (LITTLE_ENDIAN && columns.every((c) => c.length === rows)) return [head, ...columns.map((c) => new Uint8Array(c.buffer, c.byteOffset, c.byteLength))];
  const out = Buffer.alloc(start + columns.length * rows * 8);
  head.copy(out);
  const view = new Float64Array(out.buffer, out.byteOffset + start, columns.length * rows);
  columns.forEach((column, i) => view.set(column, i * rows));
  return [out];
}

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The history in `bytes`, with only `wanted` metrics when given (those it logs), or null when
 * the bytes do not hold a history (the caller recomputes).
 */
export function decodeHistory(bytes: Buffer, wanted?: readonly string[]): History | null {
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString("utf8", 4, 4 + headerLength)) as HistoryHeader;
    const { rows, time, metrics } = header;
    if (!Number.isSafeInteger(rows) || rows < 0 || !Array.isArray(metrics)) return null;
    const start = Math.ceil((4 + headerLength) / 8) * 8;
    const count = 1 + (time ? 1 : 0) + metrics.length;
    if (bytes.length !== start + count * rows * 8) return null;
    // A copy per column: the entry's buffer is not 8-byte aligned, and columns outlive it.
    const column = (i: number) => {
      const from = bytes.byteOffset + start + i * rows * 8;
      return new Float64Array(bytes.buffer.slice(from, from + rows * 8));
    };
    const out: History = { step: column(0), time: time ? column(1) : null, metrics: ownRecord<Float64Array>() };
    const keep = wanted ? new Set(wanted) : null;
    metrics.forEach((m, i) => {
      if (!keep || keep.has(m)) out.metrics[m] = column(1 + (time ? 1 : 0) + i);
    });
    return out;
  } catch {
    return null;
  }
}
