/**
 * Joins per-metric series (MLflow metric files, dvclive TSVs) into one history: one row per
 * distinct step, in ascending step order. A step logged twice for one metric keeps its last value
 * in file order; the earlier ones are counted so the caller can report them as skipped.
 */
import type { ImportedHistory } from "./importedRun.ts";
import { ownRecord } from "../ownRecord.ts";

export interface SeriesPoint {
  step: number;
  /** Unix seconds, or null. */
  time: number | null;
  value: number;
}

export interface Series {
  metric: string;
  points: SeriesPoint[];
}

export interface MergedSeries {
  history: ImportedHistory | null;
  /** Per metric, how many points were replaced by a later point at the same step. */
  overwritten: Map<string, number>;
}

export function mergeSeries(series: readonly Series[]): MergedSeries {
  const overwritten = new Map<string, number>();
  const byStep = new Map<number, { time: number | null; values: Record<string, number | null> }>();
  const metrics: string[] = [];
  for (const s of series) {
    if (!metrics.includes(s.metric)) metrics.push(s.metric);
    for (const p of s.points) {
      let row = byStep.get(p.step);
      if (!row) byStep.set(p.step, (row = { time: null, values: ownRecord<number | null>() }));
      if (s.metric in row.values) overwritten.set(s.metric, (overwritten.get(s.metric) ?? 0) + 1);
      row.values[s.metric] = p.value;
      // The row's wall time is the latest time any metric was logged at that step.
      if (p.time !== null && (row.time === null || p.time > row.time)) row.time = p.time;
    }
  }
  if (byStep.size === 0) return { history: metrics.length ? { metrics, rows: [] } : null, overwritten };
  const rows = [...byStep.entries()].sort((a, b) => a[0] - b[0]).map(([step, r]) => ({ step, time: r.time, values: r.values }));
  return { history: { metrics, rows }, overwritten };
}
