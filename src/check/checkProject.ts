import { readRunTable } from "../core/runs/readRunTable.ts";
import { compareDiagnostics, type Diagnostic } from "../core/diagnostics.ts";
import { readReportFiles } from "../core/files/readReportFiles.ts";
import { parseReport } from "../core/report/parseReport.ts";
import { historyDigest, loadAllRuns, readHistory, readHistoryFacts } from "../core/runs/loadRuns.ts";
import { buildCache } from "../core/cache/buildCache.ts";
import { chartMemo, digestsOnce } from "../core/cache/chartMemo.ts";
import { runDataReader } from "../core/runs/loadRunData.ts";
import { compileReport, type CompileReportOptions } from "../core/report/compileReport.ts";
import { reportRunSets } from "../core/report/reportRunSets.ts";
import { namedRunIdWarnings } from "../core/report/facts/namedRunIds.ts";
import { readSiteConfig } from "./readSiteConfig.ts";
import { publishedMediaFiles, type PublishedMediaFile } from "../core/media/mediaUrls.ts";

export interface CheckResult {
  diagnostics: Diagnostic[];
  runs: number;
  reports: number;
  /** Every media file the site publishes (the build copies the originals: integration/copyMediaOriginals.ts). */
  media: PublishedMediaFile[];
}

/**
 * Validate runfolio.config.json, every run file and every report block without building the site: the build runs
 * this first so that it can list all problems at once, and `runfolio check` prints them.
 */
export async function checkProject(root: string, options: CompileReportOptions = {}): Promise<CheckResult> {
  const { runs, diagnostics } = await loadAllRuns(root);
  const found = await readReportFiles(root);
  const all: Diagnostic[] = [...readSiteConfig(root).diagnostics, ...diagnostics, ...found.diagnostics];
  // In a build, what a chart's check finds is kept by the runs' history digests: a rebuild does not read every history again.
  const cache = buildCache();
  const digestOf = digestsOnce((run) => historyDigest(root, run));
  const memoChart = cache ? chartMemo(cache, digestOf) : undefined;
  for (const { file, text } of found.reports) {
    const report = parseReport(file, text);
    const rendered = await compileReport(report, {
      runs,
      readHistory: async (run, metrics) => readHistory(root, run, metrics, { digest: await digestOf(run) }),
      readFacts: async (run) => readHistoryFacts(root, run, await digestOf(run)),
      readRunData: runDataReader(root),
      colors: new Map(),
      hrefForRun: () => "",
      render: false,
      ...(memoChart ? { memoChart } : {}),
      readTable: (run, name) => readRunTable(root, run, name),
    }, options);
    all.push(...rendered.diagnostics);
    for (const source of (await reportRunSets(report, runs)).sources) all.push(...namedRunIdWarnings(source, runs));
  }
  return { diagnostics: all.sort(compareDiagnostics), runs: runs.length, reports: found.reports.length, media: publishedMediaFiles(runs) };
}
