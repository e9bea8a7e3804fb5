import { getCollection } from "astro:content";
import type { Diagnostic } from "../core/diagnostics.ts";
import { compareDiagnostics } from "../core/diagnostics.ts";
import { runColors } from "../core/chart/index.ts";
import { parseReport, type ParsedReport } from "../core/report/parseReport.ts";
import { escapeHtml } from "../core/render/escapeHtml.ts";
import { renderLineChart } from "../core/report/renderLineChart.ts";
import type { Run } from "../core/run.ts";
import { loadAllRuns, readHistory } from "../core/runs/loadRuns.ts";
import { renderReport, type RenderedReport } from "../markdown/renderReport.ts";
import { recordRenderDiagnostics } from "./renderDiagnostics.ts";
import { dataRoot } from "./dataRoot.ts";

/**
 * The one place where Astro's collections meet core: pages ask here for runs, reports and
 * rendered HTML, and hold no logic themselves.
 */
const root = dataRoot();
const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
const isDev = import.meta.env.DEV;

export const href = (path: string): string => base + path.replace(/^\//, "");
// Run ids are paths from the file system: each segment is encoded so any file name makes a working link.
export const runHref = (id: string): string => href(`runs/${id.split("/").map(encodeURIComponent).join("/")}/`);
export const reportHref = (slug: string): string => href(`reports/${slug}/`);

export async function getRuns(): Promise<Run[]> {
  const entries = await getCollection("runs");
  return entries.map((e) => e.data as Run).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
    .sort((a, b) => (b.meta.date ?? "").localeCompare(a.meta.date ?? "") || a.meta.slug.localeCompare(b.meta.slug));
}

export async function renderReportHtml(report: ParsedReport): Promise<RenderedReport> {
  const runs = await getRuns();
  const rendered = await renderReport(report, {
    runs,
    readHistory: (run) => readHistory(root, run),
    colors: await getColors(),
    hrefForRun: runHref,
    render: true,
  });
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
  for (const [group, metrics] of [...groups].sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)))) {
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
