/**
 * Series maths for charts: smoothing (browser-safe, runs on the smoothing slider), aggregation of
 * runs into a line with a band, and M4 downsampling for the build-time SVG. Pure TypeScript over
 * Float64Array; no DOM, no Node APIs. See docs/smoothing.md.
 */
export { medianSpacing, smooth, type SmoothKind, type SmoothSpec } from "./smooth.ts";
export {
  aggregateSeries,
  commonGrid,
  DEFAULT_GRID_POINTS,
  type AggregatedSeries,
  type AggregateFunction,
  type AggregateOptions,
  type BandKind,
} from "./aggregate.ts";
export { m4 } from "./m4.ts";
export { evenGrid, interpolateOnGrid, prepareRun, unionGrid, type PreparedRun } from "./grid.ts";
export { medianInPlace, selectInPlace, T_CRITICAL_95, tCritical95 } from "./stats.ts";
