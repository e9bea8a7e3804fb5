import { readFile } from "node:fs/promises";
import path from "node:path";
import { getCollection } from "astro:content";
import { fromStoredRun, type StoredRun } from "../core/runs/storedRun.ts";
import { clipRunText } from "../core/runs/textLimits.ts";
import { compareCodePoints as codePointOrder } from "../core/query/index.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import { compareDiagnostics } from "../core/diagnostics.ts";
import { runColors } from "../core/chart/index.ts";
import { parseReport, type ParsedReport } from "../core/report/parseReport.ts";
import { escapeHtml } from "../core/render/escapeHtml.ts";
import { renderLineChart } from "../core/report/renderLineChart.ts";
import type { Run } from "../core/run.ts";
import { loadAllRuns, readHistory } from "../core/runs/loadRuns.ts";
import { renderReport, type RenderedReport } from "../markdown/renderReport.ts";
import { runData, runIndex } from "../core/explore/runData.ts";
import { stableJson } from "../core/explore/stableJson.ts";
import { explorerQueryFor } from "../core/explore/explorerState.ts";
import { formatCompareState } from "../core/compare/compareState.ts";
import { chartCardSvg, titleCardSvg } from "../core/export/previewImage.ts";
import { renderPng } from "../core/export/renderPng.ts";
import { chartFigures } from "../core/export/chartFigures.ts";
import { HISTORY_CSV_HEADER, historyCsvChunks } from "../core/export/historyCsv.ts";
import type { LineChartSource } from "../core/report/renderBlock.ts";
import { resolveRunSet } from "../core/report/resolveRunSet.ts";
import { formatValue } from "../core/format/formatValue.ts";
import { runDataPath, runPath, runPreviewImagePath, runPreviewImagePathOfPage, sourceFilePath } from "../core/site/runPath.ts";
import { reportDoc, runDoc } from "../core/search/buildSearchIndex.ts";
import { excerpt, markdownText } from "../core/search/markdownText.ts";
import type { SearchDoc } from "../core/search/searchOptions.ts";
import { recordRenderDiagnostics } from "./renderDiagnostics.ts";
import { dataRoot } from "./dataRoot.ts";
import siteOptions from "virtual:runfolio/options";

/**
 * The one place where Astro's collections meet core: pages ask here for runs, reports and
 * rendered HTML, and hold no logic themselves.
 */
const root = dataRoot();
const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
const isDev = import.meta.env.DEV;

export const href = (path: string): string => base + path.replace(/^\//, "");
// Run paths (and their encoding) come from core/site/runPath.ts, shared with the browser modules.
export const runHref = (id: string): string => href(runPath(id));
export const reportHref = (slug: string): string => href(`reports/${slug}/`);
/** A run's published JSON (metadata, config, summary and downsampled histories). */
export const runDataHref = (id: string): string => href(runDataPath(id));
/** A source file of a run, copied as-is (full resolution) under `/data/files/`. */
export const sourceFileHref = (file: string): string => href(sourceFilePath(file));
/** The run explorer filtered by an expression, e.g. `group = "lr=3e-4"`. */
export const explorerHref = (expression?: string): string => href("runs/") + (expression ? explorerQueryFor(expression) : "");
/** The compare page for these runs (the first is the reference). */
export const compareHref = (ids: readonly string[]): string => href("compare/") + formatCompareState({ runs: [...ids], show: "differing" });
/** The explorer showing one project (the anchor finds its table when JavaScript is off). */
export const projectHref = (project: string): string =>
  `${href("runs/")}?project=${encodeURIComponent(project)}#project-${encodeURIComponent(project)}`;

/** The base path as the browser modules need it (they build run and data links from it). */
export const basePath = (): string => base;

/** `/data/runs.json`: every run without histories, keys sorted. */
export async function runIndexJson(): Promise<string> {
  return stableJson(runIndex(await getRuns()));
}

/**
 * `/data/runs/<id>.json`: one run with each metric's history downsampled to ~1,000 points. The
 * download keeps the run's full text (pages show it clipped, see `clipRunText`).
 */
export async function runDataJson(run: Run): Promise<string> {
  const full = (await storedRuns()).find((p) => p.full.id === run.id)?.full ?? run;
  return stableJson(runData(full, await readHistory(root, full)));
}

/** Repository-relative paths of every run source file, each once, sorted. */
export async function runSourceFiles(): Promise<string[]> {
  return [...new Set((await getRuns()).flatMap((r) => r.source.files))].sort();
}

export async function readSourceFile(file: string): Promise<Uint8Array<ArrayBuffer>> {
  return readFile(path.join(root, file));
}

/**
 * Each stored run read once per process: in full (downloads) and as pages show it (text clipped),
 * keyed by its stored JSON text, so a changed run (dev server) is read again.
 */
const decodedRuns = new Map<string, { full: Run; shown: Run }>();

async function storedRuns(): Promise<{ full: Run; shown: Run }[]> {
  const entries = await getCollection("runs");
  const live = new Set<string>();
  const pairs = entries.map((e) => {
    const json = (e.data as unknown as StoredRun).json;
    live.add(json);
    let pair = decodedRuns.get(json);
    if (!pair) {
      const full = fromStoredRun(e.data);
      // The loader rewrites every entry it cannot read back, so this is a store changed under it.
      if (!full) throw new Error(`the content store's entry for run ${e.id} is not a run this Runfolio wrote; delete the Astro cache folder and build again`);
      pair = { full, shown: clipRunText(full) };
      decodedRuns.set(json, pair);
    }
    return pair;
  });
  for (const json of decodedRuns.keys()) if (!live.has(json)) decodedRuns.delete(json);
  return pairs;
}

/** Every run as pages, tables, indexes and the search show it: long text clipped to `TEXT_LIMITS`. */
export async function getRuns(): Promise<Run[]> {
  return (await storedRuns()).map((p) => p.shown).sort((a, b) => codePointOrder(a.id, b.id));
}

export async function getColors(): Promise<ReadonlyMap<string, string>> {
  return runColors((await getRuns()).map((r) => r.id));
}

/** Reports newest first (then by slug); drafts only in the dev server. */
export async function getReports(): Promise<ParsedReport[]> {
  const entries = await getCollection("reports");
  return entries
    .map((e) => {
      const data = e.data as { file: string; text: string };
      return parseReport(data.file, data.text);
    })
    .filter((r) => isDev || !r.meta.draft)
    .sort((a, b) => codePointOrder(b.meta.date ?? "", a.meta.date ?? "") || codePointOrder(a.meta.slug, b.meta.slug));
}

export async function renderReportHtml(report: ParsedReport): Promise<RenderedReport> {
  const runs = await getRuns();
  const rendered = await renderReport(report, {
    runs,
    readHistory: (run) => readHistory(root, run),
    colors: await getColors(),
    hrefForRun: runHref,
    render: true,
    chartDataHref: chartDataHrefs(report.meta.slug),
  }, { allowHtml: siteOptions.allowHtml });
  recordRenderDiagnostics(rendered.diagnostics);
  return rendered;
}

/** One chart per metric on a run page, grouped by prefix (`train/`, `val/`, the rest). */
export async function renderRunCharts(run: Run): Promise<{ group: string; html: string }[]> {
  const colors = await getColors();
  const groups = new Map<string, string[]>();
  for (const m of run.metrics) {
    const g = m.includes("/") ? m.slice(0, m.indexOf("/")) : "";
    groups.set(g, [...(groups.get(g) ?? []), m]);
  }
  const out: { group: string; html: string }[] = [];
  let i = 0;
  for (const [group, metrics] of [...groups].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : codePointOrder(a, b)))) {
    const parts: string[] = [];
    for (const metric of metrics) {
      const chart = await renderLineChart({
        id: `metric-${++i}`,
        title: metric,
        runs: [run],
        metrics: [metric],
        x: { kind: "step" },
        scale: { x: "linear", y: "linear" },
        height: 180,
        points: 1000,
        readHistory: (r) => readHistory(root, r),
        colors,
      });
      parts.push(chart.html || `<p class="rf-empty">${escapeHtml(metric)}: no finite values logged.</p>`);
    }
    out.push({ group: group || "other", html: parts.join("\n") });
  }
  return out;
}

/** Problems in run files, for the dev server's in-place list (the build fails on them instead). */
export async function getRunDiagnostics(): Promise<Diagnostic[]> {
  if (!isDev) return [];
  const { diagnostics } = await loadAllRuns(root);
  return [...diagnostics].sort(compareDiagnostics);
}

// ——— Publishing and sharing: previews, embeds, feed, search (see docs/publishing.md) ———

const renderedReports = new Map<string, Promise<RenderedReport>>();

/**
 * `renderReportHtml`, once per report per build: the report page, its embed pages, its preview
 * image and the search index all read the same rendering (and its diagnostics are recorded once).
 */
export function renderReportOnce(report: ParsedReport): Promise<RenderedReport> {
  const key = `${report.meta.slug}\u0000${report.meta.file}`;
  let hit = renderedReports.get(key);
  if (!hit) {
    hit = renderReportHtml(report);
    renderedReports.set(key, hit);
    // A failed render is not cached: the next page asks again and reports the failure itself.
    hit.catch(() => renderedReports.delete(key));
  }
  return hit;
}

/** The site's configured address (`site` in astro.config.mjs), or null. */
export const siteUrl: string | null = import.meta.env.SITE ? String(import.meta.env.SITE) : null;

/** A root-relative href (base path included) made absolute when the site's address is configured. */
export function absoluteHref(rootRelative: string): string {
  return siteUrl ? new URL(rootRelative, siteUrl).href : rootRelative;
}

/**
 * The link-preview image of a report or a run page (`og:image`), as a root-relative href under the
 * base path; the layout makes it absolute when `site` is configured. Pass it to `Base` as `ogImage`.
 */
export function ogImageFor(kind: "report" | "run", id: string): string {
  return kind === "report" ? href(`og/reports/${encodeURIComponent(id)}.png`) : href(runPreviewImagePath(id));
}

/** `data/charts/<report>/<chart>.csv`: every logged point a report's line chart draws from. */
export const chartDataPath = (slug: string, chartId: string): string => `data/charts/${encodeURIComponent(slug)}/${encodeURIComponent(chartId)}.csv`;

/** Charts of a report that draw the same runs and metrics (say, linear and log y) share one file. */
const sameChartData = (source: LineChartSource): string => JSON.stringify([source.runIds, source.metrics]);

/** Per report: the href of each line chart's CSV, the first chart with the same data naming the file. */
function chartDataHrefs(slug: string): (source: LineChartSource) => string {
  const first = new Map<string, string>();
  return (source) => {
    const key = sameChartData(source);
    if (!first.has(key)) first.set(key, source.id);
    return href(chartDataPath(slug, first.get(key)!));
  };
}

/** The line charts of a rendered report whose CSV is published: one per distinct runs and metrics. */
export function publishedChartData(lineCharts: readonly LineChartSource[]): LineChartSource[] {
  const seen = new Set<string>();
  return lineCharts.filter((c) => (seen.has(sameChartData(c)) ? false : (seen.add(sameChartData(c)), true)));
}

/**
 * The CSV behind `chartDataPath`: the chart's runs and metrics, every logged point, as bytes
 * written piece by piece (a large chart's file would not fit in one string).
 */
export async function chartDataCsv(source: LineChartSource): Promise<Blob> {
  const byId = new Map((await getRuns()).map((r) => [r.id, r]));
  const runs = source.runIds.map((id) => byId.get(id)!).filter(Boolean);
  const encoder = new TextEncoder();
  const parts: Uint8Array<ArrayBuffer>[] = [encoder.encode(`${HISTORY_CSV_HEADER}\n`)];
  for (const run of runs) {
    // one run's history at a time: the parsed histories are cached by the loader anyway
    for (const chunk of historyCsvChunks(run, await readHistory(root, run), source.metrics)) parts.push(encoder.encode(chunk));
  }
  return new Blob(parts, { type: "text/csv; charset=utf-8" });
}

/** The page of one chart of a report, for iframes. */
export const embedHref = (slug: string, chartId: string): string => href(`embed/${encodeURIComponent(slug)}/${encodeURIComponent(chartId)}/`);

export const feedHref = (): string => href("feed.xml");
export const searchHref = (): string => href("search/");
export const searchIndexHref = (): string => href("search-index.json");

/**
 * The preview image a page without an explicit `ogImage` gets: run pages (whose URL is derived
 * from the run id exactly as the image's is) get their run card; other pages none.
 */
export function defaultOgImage(pathname: string): string | null {
  const image = pathname.startsWith(base) ? runPreviewImagePathOfPage(pathname.slice(base.length)) : null;
  return image === null ? null : href(image);
}

/** How many runs a report is about: its default run set, else the runs its blocks link to. */
export async function reportRunCount(report: ParsedReport): Promise<number> {
  const runs = await getRuns();
  if (report.defaultRunSet) return resolveRunSet(report.defaultRunSet, runs).runs.length;
  const rendered = await renderReportOnce(report);
  const linked = new Set<string>();
  const prefix = href("runs/");
  for (const m of rendered.html.matchAll(/href="([^"]+)"/g)) if (m[1]!.startsWith(prefix) && m[1] !== prefix) linked.add(m[1]!);
  return linked.size;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A report's link preview: its first chart under its title, or a title card when it has none. */
export async function reportPreviewPng(report: ParsedReport): Promise<Uint8Array<ArrayBuffer>> {
  const rendered = await renderReportOnce(report);
  const count = await reportRunCount(report);
  const { meta } = report;
  const facts = [count ? plural(count, "run") : "", meta.date ?? "", meta.authors.join(", ")];
  const first = chartFigures(rendered.html)[0];
  const svg = first
    ? chartCardSvg(meta.title, first.svg, facts)
    : titleCardSvg({ kicker: "Report", title: meta.title, description: meta.description, facts });
  return renderPng(svg);
}

/** A run's link preview: a title card with its project, state, steps and notes. */
export function runPreviewPng(run: Run): Uint8Array<ArrayBuffer> {
  const facts = [run.state, run.steps ? `${formatValue(run.steps)} steps` : "", run.group ? `group ${run.group}` : ""];
  return renderPng(titleCardSvg({ kicker: `Run · ${run.project}`, title: run.name, description: run.notes ?? null, facts }));
}

/**
 * The feed's entries: every published report with a `date` (reports without one are left out of
 * the feed: a made-up date would reorder or resurface them). The summary is the description, else
 * the start of the body text.
 */
export async function feedEntries(): Promise<import("../core/feed/atomFeed.ts").FeedEntry[]> {
  return (await getReports())
    .filter((r) => r.meta.date && !r.meta.draft)
    .map((r) => ({
      slug: r.meta.slug,
      title: r.meta.title,
      summary: r.meta.description ?? (excerpt(markdownText(r.body)) || null),
      date: r.meta.date!,
      authors: r.meta.authors,
      href: reportHref(r.meta.slug),
    }));
}

/** Every report and run as a search document (the index is built in core/search). */
export async function searchDocs(): Promise<SearchDoc[]> {
  const reports = (await getReports()).filter((r) => !r.meta.draft);
  return [
    ...reports.map((r) =>
      reportDoc({
        slug: r.meta.slug,
        title: r.meta.title,
        description: r.meta.description,
        authors: r.meta.authors,
        text: markdownText(r.body),
        href: reportHref(r.meta.slug),
      }),
    ),
    ...(await getRuns()).map((run) => runDoc(run, runHref(run.id))),
  ];
}
