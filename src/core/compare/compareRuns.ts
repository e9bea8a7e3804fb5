import { formatDateTime, formatDuration, formatNumber, formatValue, GAP } from "../format/formatValue.ts";
import { configValueAt, fieldLabel, fieldsOfRuns, IDENTITY_FIELDS, shortLabel, type IdentityField } from "../query/fields.ts";
import type { Run } from "../run.ts";
import { stableJson } from "../explore/stableJson.ts";

export type CompareSection = "run" | "config" | "summary";

/** A numeric difference from the first (reference) run. `pct` is null when the reference is 0. */
export interface Delta {
  abs: number;
  pct: number | null;
}

export interface CompareRow {
  section: CompareSection;
  /** Canonical field path (`config.optimizer.lr`, `summary.val/loss`, `state`). */
  key: string;
  /** The key without its section root, as the row header shows it. */
  label: string;
  /** One value per run; `undefined` where the run does not have the key. */
  values: unknown[];
  /** False when every run has the same value (missing counts as a value of its own). */
  differs: boolean;
  /** Per run: the difference to run 0 when both are finite numbers and they differ, else null. */
  deltas: (Delta | null)[];
}

export interface CompareResult {
  runs: Pick<Run, "id" | "name" | "project">[];
  rows: CompareRow[];
}

export type CompareInput = Pick<Run, "id" | "name" | "project" | "state" | "group" | "tags" | "created" | "duration" | "steps" | "config" | "summary">;

/** Identity fields compared as rows: id and name head the columns already, and notes are prose, not a setting. */
const RUN_FIELDS = IDENTITY_FIELDS.filter((f): f is Exclude<IdentityField, "id" | "name" | "notes"> => f !== "id" && f !== "name" && f !== "notes");

/**
 * Runs side by side: a row per run field, per config leaf (nested keys flattened to paths; lists
 * are one value) and per summary metric that any of the runs has. Rows keep every key; callers
 * show only `differs` rows by default. `keys` (globs over the canonical path or the path without
 * its root, `*` spanning `/` and `.`) limits the config and summary rows.
 */
export function compareRuns(runs: readonly CompareInput[], opts: { keys?: readonly { test(text: string): boolean }[] } = {}): CompareResult {
  const rows: CompareRow[] = [];
  const push = (section: CompareSection, key: string, label: string, values: unknown[]) => {
    const canon = values.map((v) => (v === undefined ? "\u0000missing" : stableJson(v)));
    const differs = canon.some((c) => c !== canon[0]);
    const base = values[0];
    const deltas = values.map((v, i): Delta | null => {
      if (i === 0 || typeof v !== "number" || typeof base !== "number" || !Number.isFinite(v) || !Number.isFinite(base) || v === base) return null;
      return { abs: v - base, pct: base === 0 ? null : ((v - base) / Math.abs(base)) * 100 };
    });
    rows.push({ section, key, label, values, differs, deltas });
  };
  for (const f of RUN_FIELDS) push("run", f, f, runs.map((r) => r[f]));

  const wanted = (key: string, label: string) => !opts.keys || opts.keys.some((re) => re.test(key) || re.test(label));
  const fields = fieldsOfRuns(runs);
  for (const path of fields.config) {
    const key = fieldLabel(path);
    const label = shortLabel(path);
    // A key that is a leaf here but a (non-empty) tree in another run shows as its JSON.
    if (wanted(key, label)) push("config", key, label, runs.map((r) => configValueAt(r.config, path.keys)));
  }
  for (const path of fields.summary) {
    const m = path.keys[0]!;
    const key = fieldLabel(path);
    if (wanted(key, m)) push("summary", key, m, runs.map((r) => (Object.hasOwn(r.summary, m) ? r.summary[m] : undefined)));
  }
  return { runs: runs.map((r) => ({ id: r.id, name: r.name, project: r.project })), rows };
}

/** A cell's text: dates and durations readable, gaps a dash, missing keys said so. */
export function compareCellText(row: Pick<CompareRow, "key">, value: unknown): string {
  if (value === undefined) return "not set";
  if (row.key === "created" && (typeof value === "string" || value === null)) return formatDateTime(value);
  if (row.key === "duration" && (typeof value === "number" || value === null)) return formatDuration(value);
  if (row.key === "tags" && Array.isArray(value)) return value.length ? value.join(", ") : GAP;
  return formatValue(value);
}

/**
 * `+0.0007 (+233%)`, `−0.12 (−3.1%)`, and for the duration row `−9m 30s (−33.3%)`; the
 * percentage is left out when the reference is 0.
 */
export function formatDelta(delta: Delta, key?: string): string {
  const sign = (n: number) => (n > 0 ? "+" : n < 0 ? "\u2212" : "");
  const size = key === "duration" ? formatDuration(Math.abs(delta.abs)) : formatNumber(Math.abs(delta.abs));
  const abs = `${sign(delta.abs)}${size}`;
  if (delta.pct === null) return abs;
  const p = Math.abs(delta.pct);
  // Trailing zeros go only after a decimal point: 9.99…% rounds to "10", which must stay "10".
  const trim = (t: string) => (t.includes(".") && !t.includes("e") ? t.replace(/\.?0+$/, "") : t);
  const pct = p >= 100 ? Math.round(p).toString() : p >= 10 ? trim(p.toFixed(1)) : trim(p.toPrecision(2));
  return `${abs} (${sign(delta.pct)}${pct}%)`;
}
