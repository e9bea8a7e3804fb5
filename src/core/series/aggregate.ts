/**
 * Aggregation of several runs into one line with a band (seeds of one config → mean ± stderr).
 * Every run is put on a common x grid by linear interpolation between its own points, never
 * beyond its first or last point and never across a gap, so a run that ended early simply stops
 * contributing and `count` narrows. Formulas: docs/smoothing.md ("Aggregating runs"). The work is
 * done by the two passes of aggregateStream.ts, which a caller holding one run at a time uses itself.
 */
import { evenGrid, prepareRun, unionGrid, type PreparedRun } from "./grid.ts";
import { checkedGridPoints, GridAggregate, GridScan, type AggregatedSeries, type AggregateOptions } from "./aggregateStream.ts";

export { DEFAULT_GRID_POINTS, type AggregatedSeries, type AggregateFunction, type AggregateOptions, type BandKind } from "./aggregateStream.ts";

export function aggregateSeries(series: readonly { x: Float64Array; y: Float64Array }[], options: AggregateOptions): AggregatedSeries {
  const gridPoints = checkedGridPoints(options);
  const runs = series.map((s) => prepareRun(s.x, s.y));
  const scan = new GridScan(gridPoints);
  for (const run of runs) scan.add(run);
  const out = new GridAggregate(scan.grid(), runs.length, options);
  runs.forEach((run, k) => out.set(k, run));
  return out.result();
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
