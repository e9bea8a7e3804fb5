import settings from "virtual:runfolio/options";
import { escapeHtml } from "../core/render/escapeHtml.ts";
import { lineChartInputs, renderLineChart, type LineChartRequest } from "../core/chart/line/renderLineChart.ts";
import type { History, Run } from "../core/run.ts";
import { historyDigest, readHistory } from "../core/runs/loadRuns.ts";
import { metricGroups } from "../core/site/metricGroups.ts";
import { cachedJson } from "../core/cache/cachedJson.ts";
import { buildCache } from "../core/cache/buildCache.ts";
import { ownRecord, setOwn } from "../core/ownRecord.ts";
import { getColors } from "./runs.ts";
import { fullDataLinks } from "./provenance.ts";
import { basePath } from "./urls.ts";

type ChartGroup = { group: string; metrics: number; html: string };

/**
 * One chart per metric on a run page, grouped by prefix (`train/`, `val/`, the rest). A page's
 * charts are one build-cache entry, keyed by every chart's request and the run's history digest:
 * a warm build reads one entry per run page, not one per chart. The history is read once for all
 * of a page's charts (each chart reading it alone meant reading and verifying the whole cached
 * history once per metric), or taken as given (`history`: the run's JSON route has it in hand).
 */
export async function renderRunCharts(run: Run, history?: History): Promise<ChartGroup[]> {
  const colors = await getColors();
  const groups: { group: string; requests: LineChartRequest[] }[] = [];
  let read: Promise<History> | undefined;
  const columns = run.metrics;
  const readOnce = (r: Run, wanted?: readonly string[]) =>
    r.id === run.id ? (history ? Promise.resolve(history) : (read ??= readHistory(settings.dataRoot, run, columns))).then((h) => onlyColumns(h, wanted)) : readHistory(settings.dataRoot, r, wanted);
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
      readHistory: readOnce,
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

/**
 * Draws and stores a run page's charts from a history already read (by the run's JSON route,
 * which a build renders before the run pages): the page then reads its one cache entry instead of
 * the whole history again. Without a build cache (the dev server) there is nowhere to keep them.
 */
export async function prepareRunCharts(run: Run, history: History): Promise<void> {
  if (buildCache()) await renderRunCharts(run, history);
}

/** `history` with only the `wanted` metrics (all when not given), as a chart asks for them. */
function onlyColumns(history: History, wanted: readonly string[] | undefined): History {
  if (!wanted) return history;
  const metrics = ownRecord<Float64Array>();
  for (const m of Object.keys(history.metrics)) if (wanted.includes(m)) setOwn(metrics, m, history.metrics[m]!);
  return { ...history, metrics };
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
