/**
 * A diff chart as a standalone SVG document for `runfolio diff --md`'s PNGs: the title, the line
 * chart as the site draws it, and its legends (runs by colour, revisions by dash) under it.
 */
import type { LineChart } from "../chart/buildLineChart.ts";
import { lineLegend, lineLegendSvg } from "../chart/line/legend.ts";
import { lineChartSvg } from "../chart/line/lineChartSvg.ts";
import { escapeXml } from "../render/escapeHtml.ts";

const TITLE_HEIGHT = 24;
const PAD = 8;

export function diffChartSvg(chart: LineChart): { svg: string; width: number; height: number } {
  const { width } = chart;
  const legend = lineLegendSvg(lineLegend(chart.data), width - 2 * PAD);
  const height = TITLE_HEIGHT + chart.height + (legend.height ? legend.height + PAD : 0);
  // The chart's own SVG scales to its container (width 100%); nested here at its drawn size.
  const inner = lineChartSvg(chart).replace(' width="100%"', ` x="0" y="${TITLE_HEIGHT}" width="${width}" height="${chart.height}"`);
  // The legend module titles the dash legend "metric"; here the dashes are the two revisions.
  const legendSvg = legend.svg.replace('font-weight="bold">metric</text>', 'font-weight="bold">revision (head solid, base dashed)</text>');
  return {
    width,
    height,
    svg:
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">` +
      `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
      `<text x="${PAD}" y="17" font-size="13px" font-weight="bold" fill="#0f172a">${escapeXml(chart.description)}</text>` +
      inner +
      `<g transform="translate(${PAD},${TITLE_HEIGHT + chart.height + 4})">${legendSvg}</g></svg>`,
  };
}
