import settings from "virtual:runfolio/options";
import { escapeHtml } from "../core/render/escapeHtml.ts";
import { lineChartInputs, renderLineChart, type LineChartRequest } from "../core/chart/line/renderLineChart.ts";
import type { Run } from "../core/run.ts";
import { historyDigest, readHistory } from "../core/runs/loadRuns.ts";
import { metricGroups } from "../core/site/metricGroups.ts";
import { cachedJson } from "../core/cache/cachedJson.ts";
import { getColors } from "./runs.ts";
import { fullDataLinks } from "./provenance.ts";
import { basePath } from "./urls.ts";

type ChartGroup = { group: string; metrics: number; html: string };

/**
 * One chart per metric on a run page, grouped by prefix (`train/`, `val/`, the rest). A page's
 * charts are one build-cache entry, keyed by every chart's request and the run's history digest:
 * a warm build reads one entry per run page, not one per chart.
 */
export async function renderRunCharts(run: Run): Promise<ChartGroup[]> {
  const colors = await getColors();
  const groups: { group: string; requests: LineChartRequest[] }[] = [];
  let i = 0;
  for (const { group, metrics } of metricGroups(run.metrics)) {
    const requests = metrics.map((metric): LineChartRequest => ({
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
    }));
    groups.push({ group, requests });
  }
  if (groups.length === 0) return [];
  const inputs = [JSON.stringify(groups.map((g) => ({ group: g.group, charts: g.requests.map(lineChartInputs) }))), await historyDigest(settings.dataRoot, run)];
  return cachedJson("run-charts", inputs, isChartGroups, () => drawGroups(groups));
}

async function drawGroups(groups: readonly { group: string; requests: readonly LineChartRequest[] }[]): Promise<ChartGroup[]> {
  const out: ChartGroup[] = [];
  for (const { group, requests } of groups) {
    const parts: string[] = [];
    for (const request of requests) {
      const chart = await renderLineChart(request);
      parts.push(chart.html || `<p class="rf-empty">${escapeHtml(request.title)}: no finite values logged.</p>`);
    }
    out.push({ group, metrics: requests.length, html: parts.join("\n") });
  }
  return out;
}

function isChartGroups(value: unknown): value is ChartGroup[] {
  return Array.isArray(value) && value.every((g: unknown) => typeof g === "object" && g !== null && typeof (g as ChartGroup).group === "string" && typeof (g as ChartGroup).metrics === "number" && typeof (g as ChartGroup).html === "string");
}
