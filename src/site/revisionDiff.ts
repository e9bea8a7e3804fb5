/**
 * The /diff/ page's data, when the site is built with RUNFOLIO_BASE_REV=<rev>: the comparison
 * `runfolio diff <rev>` makes (that revision's runs and reports read from git, the data root on
 * disk as head), with its charts as interactive line charts. Null without the variable.
 */
import settings from "virtual:runfolio/options";
import type { Message } from "../core/diagnostics.ts";
import { lineLegend, lineLegendHtml } from "../core/chart/line/legend.ts";
import { lineChartSvg } from "../core/chart/line/lineChartSvg.ts";
import { renderLineChartTable } from "../core/chart/line/table.ts";
import { encodeLineChartData } from "../core/chart/lineChartWire.ts";
import { buildDiffChart, diffChartSpecs, type DiffChartSpec } from "../core/diff/diffCharts.ts";
import { diffSnapshots, type SnapshotDiff } from "../core/diff/diffSnapshots.ts";
import { GitError, locateDataRoot, resolveCommit } from "../core/diff/gitRevision.ts";
import { snapshotAtCommit, snapshotOfWorkingTree } from "../core/diff/loadSnapshot.ts";
import { diffMessages } from "../core/diff/messages.ts";
import { renderChartFigure } from "../core/render/renderChartFigure.ts";

export interface RevisionDiffPage {
  /** `main (1a2b3c4)`. */
  base: string;
  diff: SnapshotDiff;
  charts: { spec: DiffChartSpec; html: string }[];
  chartsLeftOut: number;
}

let cached: Promise<RevisionDiffPage | null> | undefined;

export function getRevisionDiff(): Promise<RevisionDiffPage | null> {
  cached ??= load(process.env.RUNFOLIO_BASE_REV?.trim() || null);
  return cached;
}

function failure(m: Message): Error {
  return new Error(`RUNFOLIO_BASE_REV: error ${m.code}: ${m.message}${m.hint ? ` (hint: ${m.hint})` : ""}`);
}

async function load(rev: string | null): Promise<RevisionDiffPage | null> {
  if (rev === null) return null;
  const root = settings.dataRoot;
  const where = await locateDataRoot(root).catch((e: Error) => {
    throw failure(diffMessages.notInRepository(root, e.message));
  });
  const commit = await resolveCommit(where.top, rev).catch(() => {
    throw failure(diffMessages.unknownRevision(rev));
  });
  try {
    const [base, head] = await Promise.all([snapshotAtCommit(where, commit), snapshotOfWorkingTree(root)]);
    const diff = await diffSnapshots(base, head);
    const { specs, leftOut } = diffChartSpecs(diff, base, head);
    const charts: RevisionDiffPage["charts"] = [];
    for (const spec of specs) {
      const chart = await buildDiffChart(spec, base, head);
      if (!chart) continue;
      const html = renderChartFigure({
        id: spec.id,
        kind: "line",
        title: chart.description,
        svg: lineChartSvg(chart),
        // The dash legend names the two revisions here, not metrics.
        legend: lineLegendHtml(lineLegend(chart.data)).replace('data-legend="metrics"><span class="rf-legend-title">metric</span>', 'data-legend="metrics"><span class="rf-legend-title">revision</span>'),
        payload: { data: encodeLineChartData(chart.data) },
        notes: chart.notes,
        fallback: renderLineChartTable(chart.data, chart.render),
        toolbar: true,
      });
      charts.push({ spec, html });
    }
    return { base: `${rev} (${commit.slice(0, 7)})`, diff, charts, chartsLeftOut: leftOut };
  } catch (e) {
    if (e instanceof GitError) throw failure(diffMessages.gitFailed(e.message));
    throw e;
  }
}
