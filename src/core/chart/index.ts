/**
 * Line charts from run histories. Build-side entry; the browser imports only `lineChartData.ts`
 * (through src/client/hydrateCharts.ts). `renderChartSvg` is separate: it renders with vega at
 * build time.
 */
export { buildLineChartSpec, DEFAULT_HEIGHT, DEFAULT_WIDTH, INTERACTIVE_SUFFIX } from "./buildLineChartSpec.ts";
export type { LineChart, LineChartInput, LineChartSeriesInput, ScaleType, XKind } from "./buildLineChartSpec.ts";
export { compileChart, type VegaSpec } from "./compileChart.ts";
export { downsampleSeries, MIN_POINTS, type Series } from "./downsampleSeries.ts";
export {
  expandLineChartData,
  isMultiMetric,
  roundSignificant,
  SERIES_DATASET,
  seriesLabel,
  type LineChartData,
  type LineChartDataSeries,
  type LineChartRow,
} from "./lineChartData.ts";
export { RUN_PALETTE, runColors } from "./runColors.ts";
