/**
 * The forms `runfolio import --history` writes a run's history in: `history.csv` (the default,
 * readable in any editor and diff), `history.csv.gz` (the same text, gzip'd: about a third of the
 * size) and `history.parquet` (columnar doubles: step, time when any row has one, one nullable
 * column per metric; NaN and ±Infinity stored as such). Every form loads back to the same history.
 * Node-only (zlib).
 */
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { ImportedHistory } from "./importedRun.ts";
import { historyCsv, historyHasTime } from "./writeRunFolder.ts";

export const HISTORY_FORMS = ["csv", "csv.gz", "parquet"] as const;
export type HistoryForm = (typeof HISTORY_FORMS)[number];

export function historyFile(history: ImportedHistory, form: HistoryForm): { name: string; bytes: Uint8Array } {
  if (form === "parquet") return { name: "history.parquet", bytes: historyParquet(history) };
  const csv = historyCsv(history);
  // No file name or time in the gzip header, so the same history gives the same bytes.
  if (form === "csv.gz") return { name: "history.csv.gz", bytes: new Uint8Array(gzipSync(csv, { level: 9 })) };
  return { name: "history.csv", bytes: new TextEncoder().encode(csv) };
}

type ColumnSource = Parameters<typeof parquetWriteBuffer>[0]["columnData"][number];

export function historyParquet(history: ImportedHistory): Uint8Array {
  const { rows, metrics } = history;
  const columnData: ColumnSource[] = [doubles("step", Float64Array.from(rows, (r) => r.step), false)];
  if (historyHasTime(history)) columnData.push(doubles("time", rows.map((r) => r.time), true));
  for (const m of metrics) {
    // Own keys only, as in history.csv: a metric named `constructor` that a row did not log is a gap.
    columnData.push(doubles(m, rows.map((r) => (Object.hasOwn(r.values, m) ? (r.values[m] ?? null) : null)), true));
  }
  return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: "runfolio" }));
}

/**
 * A column of doubles. The writer's dictionary keys values as a Map does, so -0 and 0 share an
 * entry and whichever came first is read back for both; a column holding -0 is written plain.
 */
function doubles(name: string, data: Float64Array | (number | null)[], nullable: boolean): ColumnSource {
  const hasNegativeZero = Array.prototype.some.call(data, (v: number | null) => Object.is(v, -0));
  return { name, data, type: "DOUBLE", nullable, ...(hasNegativeZero ? { encoding: "PLAIN" as const } : {}) };
}
