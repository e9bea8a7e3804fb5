/**
 * Aggregation of several runs into one line with a band (seeds of one config → mean ± stderr).
 * Every run is put on a common x grid by linear interpolation between its own points, never
 * beyond its first or last point and never across a gap, so a run that ended early simply stops
 * contributing and `count` narrows. Formulas: docs/smoothing.md ("Aggregating runs").
 */
import { evenGrid, interpolateOnGrid, prepareRun, unionGrid, type PreparedRun } from "./grid.ts";
import { tCritical95 } from "./stats.ts";

export type AggregateFunction = "mean" | "median" | "min" | "max";
export type BandKind = "stderr" | "stddev" | "minmax" | "ci95" | "none";

export interface AggregateOptions {
  agg: AggregateFunction;
  band: BandKind;
  /** Grid size when the union of the runs' x values is larger than this; default 1000. */
  gridPoints?: number;
}

export interface AggregatedSeries {
  /** The common grid, strictly increasing. */
  x: Float64Array;
  /** `agg` of the runs' values at each x; NaN where no run contributes. */
  center: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** How many runs contribute at each x. */
  count: Int32Array;
  /** Grid indices i ≥ 1 where count[i] < count[i − 1] (a run ended, or entered a gap, after x[i − 1]). */
  ended: number[];
}

export const DEFAULT_GRID_POINTS = 1000;

export function aggregateSeries(
  series: readonly { x: Float64Array; y: Float64Array }[],
  options: AggregateOptions,
): AggregatedSeries {
  const { agg, band } = options;
  const gridPoints = options.gridPoints ?? DEFAULT_GRID_POINTS;
  if (!(Number.isInteger(gridPoints) && gridPoints >= 2)) {
    throw new RangeError(`gridPoints must be an integer ≥ 2, got ${gridPoints}`);
  }
  if (!AGGS.has(agg)) throw new RangeError(`unknown aggregate ${JSON.stringify(agg)}`);
  if (!BANDS.has(band)) throw new RangeError(`unknown band ${JSON.stringify(band)}`);

  const runs = series.map((s) => prepareRun(s.x, s.y));
  const grid = commonGrid(runs, gridPoints);
  const g = grid.length;
  const r = runs.length;

  // values[k * g + i] = run k at grid[i]
  const values = new Float64Array(r * g);
  for (let k = 0; k < r; k++) interpolateOnGrid(runs[k], grid, values.subarray(k * g, (k + 1) * g));

  const center = new Float64Array(g);
  const lower = new Float64Array(g);
  const upper = new Float64Array(g);
  const count = new Int32Array(g);
  const ended: number[] = [];
  const scratch = new Float64Array(r);

  for (let i = 0; i < g; i++) {
    let n = 0;
    for (let k = 0; k < r; k++) {
      const v = values[k * g + i];
      if (v === v) scratch[n++] = v;
    }
    count[i] = n;
    if (i > 0 && n < count[i - 1]) ended.push(i);
    if (n === 0) {
      center[i] = lower[i] = upper[i] = NaN;
      continue;
    }
    const vals = scratch.subarray(0, n);
    let min = vals[0];
    let max = vals[0];
    // mean as first + Σ(v − first)/n: exact when all values are equal
    const first = vals[0];
    let dev = 0;
    for (let k = 0; k < n; k++) {
      const v = vals[k];
      if (v < min) min = v;
      if (v > max) max = v;
      dev += v - first;
    }
    const mean = first + dev / n;
    let c: number;
    switch (agg) {
      case "mean":
        c = mean;
        break;
      case "min":
        c = min;
        break;
      case "max":
        c = max;
        break;
      case "median": {
        vals.sort();
        const h = n >>> 1;
        c = n % 2 === 1 ? vals[h] : vals[h - 1] + (vals[h] - vals[h - 1]) / 2;
        break;
      }
    }
    center[i] = c;
    if (band === "none" || n === 1 || min === max) {
      lower[i] = upper[i] = c;
      continue;
    }
    if (band === "minmax") {
      lower[i] = min;
      upper[i] = max;
      continue;
    }
    let ss = 0;
    for (let k = 0; k < n; k++) {
      const d = vals[k] - mean;
      ss += d * d;
    }
    const sd = Math.sqrt(ss / (n - 1));
    const half = band === "stddev" ? sd : band === "stderr" ? sd / Math.sqrt(n) : (tCritical95(n - 1) * sd) / Math.sqrt(n);
    lower[i] = c - half;
    upper[i] = c + half;
  }
  return { x: grid, center, lower, upper, count, ended };
}

/**
 * The union of the runs' x values if it has at most `gridPoints` values, else `gridPoints` evenly
 * spaced values over its range (whole numbers when every x is a whole number, e.g. steps).
 */
export function commonGrid(runs: readonly PreparedRun[], gridPoints: number): Float64Array {
  // A run longer than the budget makes the union too large: skip sorting millions of values.
  if (runs.every((r) => r.x.length <= gridPoints)) {
    const union = unionGrid(runs);
    if (union.length <= gridPoints) return union;
  }
  let lo = Infinity;
  let hi = -Infinity;
  let integer = true;
  for (const r of runs) {
    const n = r.x.length;
    if (n === 0) continue;
    if (r.x[0] < lo) lo = r.x[0];
    if (r.x[n - 1] > hi) hi = r.x[n - 1];
    if (integer) for (let i = 0; i < n && integer; i++) integer = Number.isInteger(r.x[i]);
  }
  return evenGrid(lo, hi, gridPoints, integer);
}

const AGGS: ReadonlySet<string> = new Set<AggregateFunction>(["mean", "median", "min", "max"]);
const BANDS: ReadonlySet<string> = new Set<BandKind>(["stderr", "stddev", "minmax", "ci95", "none"]);
