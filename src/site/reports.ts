import { getCollection } from "astro:content";
import settings from "virtual:runfolio/options";
import { compareText as codePointOrder } from "../core/format/compareText.ts";
import { parseReport, type ParsedReport } from "../core/report/parseReport.ts";
import { siteChartMemo } from "./chartCache.ts";
import { historyDigest, readHistory, readHistoryFacts } from "../core/runs/loadRuns.ts";
import { chartMemo, digestsOnce } from "../core/cache/chartMemo.ts";
import { MemoryChartStore } from "../core/cache/memoryChartStore.ts";
import { runDataReader } from "../core/runs/loadRunData.ts";
import { compileReport, type CompiledReport } from "../core/report/compileReport.ts";
import { recordRenderDiagnostics } from "./renderDiagnostics.ts";
import { fullDataLinks } from "./provenance.ts";
import { getColors, getRuns } from "./runs.ts";
import { basePath, runHref } from "./urls.ts";
import { runPath } from "../core/paths/runPath.ts";
import { readRunTable } from "../core/runs/readRunTable.ts";
import { notedRunRecords } from "../core/live/runRecords.ts";
import { notedReportSources } from "../core/live/reportSources.ts";
import { reportRowsPath, rowsFileHref, tableMediaHref } from "./runTables.ts";
import { publishBlockData } from "./blockDataFiles.ts";

/** Reports newest first (then by slug); drafts only in the dev server. */
export async function getReports(): Promise<ParsedReport[]> {
  // The dev server's reports as its loader last read them (core/live/reportSources.ts says why).
  const noted = import.meta.env.DEV ? notedReportSources(settings.dataRoot) : null;
  const sources = noted ?? (await getCollection("reports")).map((e) => e.data as { file: string; text: string });
  return sources
    .map((data) => parseReport(data.file, data.text))
    .filter((r) => import.meta.env.DEV || !r.meta.draft)
    .sort((a, b) => codePointOrder(b.meta.date ?? "", a.meta.date ?? "") || codePointOrder(a.meta.slug, b.meta.slug));
}

/**
 * Charts in the dev server, which has no build cache: a report edit draws again only the charts it
 * changed. One store per instance of the report compiler, on globalThis: the dev server evaluates
 * this module again on every content change (it reads astro:content), but the compiler, and the
 * code of every chart it imports, only when that code changes, and then its store starts empty.
 */
function devChartStore(): MemoryChartStore {
  const g = globalThis as unknown as Record<symbol, WeakMap<object, MemoryChartStore> | undefined>;
  const stores = (g[DEV_CHART_STORES] ??= new WeakMap());
  let store = stores.get(compileReport);
  if (!store) stores.set(compileReport, (store = new MemoryChartStore()));
  return store;
}
const DEV_CHART_STORES = Symbol.for("runfolio.devChartStores");

/**
 * A report compiled for its page; its diagnostics are recorded for the build to fail on (see
 * renderDiagnostics.ts) and returned for the page to show in place.
 */
async function compileReportForPage(report: ParsedReport): Promise<CompiledReport> {
  const runs = await getRuns();
  // Each run's history digest taken once in this render: the chart memo, facts and reads share it.
  const digestOf = digestsOnce((run) => historyDigest(settings.dataRoot, run));
  const rendered = await compileReport(report, {
    runs,
    readHistory: async (run, metrics) => readHistory(settings.dataRoot, run, metrics, { digest: await digestOf(run) }),
    readFacts: async (run) => readHistoryFacts(settings.dataRoot, run, await digestOf(run)),
    readRunData: runDataReader(settings.dataRoot),
    colors: await getColors(),
    hrefForRun: runHref,
    sitePathForRun: runPath,
    render: true,
    memoChart: siteChartMemo(digestOf) ?? (import.meta.env.DEV ? chartMemo(devChartStore(), digestOf) : undefined),
    fullData: fullDataLinks,
    mediaBase: basePath(),
    readTable: (run, name) => readRunTable(settings.dataRoot, run, name),
    tableRowsHref: (blockId) => rowsFileHref(reportRowsPath(report.meta.slug, blockId)),
    tableMediaHref,
    // The dev server keeps them inline: its pages are rendered on request and updated in place.
    ...(import.meta.env.DEV ? {} : { dataFile: publishBlockData }),
  }, { allowHtml: settings.allowHtml });
  recordRenderDiagnostics(settings.renderDiagnosticsFile, rendered.diagnostics);
  return rendered;
}

const renderedReports = new Map<string, { version: string; hit: Promise<CompiledReport> }>();
let renderedRuns: readonly unknown[] | null = null;

/**
 * `compileReportForPage`, once per report per build: the report page, its embed pages, its preview
 * image and the search index all read the same rendering (and its diagnostics are recorded once).
 * In the dev server a rendering is kept while the report and the runs are the same: Astro does
 * not always evaluate this module again after a change (it skips the store file's echo when it
 * comes within a second of its own invalidation), and a stale rendering hid report edits.
 */
export function renderReportOnce(report: ParsedReport): Promise<CompiledReport> {
  const key = `${report.meta.slug}\u0000${report.meta.file}`;
  let version = "";
  if (import.meta.env.DEV) {
    const runs = notedRunRecords(settings.dataRoot);
    if (runs !== renderedRuns) renderedReports.clear();
    renderedRuns = runs;
    version = JSON.stringify(report);
  }
  const cached = renderedReports.get(key);
  if (cached && cached.version === version && (renderedRuns !== null || !import.meta.env.DEV)) return cached.hit;
  const hit = compileReportForPage(report);
  renderedReports.set(key, { version, hit });
  // A failed render is not cached: the next page asks again and reports the failure itself.
  hit.catch(() => {
    if (renderedReports.get(key)?.hit === hit) renderedReports.delete(key);
  });
  return hit;
}
