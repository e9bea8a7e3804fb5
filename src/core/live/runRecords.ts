/**
 * The runs the runs loader (src/content/runsLoader.ts) holds after its last sync, for the pages
 * (src/site/runs.ts), in a build as in the dev server. The content store keeps only a digest of
 * them: Astro writes its whole store to disk (and the dev server reads it back after every change
 * to any collection), and a build bundles it into the pages; at 10,000 runs their records made
 * that 8.5 MB, seconds for each report edit and about 90 MB of a build's memory. The store's entry
 * still changes with the runs, so that a run's change reaches open pages through Astro's reload
 * (src/integration/liveRuns.ts). Kept per data root by `notesByRoot`: the loader and the pages
 * are in two module graphs.
 */
import type { Run } from "../run.ts";
import { notesByRoot } from "./notesByRoot.ts";

const notes = notesByRoot<readonly Run[]>("liveRunRecords");

export const noteRunRecords: (root: string, runs: readonly Run[]) => void = notes.note;
export const notedRunRecords: (root: string) => readonly Run[] | null = notes.noted;
