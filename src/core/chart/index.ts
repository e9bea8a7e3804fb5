/**
 * Charts from runs. Build-side entry. Line charts are drawn by Runfolio itself (`line/`: frame,
 * geometry, legend; the browser imports those modules too); the other kinds are vega-lite specs
 * that read named datasets, drawn at build by `renderChartSvg` (vega) and in the page by vega.
 */
export { buildLineChart, DEFAULT_HEIGHT, DEFAULT_WIDTH } from "./buildLineChart.ts";
export type { LineChart, LineChartInput, LineChartSeriesInput, ScaleType, XKind } from "./buildLineChart.ts";
export { compileChart, type VegaSpec } from "./compileChart.ts";
export { downsampleSeries, MIN_POINTS, type Series } from "./downsampleSeries.ts";
export { isMultiMetric, roundSignificant, seriesLabel, type LineChartData, type LineChartDataSeries } from "./lineChartData.ts";
export { RUN_PALETTE, runColors } from "./runColors.ts";

// Non-line kinds: specs that read named datasets (see chartCommon.ts), rendered with
// `renderChartSvg` (renderChartSvg.ts) and hydrated from `{ spec, datasets }`.
export {
  BASE_CONFIG,
  INTERACTIVE_SUFFIX,
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
