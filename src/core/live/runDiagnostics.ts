/**
 * The problems the dev server's runs loader (src/content/runsLoader.ts) found in run files at its
 * last sync, for the pages that list them (src/site/runs.ts): asking core to load every run
 * again on each request cost as much as the sync itself at 10,000 runs. Kept per data root by
 * `notesByRoot`: the loader and the pages are in two module graphs.
 */
import type { Diagnostic } from "../diagnostics.ts";
import { notesByRoot } from "./notesByRoot.ts";

const notes = notesByRoot<readonly Diagnostic[]>("liveRunDiagnostics");

export const noteRunDiagnostics: (root: string, diagnostics: readonly Diagnostic[]) => void = notes.note;
export const notedRunDiagnostics: (root: string) => readonly Diagnostic[] | null = notes.noted;
