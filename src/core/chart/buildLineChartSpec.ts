import type { TopLevelSpec } from "vega-lite";
import { downsampleSeries } from "./downsampleSeries.ts";
import {
  roundSignificant,
  SERIES_DATASET,
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
  /** NaN is a gap. */
  y: Float64Array;
}

export interface LineChartInput {
  /** Stable chart id, e.g. `"sweep-chart-1"`; names the chart's signals. */
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
}

export interface LineChart {
  vegaLite: TopLevelSpec;
  data: LineChartData;
  /** Things the reader should know that the chart does not show, e.g. points hidden by a log axis. */
  notes: string[];
}

export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 320;

/**
 * Marks of layers whose name ends with this suffix exist only for interaction (hover points, the
 * nearest-point voronoi) and are left out of the static SVG by `renderChartSvg`.
 */
export const INTERACTIVE_SUFFIX = "__interactive";

/**
 * Line chart of run histories: one line per (run, metric).
 * Phases: order and label series → transform x (time, relative) → hide what a log axis cannot
 * show → downsample → round into compact data → assemble the vega-lite spec.
 */
export function buildLineChartSpec(input: LineChartInput): LineChart {
  const notes: string[] = [];
  const multiMetric = new Set(input.series.map((s) => s.metric)).size > 1;
  const names = displayNames(input.series);
  const seen = new Set<string>();
  const labelled = input.series.map((s) => {
    const key = `${s.runId}\u0000${s.metric}`;
    if (seen.has(key)) throw new RangeError(`series ${s.runId} · ${s.metric} is given twice`);
    seen.add(key);
    const name = names.get(s.runId)!;
    return { s, name, label: seriesLabel(name, s.metric, multiMetric) };
  });
  labelled.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.s.metric, b.s.metric));

  const xLog = input.scale.x === "log" && input.x.kind !== "time";
  if (input.scale.x === "log" && !xLog) notes.push("A log scale does not apply to wall time; the x axis is linear.");
  const yLog = input.scale.y === "log";

  const series: LineChartDataSeries[] = labelled.map(({ s, name, label }) => {
    const x = transformX(s.x, input.x.kind);
    const y = s.y.slice();
    let hiddenX = 0;
    let hiddenY = 0;
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(x[i]!)) y[i] = NaN;
      if (Number.isNaN(y[i]!)) continue;
      if (xLog && x[i]! <= 0) (y[i] = NaN), hiddenX++;
      else if (yLog && y[i]! <= 0) (y[i] = NaN), hiddenY++;
    }
    if (hiddenX > 0) notes.push(`${label}: ${plural(hiddenX, "point")} with x ≤ 0 not shown on the log x axis.`);
    if (hiddenY > 0) notes.push(`${label}: ${plural(hiddenY, "point")} with y ≤ 0 not shown on the log y axis.`);
    const d = downsampleSeries(x, y, input.maxPoints);
    return { run: s.runId, name, metric: s.metric, color: s.color, ...compactXY(d.x, d.y, input.x.kind) };
  });

  const vegaLite = assembleSpec(input, labelled, multiMetric, xLog, yLog);
  return { vegaLite, data: { series }, notes };
}

/** Run names, except that runs sharing a name are shown by id so legend entries stay distinct. */
function displayNames(series: readonly LineChartSeriesInput[]): Map<string, string> {
  const idsByName = new Map<string, Set<string>>();
  for (const s of series) {
    const ids = idsByName.get(s.runName) ?? new Set<string>();
    ids.add(s.runId);
    idsByName.set(s.runName, ids);
  }
  const names = new Map<string, string>();
  for (const s of series) names.set(s.runId, idsByName.get(s.runName)!.size > 1 ? s.runId : s.runName);
  return names;
}

function transformX(x: Float64Array, kind: XKind): Float64Array {
  if (kind === "time") return x.map((t) => t * 1000);
  if (kind !== "relative") return x;
  const t0 = x.find((t) => Number.isFinite(t));
  return t0 === undefined ? x.slice() : x.map((t) => (t - t0) / 3600);
}

/**
 * Rounds to 6 significant digits (wall time to whole milliseconds, integers exactly), turns gaps
 * into `null`, drops leading and trailing gaps and collapses consecutive gaps into one.
 */
function compactXY(x: Float64Array, y: Float64Array, kind: XKind): { x: number[]; y: (number | null)[] } {
  const ox: number[] = [];
  const oy: (number | null)[] = [];
  let lastX = NaN;
  for (let i = 0; i < x.length; i++) {
    const gap = !Number.isFinite(y[i]!) || !Number.isFinite(x[i]!);
    if (gap) {
      if (oy.length === 0 || oy[oy.length - 1] === null) continue;
      ox.push(Number.isFinite(x[i]!) ? roundX(x[i]!, kind) : lastX);
      oy.push(null);
      continue;
    }
    lastX = roundX(x[i]!, kind);
    ox.push(lastX);
    oy.push(roundSignificant(y[i]!));
  }
  if (oy.length > 0 && oy[oy.length - 1] === null) ox.pop(), oy.pop();
  return { x: ox, y: oy };
}

function roundX(v: number, kind: XKind): number {
  return kind === "time" ? Math.round(v) : roundSignificant(v);
}

interface Labelled {
  s: LineChartSeriesInput;
  name: string;
  label: string;
}

/** First item per key, in order. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

function assembleSpec(
  input: LineChartInput,
  labelled: readonly Labelled[],
  multiMetric: boolean,
  xLog: boolean,
  yLog: boolean,
): TopLevelSpec {
  const id = identifier(input.id);
  const temporal = input.x.kind === "time";
  const width = input.width ?? DEFAULT_WIDTH;
  const height = input.height ?? DEFAULT_HEIGHT;
  const metrics = [...new Set(labelled.map((l) => l.s.metric))].sort(compareStrings);
  const description = input.title ?? `${input.yLabel} by ${input.x.label}`;

  const x = temporal
    ? { field: "x", type: "temporal" as const, title: input.x.label, scale: { type: "utc" as const } }
    : {
        field: "x",
        type: "quantitative" as const,
        title: input.x.label,
        scale: xLog ? { type: "log" as const } : { type: "linear" as const, zero: false },
      };
  const y = {
    field: "y",
    type: "quantitative" as const,
    title: input.yLabel,
    // A "nice" log domain rounds out to whole decades and squeezes a loss curve into a sliver.
    scale: yLog ? { type: "log" as const, nice: false, padding: 6 } : { type: "linear" as const, zero: false },
  };
  // Colour is keyed by run (display name): with several metrics the dash tells metrics apart, so
  // the legend lists each run once instead of once per metric.
  const runs = uniqueBy(labelled, (l) => l.name);
  const color = {
    field: "name",
    type: "nominal" as const,
    title: "run",
    scale: { domain: runs.map((l) => l.name), range: runs.map((l) => l.s.color) },
    legend: { orient: "right" as const, labelLimit: 220, symbolType: "stroke" as const },
  };
  const strokeDash = multiMetric
    ? { strokeDash: { field: "metric", type: "nominal" as const, title: "metric", scale: { domain: metrics } } }
    : {};
  const tooltip = [
    { field: "series", type: "nominal" as const, title: multiMetric ? "run · metric" : "run" },
    temporal
      ? { field: "time", type: "nominal" as const, title: input.x.label }
      : { field: "x", type: "quantitative" as const, title: input.x.label, format: ",.6~g" },
    { field: "y", type: "quantitative" as const, title: input.yLabel, format: ",.6~g" },
  ];

  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description,
    // The page draws the title as the figure's caption; here it is only the accessible name.
    width,
    height,
    autosize: { type: "fit" as const, contains: "padding" as const },
    background: "transparent",
    data: { name: SERIES_DATASET },
    ...(temporal ? { transform: [{ calculate: "utcFormat(datum.x, '%Y-%m-%d %H:%M:%S UTC')", as: "time" }] } : {}),
    encoding: { x, y, color },
    layer: [
      { mark: { type: "line" as const, strokeWidth: 1.5 }, encoding: { ...strokeDash } },
      {
        name: `${id}${INTERACTIVE_SUFFIX}`,
        params: [
          {
            name: `${id}_hover`,
            select: { type: "point" as const, on: "pointerover", clear: "pointerout", nearest: true },
          },
        ],
        mark: { type: "point" as const, filled: true, size: 40 },
        encoding: {
          opacity: { condition: { param: `${id}_hover`, empty: false, value: 1 }, value: 0 },
          tooltip,
        },
      },
    ],
    config: { view: { stroke: null }, legend: { labelFontSize: 11 } },
  };
  return spec as TopLevelSpec;
}

/** A valid vega signal name from a chart id: `sweep-chart-1` → `sweep_chart_1`. */
function identifier(id: string): string {
  const s = id.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(s) ? s : `c_${s}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
