/**
 * The compare page's overlaid charts, one per metric, as the same interactive line chart every
 * report and run page has (hover, legend, zoom, smoothing, log y, export; `lineChart/*`): each is
 * built here as the figure the build would write, its data (`core/compare/compareChartData.ts`)
 * from the runs' published histories, then started. Names and metric titles go in as text or escaped frame markup, never as HTML.
 */
import { lineLegend } from "../core/chart/line/legend.ts";
import { frameFor } from "../core/chart/line/lineChartSvg.ts";
import { lineFrameSvg } from "../core/chart/line/frame.ts";
import type { LineChartData } from "../core/chart/lineChartData.ts";
import { htmlEl, svgEl } from "./lineChart/dom.ts";
import { prepareLineChart } from "./lineChart/view.ts";

/** Size the static frame is laid out at before the chart measures its box. */
const WIDTH = 420;
const HEIGHT = 240;

/** A line chart figure for `data`: caption, the static frame, the legend; start it once it is in the page. */
export function compareChartFigure(data: LineChartData, caption: string): HTMLElement {
  const fig = htmlEl("figure", "rf-chart rf-chart-tools rf-compare-chart");
  fig.id = data.id!;
  fig.dataset.runfolioChart = "line";
  // The same hydration signal as the build's charts (`hydrateCharts.ts`): pending until it is live.
  fig.dataset.hydrated = "pending";
  fig.append(htmlEl("figcaption", undefined, caption));
  const frame = frameFor(data, WIDTH, HEIGHT, data.domain ?? null);
  const chart = svgEl("svg", { class: "rf-line-chart", role: "img", width: "100%", viewBox: `0 0 ${WIDTH} ${HEIGHT}` });
  chart.setAttribute("aria-label", `${data.yLabel} by step for ${data.series.length} runs`);
  const plot = svgEl("g", { class: "rf-plot", transform: `translate(${frame.plot.left},${frame.plot.top})` });
  // The frame's markup escapes its text (the metric name is the y title).
  plot.innerHTML = lineFrameSvg(frame);
  chart.append(plot);
  fig.append(chart, legendElement(data));
  return fig;
}

/** The legend markup `lineLegendHtml` writes, built with DOM calls (`lineChart/legend.ts` binds it). */
function legendElement(data: LineChartData): HTMLElement {
  const legend = lineLegend(data);
  const wrap = htmlEl("div", "rf-legends");
  if (legend.entries.length < 2) return wrap;
  const box = htmlEl("div", "rf-legend");
  box.dataset.legend = "entries";
  const list = htmlEl("ul");
  legend.entries.forEach((e, k) => {
    const item = htmlEl("span", "rf-legend-entry");
    item.dataset.entry = String(k);
    const swatch = svgEl("svg", { class: "rf-swatch", viewBox: "0 0 20 10", "aria-hidden": "true" });
    swatch.append(svgEl("path", { d: "M1,5h18", stroke: e.color, "stroke-width": "2" }));
    item.append(swatch, htmlEl("span", "rf-legend-label", e.label));
    const li = htmlEl("li");
    li.append(item);
    list.append(li);
  });
  box.append(htmlEl("span", "rf-legend-title", legend.title), list);
  wrap.append(box);
  return wrap;
}

/** Makes the figures live one after another (each measures its box; see `hydrateCharts`). */
export async function startCompareCharts(figures: readonly { el: HTMLElement; data: LineChartData }[]): Promise<void> {
  for (const { el, data } of figures) {
    try {
      await prepareLineChart(el, data).start();
      el.dataset.hydrated = "true";
    } catch (error) {
      el.append(htmlEl("p", "runfolio-chart-error", `This chart could not be made interactive: ${String(error)}`));
      el.dataset.hydrated = "error";
    }
  }
}
