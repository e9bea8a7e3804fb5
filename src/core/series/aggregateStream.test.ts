import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateSeries, commonGrid, type AggregatedSeries, type AggregateFunction, type AggregateOptions, type BandKind } from "./aggregate.ts";
import { GridAggregate, GridScan } from "./aggregateStream.ts";
import { interpolateOnGrid, prepareRun } from "./grid.ts";
import { tCritical95 } from "./stats.ts";

const AGGS: ReadonlySet<string> = new Set(["mean", "median", "min", "max"]);
const BANDS: ReadonlySet<string> = new Set(["stderr", "stddev", "minmax", "ci95", "none"]);
const DEFAULT_GRID_POINTS = 1000;

// The all-at-once aggregation as it was before the two streaming passes (every run prepared and
// interpolated into one matrix first), kept verbatim as the oracle the streaming form must match
// bit for bit, but for the standard deviation of a mean, min or max: that one now comes from
// running sums (no matrix) and matches to rounding.
function legacyAggregateSeries(
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


const f = (...v: number[]) => Float64Array.from(v);
const ALL_AGGS: AggregateFunction[] = ["mean", "median", "min", "max"];
const ALL_BANDS: BandKind[] = ["stderr", "stddev", "minmax", "ci95", "none"];

/** Both results as arrays of bit patterns (NaN, −0 and every last bit count). */
function bits(out: ReturnType<typeof aggregateSeries>): unknown {
  const b = (a: Float64Array) => Array.from(new BigUint64Array(a.slice().buffer), String);
  return { x: b(out.x), center: b(out.center), lower: b(out.lower), upper: b(out.upper), count: Array.from(out.count), ended: out.ended };
}

/** The streaming passes as a caller holding one run at a time uses them; the second in a shuffled order when it may. */
function streamed(series: readonly { x: Float64Array; y: Float64Array }[], options: AggregateOptions, order?: readonly number[]): ReturnType<typeof aggregateSeries> {
  const scan = new GridScan(options.gridPoints ?? DEFAULT_GRID_POINTS);
  for (const s of series) scan.add(prepareRun(s.x, s.y));
  const out = new GridAggregate(scan.grid(), series.length, options);
  const matrix = options.agg === "median";
  for (const k of matrix && order ? order : series.map((_, i) => i)) out.set(k, prepareRun(series[k]!.x, series[k]!.y));
  return out.result();
}

/** Whether the band comes from running sums of squares (a mean, min or max with a standard deviation). */
function summedDeviation(options: AggregateOptions): boolean {
  return options.agg !== "median" && (options.band === "stderr" || options.band === "stddev" || options.band === "ci95");
}

/**
 * Band edges equal, or (from running sums) within rounding of the oracle's: relative 1e-9 of the
 * values around them, or 1e-150 absolute (squares of values that small underflow either way).
 */
function expectCloseEdges(got: Float64Array, want: Float64Array, center: Float64Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (Object.is(got[i], want[i])) continue;
    const scale = Math.max(Math.abs(want[i]!), Math.abs(center[i]!), 1e-300);
    expect(Math.abs(got[i]! - want[i]!), `edge ${i}: ${got[i]} against ${want[i]}`).toBeLessThanOrEqual(1e-9 * scale + 1e-150);
  }
}

function expectSame(series: readonly { x: Float64Array; y: Float64Array }[], options: AggregateOptions, order?: readonly number[]): void {
  const oracle = legacyAggregateSeries(series, options);
  for (const got of [aggregateSeries(series, options), streamed(series, options, order)]) {
    if (!summedDeviation(options)) {
      expect(bits(got)).toEqual(bits(oracle));
      continue;
    }
    const { lower, upper, ...rest } = bits(got) as Record<string, unknown>;
    const { lower: wantLower, upper: wantUpper, ...wantRest } = bits(oracle) as Record<string, unknown>;
    expect(rest).toEqual(wantRest);
    expect([lower, upper].map((b) => (b as string[]).length)).toEqual([wantLower, wantUpper].map((b) => (b as string[]).length));
    expectCloseEdges(got.lower, oracle.lower, oracle.center);
    expectCloseEdges(got.upper, oracle.upper, oracle.center);
  }
}

const fixtures: Record<string, { x: Float64Array; y: Float64Array }[]> = {
  "different ranges (docs/smoothing.md's example)": [
    { x: f(0, 10, 20, 30), y: f(1, 2, 3, 4) },
    { x: f(0, 5, 20), y: f(3, 4, 5) },
    { x: f(10, 30), y: f(0, 2) },
  ],
  "gaps, NaN and ±Infinity inside runs": [
    { x: f(0, 1, 2, 3, 4, 5), y: f(1, NaN, 3, Infinity, 5, 6) },
    { x: f(0, NaN, 2, 4, 6), y: f(2, 9, 2, -Infinity, 3) },
    { x: f(1, 3, 5), y: f(NaN, NaN, NaN) },
  ],
  "unsorted x, repeated steps (last wins), −0": [
    { x: f(3, 1, 2, 2, 0), y: f(4, 2, 3, 3.5, 1) },
    { x: f(-0, 0, 1, 5), y: f(7, 8, 9, 10) },
    { x: f(0, 2), y: f(1, 1) },
  ],
  "equal values (a collapsed band), a single run at some points": [
    { x: f(0, 1, 2), y: f(0.1, 0.1, 0.1) },
    { x: f(0, 1, 2, 3), y: f(0.1, 0.1, 0.1, 0.2) },
  ],
  "log-like x (wall time, fractional) and empty runs": [
    { x: f(1e-3, 1e-2, 1e-1, 1, 10, 100), y: f(6, 5, 4, 3, 2, 1) },
    { x: f(), y: f() },
    { x: f(5e-3, 0.5, 50), y: f(5, 3, 1) },
  ],
  "no runs": [],
};

describe("GridScan + GridAggregate (streaming aggregateSeries)", () => {
  for (const [name, series] of Object.entries(fixtures)) {
    it(`matches the all-at-once aggregation bit for bit: ${name}`, () => {
      for (const agg of ALL_AGGS) for (const band of ALL_BANDS) {
        expectSame(series, { agg, band });
        expectSame(series, { agg, band, gridPoints: 3 }, [...series.keys()].reverse());
      }
    });
  }

  it("switches to an even grid once the union passes gridPoints, whole numbers for steps", () => {
    const series = [{ x: f(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), y: f(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) }, { x: f(0.5, 20), y: f(1, 2) }];
    const scan = new GridScan(4);
    scan.add(prepareRun(series[1]!.x, series[1]!.y));
    expect(Array.from(scan.grid())).toEqual([0.5, 20]);
    scan.add(prepareRun(series[0]!.x, series[0]!.y));
    expect(Array.from(scan.grid())).toEqual(Array.from(commonGrid(series.map((s) => prepareRun(s.x, s.y)), 4)));
    for (const agg of ALL_AGGS) for (const band of ALL_BANDS) expectSame(series, { agg, band, gridPoints: 4 });
  });

  it("gives the grid from runs known as every integer of a range that it gives from their points", () => {
    const ranges = fc.array(fc.tuple(fc.integer({ min: -20, max: 40 }), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 6 });
    const others = fc.array(fc.array(fc.double({ min: -30, max: 60, noNaN: true }), { maxLength: 8 }), { maxLength: 3 });
    fc.assert(
      fc.property(ranges, others, fc.integer({ min: 2, max: 30 }), (rs, xs, gridPoints) => {
        const fromPoints = new GridScan(gridPoints);
        const fromRanges = new GridScan(gridPoints);
        for (const x of xs) {
          const sorted = Float64Array.from(x).sort();
          const run = prepareRun(sorted, sorted.map(() => 1));
          fromPoints.add(run);
          fromRanges.add(run);
        }
        for (const [lo, span] of rs) {
          const steps = Float64Array.from({ length: span + 1 }, (_, i) => lo + i);
          fromPoints.add(prepareRun(steps, steps.map(() => 1)));
          fromRanges.addIntegers(lo, lo + span);
        }
        expect(Array.from(fromRanges.grid())).toEqual(Array.from(fromPoints.grid()));
      }),
    );
  });

  it("keeps running sums instead of a matrix but for a median, and says when runs come out of order", () => {
    const grid = f(0, 1);
    const run = prepareRun(f(0, 1), f(1, 2));
    for (const band of ["minmax", "stderr", "ci95"] as const) {
      const mean = new GridAggregate(grid, 2, { agg: "mean", band });
      expect(() => mean.set(1, run)).toThrow(/in order: expected 0, got 1/);
      mean.set(0, run);
      expect(() => mean.result()).toThrow(/1 of 2 runs were never set/);
    }
    const median = new GridAggregate(grid, 2, { agg: "median", band: "none" });
    median.set(1, run);
    median.set(0, prepareRun(f(0, 1), f(3, 4)));
    expect(Array.from(median.result().center)).toEqual([2, 3]);
    expect(() => median.set(2, run)).toThrow(/outside 0…1/);
  });

  it("gives a standard deviation without cancellation for values far from zero, and none for equal values", () => {
    const grid = f(0);
    const at = (...ys: number[]) => {
      const out = new GridAggregate(grid, ys.length, { agg: "mean", band: "stddev" });
      ys.forEach((y, k) => out.set(k, prepareRun(f(0), f(y))));
      const r = out.result();
      return r.upper[0]! - r.center[0]!;
    };
    // 1e9 + {0, 1, 2}: sample standard deviation 1 (squares of the raw values would lose it)
    expect(at(1e9, 1e9 + 1, 1e9 + 2)).toBeCloseTo(1, 6);
    expect(at(1e9 + 2, 1e9, 1e9 + 1)).toBeCloseTo(1, 6);
    expect(at(0.1, 0.1, 0.1)).toBe(0);
    // the first value an outlier: the sums are taken from it, the deviation still comes out right
    expect(at(1000, 1, 1, 1)).toBeCloseTo(Math.sqrt(((999 * 0.75) ** 2 + 3 * (999 * 0.25) ** 2) / 3), 9);
  });

  const value = fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e-300) },
  );
  const step = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: -5, max: 60 }) }, { weight: 2, arbitrary: fc.double({ min: -5, max: 60, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, -0) });
  const run = fc.array(fc.tuple(step, value), { maxLength: 40 }).map((points) => ({ x: Float64Array.from(points, (p) => p[0]), y: Float64Array.from(points, (p) => p[1]) }));
  const sortedRun = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), value), { maxLength: 40 }).map((points) => {
    let s = 0;
    return { x: Float64Array.from(points, (p) => (s += p[0])), y: Float64Array.from(points, (p) => p[1]) };
  });

  it("matches the all-at-once aggregation bit for bit on random runs (gaps, NaN, unsorted, ranges, grid sizes)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(run, sortedRun), { maxLength: 12 }),
        fc.constantFrom(...ALL_AGGS),
        fc.constantFrom(...ALL_BANDS),
        fc.option(fc.integer({ min: 2, max: 50 }), { nil: undefined }),
        (series, agg, band, gridPoints) => {
          const options = gridPoints === undefined ? { agg, band } : { agg, band, gridPoints };
          expectSame(series, options, [...series.keys()].reverse());
        },
      ),
      { numRuns: 400 },
    );
  });
});
