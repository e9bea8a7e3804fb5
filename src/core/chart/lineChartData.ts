/**
 * The compact, JSON-serialisable data of a line chart, shipped in the page next to the compiled
 * spec. Kept free of vega and vega-lite imports: the browser imports `expandLineChartData`.
 */
export interface LineChartDataSeries {
  /** Run id. */
  run: string;
  /** Run display name (the run id when two selected runs share a name). */
  name: string;
  metric: string;
  color: string;
  x: number[];
  /** `null` is a gap: the line breaks there. */
  y: (number | null)[];
}

export interface LineChartData {
  series: LineChartDataSeries[];
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
