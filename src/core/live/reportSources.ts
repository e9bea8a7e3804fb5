/**
 * The report files the dev server's reports loader (src/content/reportsLoader.ts) read at its last
 * sync, for the pages (src/site/reports.ts). Astro's runtime keeps the content store it first read
 * until its modules are evaluated again, which after a change happens only when the store file's
 * watcher event comes more than a second after Astro's own invalidation: on a busy machine an
 * edit could stay off the page until the next one. Kept per data root by `notesByRoot`: the
 * loader and the pages are in two module graphs.
 */
import { notesByRoot } from "./notesByRoot.ts";

export interface ReportSource {
  /** Data-root relative path, `reports/<slug>.md`. */
  file: string;
  text: string;
}

const notes = notesByRoot<readonly ReportSource[]>("liveReportSources");

export const noteReportSources: (root: string, reports: readonly ReportSource[]) => void = notes.note;
export const notedReportSources: (root: string) => readonly ReportSource[] | null = notes.noted;
