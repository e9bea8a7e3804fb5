/**
 * The form a line chart's data takes inside the page: `LineChartData` with every number column
 * written as a `NumberColumn` (step grids as three numbers, decimals as integer deltas). The build
 * encodes, the browser decodes; the round trip is exact.
 */
import { decodeNumberColumn, encodeNumberColumn, type NumberColumn } from "./numberColumn.ts";
import type { LineChartData, LineChartDataSeries } from "./lineChartData.ts";

export interface WireLineChartSeries extends Omit<LineChartDataSeries, "x" | "y" | "band" | "n"> {
  x: NumberColumn;
  y: NumberColumn;
  band?: { lower: NumberColumn; upper: NumberColumn };
  n?: NumberColumn;
}

export interface WireLineChartData extends Omit<LineChartData, "series"> {
  series: WireLineChartSeries[];
}

export function encodeLineChartData(data: LineChartData): WireLineChartData {
  return {
    ...data,
    series: data.series.map(({ x, y, band, n, ...rest }) => ({
      ...rest,
      x: encodeNumberColumn(x),
      y: encodeNumberColumn(y),
      ...(band ? { band: { lower: encodeNumberColumn(band.lower), upper: encodeNumberColumn(band.upper) } } : {}),
      ...(n ? { n: encodeNumberColumn(n) } : {}),
    })),
  };
}

export function decodeLineChartData(wire: WireLineChartData): LineChartData {
  return {
    ...wire,
    series: wire.series.map(({ x, y, band, n, ...rest }) => ({
      ...rest,
      // x never has gaps: a gap is a null y at the x where it starts.
      x: decodeNumberColumn(x).map((v) => v ?? NaN),
      y: decodeNumberColumn(y),
      ...(band ? { band: { lower: decodeNumberColumn(band.lower), upper: decodeNumberColumn(band.upper) } } : {}),
      ...(n ? { n: decodeNumberColumn(n).map((v) => v ?? 0) } : {}),
    })),
  };
}
