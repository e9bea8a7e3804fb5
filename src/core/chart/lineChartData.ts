/**
 * The compact, JSON-serialisable data of a line chart, shipped in the page: everything the page
 * needs to draw and redraw the chart. The browser imports this module.
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

/** The legend label of a series: the run name, plus ` · metric` when the chart shows several metrics. */
export function seriesLabel(name: string, metric: string, multiMetric: boolean): string {
  return multiMetric ? `${name} · ${metric}` : name;
}

export function isMultiMetric(data: LineChartData): boolean {
  return data.series.some((s) => s.metric !== data.series[0]!.metric);
}

/** `v` rounded to `digits` significant digits; integers of safe size are kept exactly. */
export function roundSignificant(v: number, digits = 6): number {
  if (Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) return v;
  return Number(v.toPrecision(digits));
}

