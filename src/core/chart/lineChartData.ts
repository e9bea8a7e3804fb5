/**
 * The compact, JSON-serialisable data of a line chart, shipped in the page next to the compiled
 * spec. Kept free of vega and vega-lite imports: the browser imports it.
 */
import type { SmoothSpec } from "../series/smooth.ts";

export type { SmoothSpec };

export interface LineChartDataSeries {
  /** Run id. */
  run: string;
  /** Run display name (the run id when two selected runs share a name). */
  name: string;
  metric: string;
  color: string;
  x: number[];
  /** `null` is a gap: the line breaks there. Raw (unsmoothed) values; the page smooths them. */
  y: (number | null)[];
  /** Band around the line (aggregated runs), aligned with x; `null` = no band there. */
  band?: { lower: (number | null)[]; upper: (number | null)[] };
  /** Runs contributing at each x (aggregated runs). */
  n?: number[];
  /** Index of the metric in `LineChartData.metrics` (the dash pattern). */
  m?: number;
  /**
   * Set when the series was downsampled: its x values are rounded to multiples of this (well
   * under a pixel), so the page says "≈" before them. Unset: x as logged.
   */
  xRounding?: number;
}

export interface LineChartData {
  series: LineChartDataSeries[];
  /** The chart id (`LineChartInput.id`); names the chart's state in the URL hash. */
  id?: string;
  xKind?: "step" | "time" | "relative" | "metric";
  xLabel?: string;
  yLabel?: string;
  scale?: { x: "linear" | "log"; y: "linear" | "log" };
  /** Title of the colour legend. __Default value:__ `"run"` */
  legendTitle?: string;
  /** Smoothing shown initially; the page offers a slider for its parameter. */
  smoothing?: SmoothSpec;
  /** Sorted metric names (the dash legend, when there are several). */
  metrics?: string[];
  /** Data extent of everything drawn (lines, raw lines, bands), as the build computed it. */
  domain?: { x: [number, number]; y: [number, number] };
}

/** One row of the spec's named dataset `"series"`. */
export interface LineChartRow {
  run: string;
  name: string;
  metric: string;
  series: string;
  x: number;
  y: number | null;
}

/** The name of the dataset the line chart spec reads its rows from. */
export const SERIES_DATASET = "series";

/** The legend label of a series: the run name, plus ` · metric` when the chart shows several metrics. */
export function seriesLabel(name: string, metric: string, multiMetric: boolean): string {
  return multiMetric ? `${name} · ${metric}` : name;
}

export function isMultiMetric(data: LineChartData): boolean {
  return data.series.some((s) => s.metric !== data.series[0]!.metric);
}

/** The row objects the spec's `"series"` dataset expects, series after series. */
export function expandLineChartData(data: LineChartData): LineChartRow[] {
  const multi = isMultiMetric(data);
  const rows: LineChartRow[] = [];
  for (const s of data.series) {
    const series = seriesLabel(s.name, s.metric, multi);
    for (let i = 0; i < s.x.length; i++) {
      rows.push({ run: s.run, name: s.name, metric: s.metric, series, x: s.x[i]!, y: s.y[i] ?? null });
    }
  }
  return rows;
}

/** `v` rounded to `digits` significant digits; integers of safe size are kept exactly. */
export function roundSignificant(v: number, digits = 6): number {
  if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) return v;
  return Number(v.toPrecision(digits));
}

/**
 * The two rows the line chart's vega spec receives instead of every point: they fix the x and y
 * scale domains to `domain` (the lines themselves are drawn outside vega). No rows: no domain.
 */
export function frameRows(domain: { x: readonly number[]; y: readonly number[] } | null | undefined): LineChartRow[] {
  if (!domain) return [];
  const row = (x: number, y: number): LineChartRow => ({ run: "", name: "", metric: "", series: "", x, y });
  return [row(domain.x[0]!, domain.y[0]!), row(domain.x[1]!, domain.y[1]!)];
}
