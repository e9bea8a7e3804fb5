import settings from "virtual:runfolio/options";
import { escapeHtml } from "../core/render/escapeHtml.ts";
import { lineChartInputs, renderLineChart, type LineChartRequest } from "../core/chart/line/renderLineChart.ts";
import type { Run } from "../core/run.ts";
import { readHistory } from "../core/runs/loadRuns.ts";
import { metricGroups } from "../core/site/metricGroups.ts";
import { siteChartMemo } from "./chartCache.ts";
import { getColors } from "./runs.ts";
import { fullDataLinks } from "./provenance.ts";
import { basePath } from "./urls.ts";

/** One chart per metric on a run page, grouped by prefix (`train/`, `val/`, the rest). */
export async function renderRunCharts(run: Run): Promise<{ group: string; metrics: number; html: string }[]> {
  const colors = await getColors();
  const memo = siteChartMemo();
  const out: { group: string; metrics: number; html: string }[] = [];
  let i = 0;
  for (const { group, metrics } of metricGroups(run.metrics)) {
    const parts: string[] = [];
    for (const metric of metrics) {
      const request: LineChartRequest = {
        id: `metric-${++i}`,
        title: metric,
        runs: [run],
        metrics: [metric],
        x: { kind: "step" },
        scale: { x: "linear", y: "linear" },
        // A panel of the run page's grid is ~400 px wide at 1280 px and ~330 px on a phone: drawn
        // at that size its text is at its own size and its plot ~210 px (≥ 175 px on a phone) tall.
        width: 400,
        height: 260,
        points: 1000,
        readHistory: (r, columns) => readHistory(settings.dataRoot, r, columns),
        colors,
        // The run's JSON holds these points already: the page loads them from there, near the viewport.
        pointsFrom: { base: basePath(), run: run.id },
        fullData: fullDataLinks,
      };
      const chart = memo ? await memo("line", lineChartInputs(request), request.runs, () => renderLineChart(request)) : await renderLineChart(request);
      parts.push(chart.html || `<p class="rf-empty">${escapeHtml(metric)}: no finite values logged.</p>`);
    }
    out.push({ group, metrics: metrics.length, html: parts.join("\n") });
  }
  return out;
}
