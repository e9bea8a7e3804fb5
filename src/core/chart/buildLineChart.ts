import { smooth, type SmoothSpec } from "../series/smooth.ts";
import { compareText } from "../format/compareText.ts";
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, displayNames, plural } from "./chartCommon.ts";
import { downsampleIndices } from "./downsampleSeries.ts";
import { dashFor, extent } from "./line/geometry.ts";
import { stepRounding, roundToStep, type StepRounding, xRoundingStep, yRoundingStep } from "./line/quantize.ts";
import { scanSeries, type SeriesStats } from "./line/scanSeries.ts";
import {
  roundSignificant,
  seriesLabel,
  type LineChartData,
  type LineChartDataSeries,
} from "./lineChartData.ts";

export type XKind = "step" | "time" | "relative" | "metric";
export type ScaleType = "linear" | "log";

export interface LineChartSeriesInput {
  runId: string;
  runName: string;
  metric: string;
  color: string;
  /**
   * x values in logged order. For kind `"step"` and `"metric"` as plotted; for `"time"` and
   * `"relative"` the run's wall time in unix seconds (`History.time`), converted here.
   */
  x: Float64Array;
  /** NaN is a gap. For a group of runs: the aggregate's centre line. */
  y: Float64Array;
  /** Band around the line (e.g. `aggregateSeries`' lower/upper), same length as x; NaN = no band there. */
  band?: { lower: Float64Array; upper: Float64Array };
  /** Runs contributing at each x (`aggregateSeries`' count); shown as `n` in the tooltip. */
  count?: Int32Array;
  /** Position in the legend before names are compared. __Default:__ 0 (legend by name). */
  legendOrder?: number;
}

export interface LineChartInput {
  /** Stable chart id, e.g. `"sweep-chart-1"`; names the chart's state in the URL hash. */
  id: string;
  title?: string;
  x: { kind: XKind; metric?: string; label: string };
  yLabel: string;
  scale: { x: ScaleType; y: ScaleType };
  series: LineChartSeriesInput[];
  /** Most points per series in the interactive chart. Callers default it to 1000. */
  maxPoints: number;
  /** __Default value:__ 640 */
  width?: number;
  /** __Default value:__ 320 */
  height?: number;
  /** Title of the colour legend. __Default value:__ `"run"` */
  legendTitle?: string;
  /**
   * Smoothing: the chart shows the smoothed line with the raw line faint behind it. The static
   * SVG smooths the full series; the page smooths the downsampled points (and offers a slider).
   */
  smoothing?: SmoothSpec;
}

/** Full-resolution geometry for the static SVG (build only, never serialised). */
export interface LineRenderSeries {
  color: string;
  /** SVG stroke-dasharray, "" for solid. */
  dash: string;
  x: Float64Array;
  /** The drawn line: smoothed when the chart smooths, else raw. */
  y: Float64Array;
  /** The raw line drawn faint behind a smoothed one. */
  raw?: Float64Array;
  lower?: Float64Array;
  upper?: Float64Array;
  /** An aggregate of runs (`count` given): the static SVG draws it and its band per pixel column. */
  grouped?: true;
  /** From `scanSeries` (charts built by `buildLineChart`). */
  stats?: SeriesStats;
}

export interface LineChartRender {
  id: string;
  series: LineRenderSeries[];
  /** Extent of everything drawn; null when nothing can be drawn. */
  domain: { x: [number, number]; y: [number, number] } | null;
}

export interface LineChart {
  /** The accessible name: the title, or "<y> by <x>". */
  description: string;
  /** Size of the static SVG, px. */
  width: number;
  height: number;
  data: LineChartData;
  /** Things the reader should know that the chart does not show, e.g. points hidden by a log axis. */
  notes: string[];
  /** What `lineChartSvg` draws at build: full-resolution lines (not part of the page payload). */
  render: LineChartRender;
}

export { DEFAULT_HEIGHT, DEFAULT_WIDTH };

/**
 * Line chart of run histories: one line per (run, metric).
 * Phases: order and label series → transform x (time, relative) → hide what a log axis cannot
 * show → smooth (full series, for the static SVG) → downsample → round into compact data. The
 * build draws the chart from `render` (`line/lineChartSvg.ts`), the page from `data`, both with
 * Runfolio's own frame and line geometry (no vega for line charts).
 */
export function buildLineChart(input: LineChartInput): LineChart {
  const notes: string[] = [];
  const multiMetric = new Set(input.series.map((s) => s.metric)).size > 1;
  const names = displayNames(input.series.map((s) => ({ runId: s.runId, name: s.runName })));
  const seen = new Set<string>();
  const labelled = input.series.map((s) => {
    const key = `${s.runId}\u0000${s.metric}`;
    if (seen.has(key)) throw new RangeError(`series ${s.runId} · ${s.metric} is given twice`);
    seen.add(key);
    if (s.band && (s.band.lower.length !== s.x.length || s.band.upper.length !== s.x.length)) {
      throw new RangeError(`series ${s.runId} · ${s.metric}: band and x differ in length`);
    }
    if (s.count && s.count.length !== s.x.length) throw new RangeError(`series ${s.runId} · ${s.metric}: count and x differ in length`);
    const name = names.get(s.runId)!;
    return { s, name, label: seriesLabel(name, s.metric, multiMetric) };
  });
  // Legend order: `legendOrder` first (groups by value, so lr=1e-4 before lr=0.001), then name.
  labelled.sort(
    (a, b) => (a.s.legendOrder ?? 0) - (b.s.legendOrder ?? 0) || compareText(a.name, b.name) || compareText(a.s.metric, b.s.metric),
  );
  const metrics = [...new Set(labelled.map((l) => l.s.metric))].sort(compareText);

  const xLog = input.scale.x === "log" && input.x.kind !== "time";
  if (input.scale.x === "log" && !xLog) notes.push("A log scale does not apply to wall time; the x axis is linear.");
  const yLog = input.scale.y === "log";
  const smoothing = input.smoothing && input.smoothing.kind !== "none" ? input.smoothing : undefined;

  const render: LineRenderSeries[] = [];
  const series: LineChartDataSeries[] = labelled.map(({ s, name, label }) => {
    const x = transformX(s.x, input.x.kind);
    const lower = s.band?.lower.slice();
    const upper = s.band?.upper.slice();
    const { stats, y, hiddenX, hiddenY } = scanSeries(x, s.y, { lower, upper, xLog, yLog });
    if (hiddenX > 0) notes.push(`${label}: ${plural(hiddenX, "point")} with x ≤ 0 not shown on the log x axis.`);
    if (hiddenY > 0) notes.push(`${label}: ${plural(hiddenY, "point")} with y ≤ 0 not shown on the log y axis.`);
    const metricIndex = metrics.indexOf(s.metric);
    render.push({
      color: s.color,
      dash: multiMetric ? dashFor(metricIndex) : "",
      x,
      y: smoothing ? smooth(x, y, smoothing) : y,
      ...(smoothing ? { raw: y } : {}),
      ...(lower && upper ? { lower, upper } : {}),
      ...(s.count ? { grouped: true as const } : {}),
      stats,
    });
    const idx = downsampleIndices(x, y, input.maxPoints);
    const precision = shippedPrecision(stats, x.length, input.maxPoints, input.x.kind, xLog);
    return {
      run: s.runId,
      name,
      metric: s.metric,
      color: s.color,
      ...compactSeries(x, y, idx, precision, input.x.kind, lower, upper, s.count),
      ...(precision.xStep > 0 ? { xRounding: precision.xStep } : {}),
      ...(multiMetric ? { m: metricIndex } : {}),
    };
  });

  const domain = drawnDomain(render, smoothing !== undefined);
  const data: LineChartData = {
    id: input.id,
    xKind: input.x.kind,
    xLabel: input.x.label,
    yLabel: input.yLabel,
    scale: { x: xLog ? "log" : "linear", y: yLog ? "log" : "linear" },
    legendTitle: input.legendTitle ?? "run",
    ...(smoothing ? { smoothing } : {}),
    metrics,
    ...(domain ? { domain } : {}),
    series,
  };
  return {
    data,
    notes,
    render: { id: input.id, series: render, domain },
    description: input.title ?? `${input.yLabel} by ${input.x.label}`,
    width: input.width ?? DEFAULT_WIDTH,
    height: input.height ?? DEFAULT_HEIGHT,
  };
}

/**
 * Extent of everything drawn, from each series' scan: y over lines, raw lines and bands (and the
 * smoothed lines, which can only be scanned after smoothing), x over the points that draw something.
 */
function drawnDomain(series: readonly LineRenderSeries[], smoothed: boolean): LineChartRender["domain"] {
  let yLo = Infinity;
  let yHi = -Infinity;
  let xLo = Infinity;
  let xHi = -Infinity;
  for (const s of series) {
    const st = s.stats!;
    if (st.yLo < yLo) yLo = st.yLo;
    if (st.yHi > yHi) yHi = st.yHi;
    if (st.drawnXLo < xLo) xLo = st.drawnXLo;
    if (st.drawnXHi > xHi) xHi = st.drawnXHi;
  }
  if (smoothed) {
    const y = extent(series.map((s) => ({ x: s.x, values: s.y })));
    if (y && y[0] < yLo) yLo = y[0];
    if (y && y[1] > yHi) yHi = y[1];
  }
  if (!(yLo <= yHi) || !(xLo <= xHi)) return null;
  return { x: [xLo, xHi], y: [yLo, yHi] };
}

function transformX(x: Float64Array, kind: XKind): Float64Array {
  if (kind === "time") return x.map((t) => t * 1000);
  if (kind !== "relative") return x;
  const t0 = x.find((t) => Number.isFinite(t));
  return t0 === undefined ? x.slice() : x.map((t) => (t - t0) / 3600);
}

interface ShippedPrecision {
  /** y (and band) rounded to multiples of this; 0: no finite y. */
  yStep: number;
  /** x of a downsampled series rounded to multiples of this; 0: x exact. */
  xStep: number;
}

/** How precisely this series' points go into the page (see `line/quantize.ts`). */
function shippedPrecision(stats: SeriesStats, length: number, maxPoints: number, kind: XKind, xLog: boolean): ShippedPrecision {
  const yStep = yRoundingStep(stats.yLo, stats.yHi, stats.minPositive);
  // A linear step means nothing on a log axis (step 150 → 200 is a tenth of a decade there).
  if (length <= maxPoints || xLog || !(stats.xHi > stats.xLo)) return { yStep, xStep: 0 };
  return { yStep, xStep: xRoundingStep(stats.xHi - stats.xLo, maxPoints, stats.whole || kind === "time") };
}

/**
 * The kept points (indices from `downsampleIndices`), y rounded to the series' step
 * and x exact (wall time to whole milliseconds, others to 6 significant digits) unless the series
 * was downsampled (then to `xStep`), gaps as `null`, leading and trailing gaps dropped and
 * consecutive gaps collapsed into one; band and run counts carried along.
 */
function compactSeries(
  x: Float64Array,
  y: Float64Array,
  idx: Int32Array,
  precision: ShippedPrecision,
  kind: XKind,
  lower?: Float64Array,
  upper?: Float64Array,
  count?: Int32Array,
): Pick<LineChartDataSeries, "x" | "y" | "band" | "n"> {
  const n = idx.length;
  const band = lower !== undefined && upper !== undefined;
  // Sized up front (trimmed at the end): growing by push cost more than the rounding.
  const ox = new Array<number>(n);
  const oy = new Array<number | null>(n);
  const ol = new Array<number | null>(band ? n : 0);
  const ou = new Array<number | null>(band ? n : 0);
  const on = new Array<number>(count ? n : 0);
  const yRounding = stepRounding(precision.yStep);
  const xRounding = stepRounding(precision.xStep);
  // The first and last kept points keep their x (the line ends where the run did), and rounded
  // ones stay between them, so x never runs backwards or outside the run.
  const firstX = n ? roundX(x[idx[0]!]!, kind) : NaN;
  const lastKeptX = n ? roundX(x[idx[n - 1]!]!, kind) : NaN;
  let lastX = NaN;
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const xi = x[i]!;
    const yi = y[i]!;
    const interior = k > 0 && k < n - 1;
    if (!(xi - xi === 0 && yi - yi === 0)) {
      // One null per gap, none before the first point.
      if (m === 0 || oy[m - 1] === null) continue;
      ox[m] = xi - xi === 0 ? shippedX(xi, kind, xRounding, interior, firstX, lastKeptX) : lastX;
      oy[m] = null;
      if (band) ol[m] = ou[m] = null;
      if (count) on[m] = 0;
      m++;
      continue;
    }
    lastX = shippedX(xi, kind, xRounding, interior, firstX, lastKeptX);
    ox[m] = lastX;
    oy[m] = shippedY(yi, yRounding);
    if (band) {
      ol[m] = shippedY(lower[i]!, yRounding);
      ou[m] = shippedY(upper[i]!, yRounding);
    }
    if (count) on[m] = count[i]!;
    m++;
  }
  // No trailing gap.
  if (m > 0 && oy[m - 1] === null) m--;
  ox.length = oy.length = m;
  if (band) ol.length = ou.length = m;
  if (count) on.length = m;
  return { x: ox, y: oy, ...(band ? { band: { lower: ol, upper: ou } } : {}), ...(count ? { n: on } : {}) };
}

/** y as shipped: rounded to the series' step; null for a gap. */
function shippedY(v: number, rounding: StepRounding): number | null {
  if (v - v !== 0) return null;
  const r = roundToStep(v, rounding);
  // Beyond nine decades of range a tiny positive value would round to 0 (off a log axis).
  return r <= 0 && v > 0 ? roundSignificant(v, 4) : r;
}

/** x as shipped: exact (see `roundX`), or for the interior points of a downsampled series rounded to its step within [first, last]. */
function shippedX(v: number, kind: XKind, rounding: StepRounding, interior: boolean, first: number, last: number): number {
  if (!(rounding.step > 0 && interior)) return roundX(v, kind);
  const r = roundToStep(roundX(v, kind), rounding);
  return r < first ? first : r > last ? last : r;
}

function roundX(v: number, kind: XKind): number {
  return kind === "time" ? Math.round(v) : roundSignificant(v);
}
