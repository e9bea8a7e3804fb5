import { getCollection } from "astro:content";
import settings from "virtual:runfolio/options";
import { fromStoredRun, toStoredRun, type StoredRun } from "../core/runs/storedRun.ts";
import { clipRunText } from "../core/runs/textLimits.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import { compareDiagnostics } from "../core/diagnostics.ts";
import { compareText } from "../core/format/compareText.ts";
import { runColors } from "../core/chart/index.ts";
import type { Run } from "../core/run.ts";
import { loadAllRuns } from "../core/runs/loadRuns.ts";
import { notedRunDiagnostics } from "../core/live/runDiagnostics.ts";
import { notedRunRecords } from "../core/live/runRecords.ts";

/**
 * The runs of the `runs` content collection, as the pages ask for them. Each stored run is read
 * once per process: in full (downloads) and as pages show it (text clipped), keyed by its stored
 * JSON text, so a changed run (dev server) is read again.
 */
const decodedRuns = new Map<string, { full: Run; shown: Run }>();

/** The dev server's runs, from the loader's memory (core/live/runRecords.ts), each read once as the store would give it back. */
const devPairs = new WeakMap<Run, { full: Run; shown: Run }>();

function devPair(run: Run): { full: Run; shown: Run } {
  let pair = devPairs.get(run);
  if (!pair) {
    // Through the stored form, so that pages get runs of the same shape as in a build.
    const full = fromStoredRun(toStoredRun(run))!;
    pair = { full, shown: clipRunText(full) };
    devPairs.set(run, pair);
  }
  return pair;
}

async function storedRuns(): Promise<{ full: Run; shown: Run }[]> {
  const noted = import.meta.env.DEV ? notedRunRecords(settings.dataRoot) : null;
  if (noted) return noted.map(devPair);
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

interface RunSet {
  /** Sorted by id, text clipped. */
  shown: Run[];
  fullById: Map<string, Run>;
  colors: Map<string, string>;
  /** `project\0group` → the runs of that group, in id order. */
  groups: Map<string, Run[]>;
}

async function computeRunSet(): Promise<RunSet> {
  const pairs = await storedRuns();
  const shown = pairs.map((p) => p.shown).sort((a, b) => compareText(a.id, b.id));
  const groups = new Map<string, Run[]>();
  for (const run of shown) {
    if (run.group === null) continue;
    const key = `${run.project}\0${run.group}`;
    const list = groups.get(key);
    if (list) list.push(run);
    else groups.set(key, [run]);
  }
  return { shown, fullById: new Map(pairs.map((p) => [p.full.id, p.full])), colors: runColors(shown.map((r) => r.id)), groups };
}

let builtRunSet: Promise<RunSet> | null = null;

/**
 * The runs once per build: every page asks for them, and deriving them again per page made a
 * build's time grow with the square of its runs. The dev server works them out on each request
 * (runs change under it).
 */
function runSet(): Promise<RunSet> {
  if (import.meta.env.DEV) return computeRunSet();
  return (builtRunSet ??= computeRunSet());
}

/** Every run as pages, tables, indexes and the search show it: long text clipped to `TEXT_LIMITS`. */
export async function getRuns(): Promise<Run[]> {
  return [...(await runSet()).shown];
}

/** The run with its full text, as downloads keep it (pages show it clipped, see `clipRunText`). */
export async function fullRun(run: Run): Promise<Run> {
  return (await runSet()).fullById.get(run.id) ?? run;
}

export async function getColors(): Promise<ReadonlyMap<string, string>> {
  return (await runSet()).colors;
}

/** The other runs of `run`'s project and group, in id order (none when it has no group). */
export async function sameGroupRuns(run: Run): Promise<Run[]> {
  if (run.group === null) return [];
  return ((await runSet()).groups.get(`${run.project}\0${run.group}`) ?? []).filter((r) => r.id !== run.id);
}

/**
 * Problems in run files, for the dev server's in-place list (the build fails on them instead):
 * those the runs loader found at its last sync, else (no loader synced in this process) read again.
 */
export async function getRunDiagnostics(): Promise<Diagnostic[]> {
  if (!import.meta.env.DEV) return [];
  const noted = notedRunDiagnostics(settings.dataRoot);
  if (noted) return [...noted];
  const { diagnostics } = await loadAllRuns(settings.dataRoot);
  return [...diagnostics].sort(compareDiagnostics);
}
