/**
 * The runs the dev server's runs loader (src/content/runsLoader.ts) holds after its last sync, for
 * the pages (src/site/runs.ts). In the dev server the content store keeps only each run's digest:
 * Astro writes its whole store to disk, and the server reads it back, after every change to any
 * collection, and at 10,000 runs their records made that 8 MB and seconds for each report edit.
 * The store's entries still change with their runs, so that a run's change reaches open pages
 * through Astro's reload (src/integration/liveRuns.ts). Kept on `globalThis` under a registered
 * symbol, as runChanges.ts keeps its notes: the loader and the pages are in two module graphs.
 */
import type { Run } from "../run.ts";

const KEY = Symbol.for("runfolio.liveRunRecords");

type Holder = { [KEY]?: Map<string, readonly Run[]> };

function records(): Map<string, readonly Run[]> {
  return ((globalThis as Holder)[KEY] ??= new Map());
}

/** Every run of the data root `root` (sorted by id, as the loader merged them), after each sync. */
export function noteRunRecords(root: string, runs: readonly Run[]): void {
  records().set(root, runs);
}

/** The runs last noted for `root`; null when no loader synced it in this process (a build). */
export function notedRunRecords(root: string): readonly Run[] | null {
  return records().get(root) ?? null;
}
