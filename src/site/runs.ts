import { getCollection } from "astro:content";
import settings from "virtual:runfolio/options";
import { fromStoredRun, type StoredRun } from "../core/runs/storedRun.ts";
import { clipRunText } from "../core/runs/textLimits.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import { compareDiagnostics } from "../core/diagnostics.ts";
import { compareText } from "../core/format/compareText.ts";
import { runColors } from "../core/chart/index.ts";
import type { Run } from "../core/run.ts";
import { loadAllRuns } from "../core/runs/loadRuns.ts";

/**
 * The runs of the `runs` content collection, as the pages ask for them. Each stored run is read
 * once per process: in full (downloads) and as pages show it (text clipped), keyed by its stored
 * JSON text, so a changed run (dev server) is read again.
 */
const decodedRuns = new Map<string, { full: Run; shown: Run }>();

async function storedRuns(): Promise<{ full: Run; shown: Run }[]> {
  const entries = await getCollection("runs");
  const live = new Set<string>();
  const pairs = entries.map((e) => {
    const json = (e.data as unknown as StoredRun).json;
    live.add(json);
    let pair = decodedRuns.get(json);
    if (!pair) {
      const full = fromStoredRun(e.data);
      // The loader rewrites every entry it cannot read back, so this is a store changed under it.
      if (!full) throw new Error(`the content store's entry for run ${e.id} is not a run this Runfolio wrote; delete the Astro cache folder and build again`);
      pair = { full, shown: clipRunText(full) };
      decodedRuns.set(json, pair);
    }
    return pair;
  });
  for (const json of decodedRuns.keys()) if (!live.has(json)) decodedRuns.delete(json);
  return pairs;
}

/** Every run as pages, tables, indexes and the search show it: long text clipped to `TEXT_LIMITS`. */
export async function getRuns(): Promise<Run[]> {
  return (await storedRuns()).map((p) => p.shown).sort((a, b) => compareText(a.id, b.id));
}

/** The run with its full text, as downloads keep it (pages show it clipped, see `clipRunText`). */
export async function fullRun(run: Run): Promise<Run> {
  return (await storedRuns()).find((p) => p.full.id === run.id)?.full ?? run;
}

export async function getColors(): Promise<ReadonlyMap<string, string>> {
  return runColors((await getRuns()).map((r) => r.id));
}

/** Problems in run files, for the dev server's in-place list (the build fails on them instead). */
export async function getRunDiagnostics(): Promise<Diagnostic[]> {
  if (!import.meta.env.DEV) return [];
  const { diagnostics } = await loadAllRuns(settings.dataRoot);
  return [...diagnostics].sort(compareDiagnostics);
}
