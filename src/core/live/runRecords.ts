/**
 * The runs the dev server's runs loader (src/content/runsLoader.ts) holds after its last sync, for
 * the pages (src/site/runs.ts). In the dev server the content store keeps only each run's digest:
 * Astro writes its whole store to disk, and the server reads it back, after every change to any
 * collection, and at 10,000 runs their records made that 8 MB and seconds for each report edit.
 * The store's entries still change with their runs, so that a run's change reaches open pages
 * through Astro's reload (src/integration/liveRuns.ts). Kept per data root by `notesByRoot`:
 * the loader and the pages are in two module graphs.
 */
import type { Run } from "../run.ts";
import { notesByRoot } from "./notesByRoot.ts";

const notes = notesByRoot<readonly Run[]>("liveRunRecords");

export const noteRunRecords: (root: string, runs: readonly Run[]) => void = notes.note;
export const notedRunRecords: (root: string) => readonly Run[] | null = notes.noted;
