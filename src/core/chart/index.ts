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

// Non-line kinds: specs that read named datasets (see chartCommon.ts), rendered with
// `renderChartSvgWithData` (renderChartSvg.ts) and hydrated from `{ spec, datasets }`.
export {
  BASE_CONFIG,
  MISSING_COLOR,
  SEQUENTIAL_RANGE,
  SIGN_COLORS,
  type DatasetChart,
  type DatasetRow,
} from "./chartCommon.ts";
export {
  buildScatterSpec,
  MAX_RUN_LEGEND,
  SCATTER_DATASET,
  type AxisScale,
  type ScatterInput,
  type ScatterPointInput,
} from "./buildScatterSpec.ts";
export { barChartHeight, barLabel, BARS_DATASET, buildBarSpec, type BarChartInput, type BarInput } from "./buildBarSpec.ts";
export {
  buildParallelSpec,
  PARALLEL_AXES_DATASET,
  PARALLEL_LINES_DATASET,
  PARALLEL_TICKS_DATASET,
  type ParallelDim,
  type ParallelInput,
  type ParallelRow,
} from "./buildParallelSpec.ts";
export {
  binValues,
  BINS_DATASET,
  buildHistogramSpec,
  defaultBins,
  type HistogramBin,
  type HistogramInput,
} from "./buildHistogramSpec.ts";
export { buildImportanceSpec, IMPORTANCE_DATASET, SIGN_LABELS, type ImportanceChartInput } from "./buildImportanceSpec.ts";
export { renderScalarHtml, type ScalarHtmlInput } from "./renderScalar.ts";
