import { readFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { runColors } from "../src/core/chart/index.ts";
import { parseReport } from "../src/core/report/parseReport.ts";
import { clearRunCaches, loadAllRuns, readHistory } from "../src/core/runs/loadRuns.ts";
import { compileReport } from "../src/core/report/compileReport.ts";

/**
 * Everything the build does with data for the reports under `root`, without Astro: load and parse
 * every run, then render each report (select, downsample, compile vega-lite, draw the SVG).
 */
export async function runDataWork(root: string): Promise<{ runs: number; html: Map<string, string> }> {
  clearRunCaches();
  const { runs, diagnostics } = await loadAllRuns(root);
  if (diagnostics.some((d) => d.severity === "error")) throw new Error(`benchmark data has errors: ${diagnostics[0]!.message}`);
  const colors = runColors(runs.map((r) => r.id));
  const html = new Map<string, string>();
  for (const file of (await fg("reports/*.md", { cwd: root })).sort()) {
    const report = parseReport(file, await readFile(path.join(root, file), "utf8"));
    const out = await compileReport(report, {
      runs,
      readHistory: (run) => readHistory(root, run),
      colors,
      hrefForRun: (id) => `/runs/${id}/`,
      render: true,
    });
    if (out.diagnostics.some((d) => d.severity === "error")) throw new Error(`benchmark report has errors: ${out.diagnostics[0]!.message}`);
    html.set(report.meta.slug, out.html);
  }
  return { runs: runs.length, html };
}
