import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildDiffChart, diffChartSpecs } from "../../core/diff/diffCharts.ts";
import { diffChartSvg } from "../../core/diff/diffChartSvg.ts";
import type { SnapshotDiff } from "../../core/diff/diffSnapshots.ts";
import type { DiffChartFiles } from "../../core/diff/formatDiffMarkdown.ts";
import type { Snapshot } from "../../core/diff/loadSnapshot.ts";
import { renderPng } from "../../core/export/renderPng.ts";

/** PNGs at twice the chart's size: sharp on high-density screens, still small files. */
const SCALE = 2;
const CHART_FILE = /^diff-\d+\.png$/;

/** `diff.md` → `diff-charts` (beside it): where `runfolio diff --md --out diff.md` writes its charts. */
export function chartsDirFor(out: string): string {
  const ext = path.extname(out);
  return `${ext ? out.slice(0, -ext.length) : out}-charts`;
}

/**
 * Draws the diff's charts as PNGs into `dir` (a chart file left from an earlier diff is removed
 * first, nothing else) and lists them with paths relative to `from`, the markdown's folder.
 */
export async function writeDiffCharts(diff: SnapshotDiff, base: Snapshot, head: Snapshot, dir: string, from: string): Promise<DiffChartFiles> {
  const { specs, leftOut } = diffChartSpecs(diff, base, head);
  const old = await readdir(dir).catch(() => [] as string[]);
  for (const name of old) if (CHART_FILE.test(name)) await rm(path.join(dir, name));
  if (specs.length) await mkdir(dir, { recursive: true });
  const files: DiffChartFiles["files"] = [];
  for (const spec of specs) {
    const chart = await buildDiffChart(spec, base, head);
    if (!chart) continue;
    const { svg, width } = diffChartSvg(chart);
    const file = path.join(dir, `${spec.id}.png`);
    await writeFile(file, renderPng(svg, width * SCALE));
    files.push({ path: path.relative(from, file).split(path.sep).join("/"), runId: spec.runId, metric: spec.metric, kind: spec.kind });
  }
  return { files, leftOut };
}
