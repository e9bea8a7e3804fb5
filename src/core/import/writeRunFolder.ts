/**
 * Serialises an imported run in the canonical folder format of docs/run-format.md:
 * `run.json` (metadata, config, explicit summary; keys sorted at every level, two-space indent,
 * trailing newline) and `history.csv` (`step,time,<metrics in the given order>`; `time` only when
 * a row has one; numbers as `String(n)`, the shortest text that reads back to the same double;
 * not logged → empty cell, NaN → `nan`, ±Infinity → `inf` / `-inf`). Same run, same bytes.
 */
import { compareText } from "../format/compareText.ts";
import type { ImportedHistory, ImportedRun } from "./importedRun.ts";
import { ownRecord, setOwn } from "../ownRecord.ts";

export interface RunFolderFiles {
  "run.json": string;
  "history.csv"?: string;
}

export function writeRunFolder(run: ImportedRun): RunFolderFiles {
  const meta: Record<string, unknown> = { name: run.name, state: run.state, config: run.config };
  if (run.group !== null) meta.group = run.group;
  if (run.tags.length > 0) meta.tags = [...run.tags];
  if (run.created !== null) meta.created = run.created;
  if (run.duration !== null) meta.duration = run.duration;
  if (run.notes !== null) meta.notes = run.notes;
  if (run.git !== null) meta.git = run.git;
  if (Object.keys(run.summary).length > 0) meta.summary = run.summary;
  const files: RunFolderFiles = { "run.json": `${JSON.stringify(sortKeys(meta), jsonNumber, 2)}\n` };
  if (run.history) files["history.csv"] = historyCsv(run.history);
  return files;
}

/** Non-finite numbers are gaps for the loader; strict JSON writes them as null. */
function jsonNumber(_key: string, v: unknown): unknown {
  return typeof v === "number" && !Number.isFinite(v) ? null : v;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = ownRecord<unknown>();
    for (const k of Object.keys(v).sort(compareText)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) setOwn(out, k, sortKeys(x));
    }
    return out;
  }
  return v;
}

/** Whether the history is written with a `time` column. */
export function historyHasTime(history: ImportedHistory): boolean {
  return (
    history.rows.some((r) => r.time !== null) ||
    // Without a `time` column the loader would read these metrics as the wall time.
    history.metrics.some((m) => m === "_timestamp" || m === "timestamp")
  );
}

export function historyCsv(history: ImportedHistory): string {
  const hasTime = historyHasTime(history);
  const header = ["step", ...(hasTime ? ["time"] : []), ...history.metrics];
  const lines = [header.map(csvText).join(",")];
  for (const row of history.rows) {
    const cells = [formatNumber(row.step)];
    if (hasTime) cells.push(row.time === null ? "" : formatNumber(row.time));
    for (const m of history.metrics) {
      // Own keys only: a metric named `constructor` that this row did not log is not Object.
      const v = Object.hasOwn(row.values, m) ? row.values[m] : undefined;
      cells.push(v === undefined || v === null ? "" : formatNumber(v));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  // String(-0) is "0": the sign would be lost on the way to history.csv.
  return Object.is(n, -0) ? "-0" : String(n);
}

function csvText(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}
