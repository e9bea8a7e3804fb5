/**
 * The problems the dev server's runs loader (src/content/runsLoader.ts) found in run files at its
 * last sync, for the pages that list them (src/site/runs.ts): asking core to load every run
 * again on each request cost as much as the sync itself at 10,000 runs. The loader runs in Vite's
 * module runner and the pages in another module graph, so the notes live on `globalThis` under a
 * registered symbol, as runChanges.ts keeps its own.
 */
import type { Diagnostic } from "../diagnostics.ts";

const KEY = Symbol.for("runfolio.liveRunDiagnostics");

type Holder = { [KEY]?: Map<string, readonly Diagnostic[]> };

function notes(): Map<string, readonly Diagnostic[]> {
  return ((globalThis as Holder)[KEY] ??= new Map());
}

/** The loader's whole list for the data root `root`, after each sync. */
export function noteRunDiagnostics(root: string, diagnostics: readonly Diagnostic[]): void {
  notes().set(root, diagnostics);
}

/** The list last noted for `root`; null when no loader synced it in this process. */
export function notedRunDiagnostics(root: string): readonly Diagnostic[] | null {
  return notes().get(root) ?? null;
}
