/**
 * `aggregateSeries` in two passes that each take one run at a time, so aggregating thousands of
 * runs never holds their series together: `GridScan` finds the common grid from each run's points,
 * then `GridAggregate` puts each run on that grid and summarises every grid point. The result is
 * the same, bit for bit, as aggregating the runs all at once (docs/smoothing.md).
 */
import { evenGrid, interpolateOnGrid, type PreparedRun } from "./grid.ts";
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

const AGGS: ReadonlySet<string> = new Set<AggregateFunction>(["mean", "median", "min", "max"]);
const BANDS: ReadonlySet<string> = new Set<BandKind>(["stderr", "stddev", "minmax", "ci95", "none"]);

/** The grid size `options` ask for, after checking them (a RangeError names what is wrong). */
export function checkedGridPoints(options: AggregateOptions): number {
  const gridPoints = options.gridPoints ?? DEFAULT_GRID_POINTS;
  if (!(Number.isInteger(gridPoints) && gridPoints >= 2)) {
    throw new RangeError(`gridPoints must be an integer ≥ 2, got ${gridPoints}`);
  }
  if (!AGGS.has(options.agg)) throw new RangeError(`unknown aggregate ${JSON.stringify(options.agg)}`);
  if (!BANDS.has(options.band)) throw new RangeError(`unknown band ${JSON.stringify(options.band)}`);
  return gridPoints;
}

/**
 * First pass: the common grid of the runs added. The union of their x values while it has at
 * most `gridPoints` values (kept merged as runs come, so never larger than that), else
 * `gridPoints` evenly spaced values over their range, whole numbers when every x is one.
 */
export class GridScan {
  private union: Float64Array | null = new Float64Array(0);
  private lo = Infinity;
  private hi = -Infinity;
  private integer = true;
  private readonly gridPoints: number;

  constructor(gridPoints: number) {
    this.gridPoints = gridPoints;
  }

  add(run: PreparedRun): void {
    const xs = run.x;
    const n = xs.length;
    if (n > 0) {
      if (xs[0] < this.lo) this.lo = xs[0];
      if (xs[n - 1] > this.hi) this.hi = xs[n - 1];
      if (this.integer) for (let i = 0; i < n && this.integer; i++) this.integer = Number.isInteger(xs[i]);
    }
    if (!this.union) return;
    if (n > this.gridPoints) {
      this.union = null;
      return;
    }
    const merged = mergeDistinct(this.union, xs, this.gridPoints);
    this.union = merged;
  }

  /**
   * As `add` for a run whose x values are exactly the integers `lo`…`hi` (its history facts can
   * say so: steps logged one by one), without its points.
   */
  addIntegers(lo: number, hi: number): void {
    if (lo < this.lo) this.lo = lo;
    if (hi > this.hi) this.hi = hi;
    if (!this.union) return;
    const n = hi - lo + 1;
    if (n > this.gridPoints) {
      this.union = null;
      return;
    }
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = lo + i;
    this.union = mergeDistinct(this.union, xs, this.gridPoints);
  }

  /**
   * As `add` for a run known only by the range and integrality of its x values, in a scan whose
   * grid is even (some run has more points than the grid): only the range counts then.
   */
  addRange(lo: number, hi: number, integer: boolean): void {
    if (lo < this.lo) this.lo = lo;
    if (hi > this.hi) this.hi = hi;
    if (!integer) this.integer = false;
    this.union = null;
  }

  grid(): Float64Array {
    return this.union ? this.union.slice() : evenGrid(this.lo, this.hi, this.gridPoints, this.integer);
  }
}

/**
 * Two increasing arrays of distinct values merged into one (equal values once; of 0 and −0 the
 * −0, as a sort of both would put it first), or null past `max` values.
 */
function mergeDistinct(a: Float64Array, b: Float64Array, max: number): Float64Array | null {
  const out = new Float64Array(Math.min(a.length + b.length, max + 1));
  let i = 0;
  let j = 0;
  let m = 0;
  while (i < a.length || j < b.length) {
    if (m > max) return null;
    let v: number;
    if (j >= b.length || (i < a.length && a[i] < b[j])) v = a[i++];
    else if (i >= a.length || b[j] < a[i]) v = b[j++];
    else {
      v = Object.is(b[j], -0) ? b[j] : a[i];
      i++;
      j++;
    }
    out[m++] = v;
  }
  return m > max ? null : out.slice(0, m);
}

/**
 * Second pass: run k's values on the grid (`set(k, run)`: in run order, or in any order for a
 * median), then each grid point summarised as `aggregateSeries` does. A median needs every run's
 * value at a point, so it keeps a grid × runs matrix (8 bytes a cell: 8 MB for 1,000 runs on
 * 1,000 points). A mean, min or max keeps running sums per point instead, in run order, whatever
 * the band: the standard deviation (stddev, stderr, ci95) comes from the sums of each value's
 * difference from the point's first value and of its square, so memory does not grow with the runs.
 */
export class GridAggregate {
  private readonly grid: Float64Array;
  private readonly runs: number;
  private readonly options: AggregateOptions;
  private readonly g: number;
  private readonly values: Float64Array<ArrayBuffer> | null;
  private readonly row: Float64Array<ArrayBuffer>;
  private readonly running: { n: Int32Array; first: Float64Array; dev: Float64Array; sq: Float64Array; min: Float64Array; max: Float64Array; next: number } | null;

  constructor(grid: Float64Array, runs: number, options: AggregateOptions) {
    checkedGridPoints(options);
    this.grid = grid;
    this.runs = runs;
    this.options = options;
    const g = (this.g = grid.length);
    const matrix = options.agg === "median";
    this.values = matrix ? new Float64Array(runs * g) : null;
    this.row = new Float64Array(g);
    this.running = matrix ? null : { n: new Int32Array(g), first: new Float64Array(g), dev: new Float64Array(g), sq: new Float64Array(g), min: new Float64Array(g), max: new Float64Array(g), next: 0 };
  }

  /** Run k (0 ≤ k < runs). Without a matrix, runs must come in order k = 0, 1, 2, … */
  set(k: number, run: PreparedRun): void {
    if (!(Number.isInteger(k) && k >= 0 && k < this.runs)) throw new RangeError(`run index ${k} outside 0…${this.runs - 1}`);
    if (this.values) {
      interpolateOnGrid(run, this.grid, this.values.subarray(k * this.g, (k + 1) * this.g));
      return;
    }
    const s = this.running!;
    if (k !== s.next) throw new RangeError(`runs must come in order: expected ${s.next}, got ${k}`);
    s.next++;
    const row = interpolateOnGrid(run, this.grid, this.row);
    for (let i = 0; i < this.g; i++) {
      const v = row[i];
      if (v !== v) continue;
      if (s.n[i] === 0) {
        s.first[i] = s.min[i] = s.max[i] = v;
        s.dev[i] = s.sq[i] = 0;
      }
      if (v < s.min[i]) s.min[i] = v;
      if (v > s.max[i]) s.max[i] = v;
      const d = v - s.first[i];
      s.dev[i] += d;
      s.sq[i] += d * d;
      s.n[i]++;
    }
  }

  result(): AggregatedSeries {
    const { agg, band } = this.options;
    const { g, runs: r, values } = this;
    const center = new Float64Array(g);
    const lower = new Float64Array(g);
    const upper = new Float64Array(g);
    const count = new Int32Array(g);
    const ended: number[] = [];
    const scratch = new Float64Array(values ? r : 0);
    const s = this.running;
    if (s && s.next !== r) throw new RangeError(`${r - s.next} of ${r} runs were never set`);

    for (let i = 0; i < g; i++) {
      let n = 0;
      let min: number;
      let max: number;
      let dev = 0;
      let sq = NaN;
      let first: number;
      if (values) {
        for (let k = 0; k < r; k++) {
          const v = values[k * g + i];
          if (v === v) scratch[n++] = v;
        }
        first = min = max = scratch[0];
        // mean as first + Σ(v − first)/n: exact when all values are equal
        for (let k = 0; k < n; k++) {
          const v = scratch[k];
          if (v < min) min = v;
          if (v > max) max = v;
          dev += v - first;
        }
      } else {
        n = s!.n[i];
        first = s!.first[i];
        min = s!.min[i];
        max = s!.max[i];
        dev = s!.dev[i];
        sq = s!.sq[i];
      }
      count[i] = n;
      if (i > 0 && n < count[i - 1]) ended.push(i);
      if (n === 0) {
        center[i] = lower[i] = upper[i] = NaN;
        continue;
      }
      const vals = scratch.subarray(0, n);
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
      // Squared deviations from the mean: summed from the values (matrix), or from the sums of
      // differences from the first value (shifted, so values far from zero lose no precision).
      let ss = 0;
      if (values) {
        for (let k = 0; k < n; k++) {
          const d = vals[k] - mean;
          ss += d * d;
        }
      } else ss = Math.max(0, sq - (dev * dev) / n);
      const sd = Math.sqrt(ss / (n - 1));
      const half = band === "stddev" ? sd : band === "stderr" ? sd / Math.sqrt(n) : (tCritical95(n - 1) * sd) / Math.sqrt(n);
      lower[i] = c - half;
      upper[i] = c + half;
    }
    return { x: this.grid, center, lower, upper, count, ended };
  }
}
