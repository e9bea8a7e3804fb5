import { chartCardSvg, runCard, titleCardSvg } from "../core/export/previewImage.ts";
import { previewFonts } from "../core/export/renderPng.ts";
import { cachedPng, cachedTitleCard } from "../core/cache/cachedPng.ts";
import { chartBlocks } from "../core/report/compileReport.ts";
import type { ParsedReport } from "../core/report/parseReport.ts";
import { resolveRunSet } from "../core/report/resolveRunSet.ts";
import type { Run } from "../core/run.ts";
import { renderReportOnce } from "./reports.ts";
import { getRuns } from "./runs.ts";

/** How many runs a report is about: its default run set, else the runs its blocks show. */
export async function reportRunCount(report: ParsedReport): Promise<number> {
  const runs = await getRuns();
  if (report.defaultRunSet) return resolveRunSet(report.defaultRunSet, runs).runs.length;
  return (await renderReportOnce(report)).runIds.length;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A report's link preview: its first chart under its title, or a title card when it has none. */
export async function reportPreviewPng(report: ParsedReport): Promise<Uint8Array<ArrayBuffer>> {
  const rendered = await renderReportOnce(report);
  const count = await reportRunCount(report);
  const { meta } = report;
  const facts = [count ? plural(count, "run") : "", meta.date ?? "", meta.authors.join(", ")];
  const first = chartBlocks(rendered)[0];
  return first
    ? cachedPng(chartCardSvg(meta.title, first.svg, facts))
    : cachedTitleCard({ kicker: "Report", title: meta.title, description: meta.description, facts });
}

/** A run's link preview: a title card with its project, state, steps and notes. */
export function runPreviewPng(run: Run): Promise<Uint8Array<ArrayBuffer>> {
  return cachedTitleCard(runCard(run));
}

/** What a run's preview is drawn from: the card's SVG and the fonts (as its build-cache entry is keyed). */
export function runPreviewKeyInputs(run: Run): string[] {
  return [titleCardSvg(runCard(run)), JSON.stringify(previewFonts())];
}
