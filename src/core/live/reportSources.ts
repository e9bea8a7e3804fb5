/**
 * The report files the dev server's reports loader (src/content/reportsLoader.ts) read at its last
 * sync, for the pages (src/site/reports.ts). Astro's runtime keeps the content store it first read
 * until its modules are evaluated again, which after a change happens only when the store file's
 * watcher event comes more than a second after Astro's own invalidation: on a busy machine an
 * edit could stay off the page until the next one. Kept on `globalThis` under a registered
 * symbol, as runRecords.ts keeps the runs: the loader and the pages are in two module graphs.
 */
export interface ReportSource {
  /** Data-root relative path, `reports/<slug>.md`. */
  file: string;
  text: string;
}

const KEY = Symbol.for("runfolio.liveReportSources");

type Holder = { [KEY]?: Map<string, readonly ReportSource[]> };

function sources(): Map<string, readonly ReportSource[]> {
  return ((globalThis as Holder)[KEY] ??= new Map());
}

/** Every report read under the data root `root`, after each sync. */
export function noteReportSources(root: string, reports: readonly ReportSource[]): void {
  sources().set(root, reports);
}

/** The reports last noted for `root`; null when no loader synced it in this process (a build). */
export function notedReportSources(root: string): readonly ReportSource[] | null {
  return sources().get(root) ?? null;
}
