/**
 * A chart kind's compiled spec and static picture, with a grid of panels (a wrapped facet: one
 * confusion matrix or heatmap per run) drawn twice: as many columns as fit the report's figure
 * column, and one column for a narrow box (a phone, a run page's panel). A grid is drawn at its
 * own size and only scaled down (chartSizing.ts), so three panels side by side on a 340 px phone
 * would be a third of their size; the page shows the wide picture only in a box at least about
 * as wide as it is (a container query on `rf-fits-<px>`, site.css), and the live view takes the
 * column count of the picture shown (`data-columns`, datasetChart.ts).
 */
import type { TopLevelSpec } from "vega-lite";
import { chartMarkup } from "../render/markup.ts";
import type { DatasetChart } from "./chartCommon.ts";
import { compileChart, type VegaSpec } from "./compileChart.ts";
import { renderChartSvg } from "./renderChartSvg.ts";

/** The widest a grid is drawn: the report's figure column (56rem) less the figure's padding and border. */
export const GRID_MAX_WIDTH = 868;
/** Width steps of the `rf-fits-<px>` classes the stylesheet knows (240 … 840 px). */
export const FITS_STEP = 40;
export const FITS_PREFIX = "rf-fits-";

export interface DrawnChart {
  /** The compiled spec the page makes live (the wide grid's, for a grid). */
  spec: VegaSpec;
  svg: string;
}

function ownWidth(svg: string): number {
  return Number(/^<svg [^>]*viewBox="0 0 ([\d.]+) /.exec(svg)?.[1] ?? 0);
}

function withColumns(spec: TopLevelSpec, columns: number): TopLevelSpec {
  return { ...spec, columns } as TopLevelSpec;
}

function marked(svg: string, classes: string, columns: number): string {
  return svg.replace(/^<svg ([^>]*?)class="([^"]*)"/, `<svg $1class="$2 ${classes}" ${chartMarkup.gridColumns}="${columns}"`);
}

export async function drawDatasetChart(chart: DatasetChart): Promise<DrawnChart> {
  const vl = chart.vegaLite as { facet?: unknown; columns?: unknown };
  const draw = async (spec: TopLevelSpec) => {
    const compiled = compileChart(spec);
    return { spec: compiled, svg: await renderChartSvg(compiled, chart.datasets) };
  };
  if (!vl.facet || typeof vl.columns !== "number" || vl.columns <= 1) return draw(chart.vegaLite);
  let columns = vl.columns;
  let wide = await draw(chart.vegaLite);
  while (columns > 1 && ownWidth(wide.svg) > GRID_MAX_WIDTH) wide = await draw(withColumns(chart.vegaLite, --columns));
  if (columns === 1) return wide;
  const narrow = await draw(withColumns(chart.vegaLite, 1));
  // Shown from the step at or below its width: scaled down by at most one step (≥ 0.95 at 800 px).
  const fits = Math.max(240, Math.floor(ownWidth(wide.svg) / FITS_STEP) * FITS_STEP);
  return {
    spec: wide.spec,
    svg: marked(wide.svg, `${chartMarkup.gridWide} ${FITS_PREFIX}${fits}`, columns) + marked(narrow.svg, chartMarkup.gridNarrow, 1),
  };
}
