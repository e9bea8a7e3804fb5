/**
 * A parsed history as a sectioned cache entry (sectionedEntry.ts): its meta is a JSON header
 * (rows, whether time is logged, metric names in order, and the history's facts), and each column
 * is a section of little-endian Float64 (NaN = gap, exactly as parsed). A chart reads the meta
 * alone (the facts) or only the columns it draws.
 */
import type { History } from "../run.ts";
import { ownRecord } from "../ownRecord.ts";
import { asHistoryFacts, type HistoryFacts } from "../series/historyFacts.ts";
import { float64sOf, littleEndianBytes } from "./littleEndian.ts";

export interface HistoryMeta {
  rows: number;
  time: boolean;
  metrics: string[];
  facts: HistoryFacts;
}

/**
 * The meta and the sections of a history's entry: step, then time when logged, then each metric.
 * Each section is the column's own memory (no copy of the ~0.5 MB of a long history), or a copy
 * where that memory is not little-endian.
 */
export function encodeHistorySections(history: History, facts: HistoryFacts): { meta: string; sections: Uint8Array[] } {
  const metrics = Object.keys(history.metrics);
  const rows = history.step.length;
  const columns = [history.step, ...(history.time ? [history.time] : []), ...metrics.map((m) => history.metrics[m]!)];
  if (!columns.every((c) => c.length === rows)) throw new RangeError("a history's columns differ in length");
  const meta = JSON.stringify({ rows, time: history.time !== null, metrics, facts } satisfies HistoryMeta);
  return { meta, sections: columns.map(littleEndianBytes) };
}

/** The entry's meta, or null when it is not a history's (the caller recomputes). */
export function parseHistoryMeta(meta: string): HistoryMeta | null {
  try {
    const m = JSON.parse(meta) as Partial<HistoryMeta>;
    if (!Number.isSafeInteger(m.rows) || m.rows! < 0 || typeof m.time !== "boolean" || !Array.isArray(m.metrics) || !m.metrics.every((name) => typeof name === "string")) return null;
    const facts = asHistoryFacts(m.facts);
    return facts ? { rows: m.rows!, time: m.time, metrics: m.metrics, facts } : null;
  } catch {
    return null;
  }
}

/** The sections holding step, time and the `wanted` metrics the history logs (all of them when not given). */
export function historySections(meta: HistoryMeta, wanted?: readonly string[]): number[] {
  const first = meta.time ? 2 : 1;
  const keep = wanted ? new Set(wanted) : null;
  const metrics = meta.metrics.flatMap((m, i) => (!keep || keep.has(m) ? [first + i] : []));
  return [0, ...(meta.time ? [1] : []), ...metrics];
}

/**
 * The history in the sections read (as `historySections` chose them), viewed in place (each
 * section is its own buffer), or null when a section does not hold a column of `meta.rows` values.
 */
export function decodeHistorySections(meta: HistoryMeta, sections: ReadonlyMap<number, Buffer>): History | null {
  const column = (i: number): Float64Array | null => {
    const bytes = sections.get(i);
    if (!bytes || bytes.length !== meta.rows * 8) return null;
    return float64sOf(bytes, meta.rows);
  };
  const step = column(0);
  const time = meta.time ? column(1) : null;
  if (!step || (meta.time && !time)) return null;
  const out: History = { step, time, metrics: ownRecord<Float64Array>() };
  const first = meta.time ? 2 : 1;
  for (const [i, name] of meta.metrics.entries()) {
    if (!sections.has(first + i)) continue;
    const values = column(first + i);
    if (!values) return null;
    out.metrics[name] = values;
  }
  return out;
}
