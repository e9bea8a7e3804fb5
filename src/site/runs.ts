import settings from "virtual:runfolio/options";
import { fromStoredRun, toStoredRun } from "../core/runs/storedRun.ts";
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
 * Each run twice, as pages ask for it: in full (downloads) and as pages show it (text clipped).
 * Made once per run record the loader hands over, so a run changed in the dev server is made again.
 */
const pairByRun = new WeakMap<Run, { full: Run; shown: Run }>();

function pairOf(run: Run): { full: Run; shown: Run } {
  let pair = pairByRun.get(run);
  if (!pair) {
    // Through the stored form (JSON, objects without a prototype), as every page has always read runs.
    const full = fromStoredRun(toStoredRun(run))!;
    pair = { full, shown: clipRunText(full) };
    pairByRun.set(run, pair);
  }
  return pair;
}

/**
 * The runs the runs loader holds after its sync in this process (src/content/runsLoader.ts), or,
 * when no loader synced this data root here, the runs read again (the build cache keeps them parsed).
 */
async function loadedRuns(): Promise<{ full: Run; shown: Run }[]> {
  const runs = notedRunRecords(settings.dataRoot) ?? (await loadAllRuns(settings.dataRoot)).runs;
  return runs.map(pairOf);
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
  const pairs = await loadedRuns();
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

/**
 * The first `limit` other runs of `run`'s project and group, in id order, and how many others the
 * group has (none when it has no group). A run page lists a few of a group of thousands: taking
 * them, not filtering the whole group for each page, keeps 10,000 pages from costing 2 s.
 */
export async function sameGroupRuns(run: Run, limit: number): Promise<{ listed: Run[]; others: number }> {
  if (run.group === null) return { listed: [], others: 0 };
  const group = (await runSet()).groups.get(`${run.project}\0${run.group}`) ?? [];
  const listed: Run[] = [];
  for (const r of group) {
    if (listed.length === limit) break;
    if (r.id !== run.id) listed.push(r);
  }
  return { listed, others: group.length - (inGroup(group, run.id) ? 1 : 0) };
}

/** Whether `group` (in id order, `compareText`) holds the run `id`. */
function inGroup(group: readonly Run[], id: string): boolean {
  let lo = 0;
  let hi = group.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const order = compareText(group[mid]!.id, id);
    if (order === 0) return true;
    if (order < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
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
