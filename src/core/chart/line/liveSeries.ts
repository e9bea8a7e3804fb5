/**
 * The page's working copy of a line chart's series: typed arrays (gaps as NaN) and a buffer for
 * the smoothed line, redrawn on every slider move, plus the domain a redraw lays the frame out
 * for. DOM-free; the browser's chart view holds these.
 */
import { dashFor, extent } from "./geometry.ts";
import { isMultiMetric, seriesLabel, type LineChartData } from "../lineChartData.ts";

export interface LiveSeries {
  index: number;
  name: string;
  metric: string;
  label: string;
  color: string;
  dash: string;
  x: Float64Array;
  y: Float64Array;
  /** The line drawn: `y` smoothed (a copy of `y` until smoothed). */
  drawn: Float64Array;
  lower?: Float64Array;
  upper?: Float64Array;
  n?: number[];
  /** x never decreases: hover can binary-search it. */
  sorted: boolean;
  /** x was rounded to multiples of this at build (downsampled series): the tooltip says "≈". */
  xRounding?: number;
}

const nanForNull = (v: number | null): number => (v === null ? NaN : v);

export function liveSeries(data: LineChartData): LiveSeries[] {
  const multi = isMultiMetric(data);
  return data.series.map((s, index) => {
    const x = Float64Array.from(s.x);
    const y = Float64Array.from(s.y, nanForNull);
    let sorted = true;
    for (let i = 1; i < x.length && sorted; i++) sorted = x[i]! >= x[i - 1]!;
    return {
      index,
      name: s.name,
      metric: s.metric,
      label: seriesLabel(s.name, s.metric, multi),
      color: s.color,
      dash: multi ? dashFor(s.m ?? 0) : "",
      x,
      y,
      drawn: y.slice(),
      ...(s.band ? { lower: Float64Array.from(s.band.lower, nanForNull), upper: Float64Array.from(s.band.upper, nanForNull) } : {}),
      ...(s.n ? { n: s.n } : {}),
      ...(s.xRounding ? { xRounding: s.xRounding } : {}),
      sorted,
    };
  });
}

/**
 * The domain to lay the frame out for: x is the zoom, else the build's x range (else the shown
 * series' extent); y spans what is drawn inside that x range (the lines, the faint raw lines when
 * smoothed, the bands) among the shown series, or among all when every series is hidden.
 */
export function liveDomain(
  series: readonly LiveSeries[],
  opts: { hidden: ReadonlySet<number>; zoom: [number, number] | null; fullX: [number, number] | undefined; smoothed: boolean; logY: boolean },
): { x: [number, number]; y: [number, number] } | null {
  const visible = series.filter((s) => !opts.hidden.has(s.index));
  const pool = visible.length ? visible : series;
  const full = opts.fullX ?? extent(pool.map((s) => ({ x: s.x, values: s.x })));
  if (!full) return null;
  const x: [number, number] = opts.zoom ?? [full[0], full[1]];
  const arrays: { x: Float64Array; values: Float64Array }[] = [];
  for (const s of pool) {
    arrays.push({ x: s.x, values: s.drawn });
    if (opts.smoothed) arrays.push({ x: s.x, values: s.y });
    if (s.lower && s.upper) arrays.push({ x: s.x, values: s.lower }, { x: s.x, values: s.upper });
  }
  const y = extent(arrays, x[0], x[1], opts.logY) ?? extent(arrays, -Infinity, Infinity, opts.logY);
  if (!y) return null;
  return { x, y };
}
