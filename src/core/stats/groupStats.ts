import { tCritical95 } from "../series/stats.ts";

export type GroupAgg = "mean" | "median" | "min" | "max";
export type GroupBand = "stderr" | "stddev" | "minmax" | "ci95" | "none";

/**
 * One group's value and band from its runs' values (finite ones only): the centre by `agg`, the
 * band around that centre — the same definitions the line charts' bands use (docs/smoothing.md).
 */
export function groupStats(values: readonly number[], agg: GroupAgg, band: GroupBand): { value: number; lower: number; upper: number; n: number } | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return null;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const median = n % 2 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
  const value = agg === "mean" ? mean : agg === "median" ? median : agg === "min" ? v[0]! : v[n - 1]!;
  const sd = n > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  let half = 0;
  if (band === "stddev") half = sd;
  else if (band === "stderr") half = sd / Math.sqrt(n);
  else if (band === "ci95") half = n > 1 ? tCritical95(n - 1) * (sd / Math.sqrt(n)) : 0;
  if (band === "minmax") return { value, lower: v[0]!, upper: v[n - 1]!, n };
  return { value, lower: value - half, upper: value + half, n };
}
