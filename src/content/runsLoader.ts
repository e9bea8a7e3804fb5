/**
 * Astro content-layer loader for the `runs` collection. It parses every run source (metadata,
 * config and summary; histories are read by `readHistory` when a page needs them) and keeps the
 * runs in memory for the pages (core/live/runRecords.ts), in a build as in the dev server. The
 * content store holds one entry whose digest covers every run's: Astro writes its whole store to
 * disk and bundles it into the pages, and at 10,000 runs the records made that 8.5 MB written,
 * bundled and parsed again, and about 90 MB more memory. An unchanged source comes back from the
 * build cache's parsed entry (loadRunSource) instead of being parsed again.
 *
 * In the dev server the loader also keeps each source's result (`SyncState`): a refresh for
 * changed files re-reads only the sources holding them, and the pages list the problems from the
 * last sync (core/live/runDiagnostics.ts) instead of loading every run again.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { compareDiagnostics, formatDiagnostic, type Diagnostic } from "../core/diagnostics.ts";
import { mapLimit } from "../core/files/limitConcurrency.ts";
import type { Run } from "../core/run.ts";
import { sourceKey } from "../core/runs/classifyRunFiles.ts";
import { collectRuns } from "../core/runs/collectRuns.ts";
import { contentDigest, discoverRunSources, loadRunSource, runSourceDigest, type RunSource } from "../core/runs/loadRuns.ts";
import { noteRunsChanged } from "../core/live/runChanges.ts";
import { noteRunDiagnostics } from "../core/live/runDiagnostics.ts";
import { noteRunRecords } from "../core/live/runRecords.ts";
import { refreshOf, sourceFollower } from "./followSources.ts";

export interface RunsLoaderOptions {
  /** Site root holding `runs/`. __Default:__ Astro's `root`. */
  root?: string;
  /**
   * Throw after logging when any diagnostic is an error. With `false` in a build, diagnostics
   * are not logged here either: the runfolio integration lists them with the reports' own.
   * __Default:__ `true` in builds, `false` in dev (where they are always logged).
   */
  failOnError?: boolean;
}

/** Written by Runfolio before runs stayed out of the store; deleted as each source is read. */
const META_PREFIX = "source:";

const LOADER = "runfolio-runs";

export function runsLoader(options: RunsLoaderOptions = {}): Loader {
  // The dev server re-syncs runs whose files change (followSources.ts says how).
  const follow = sourceFollower(LOADER);
  return {
    name: LOADER,
    load: async (context) => {
      const root = options.root ?? fileURLToPath(context.config.root);
      const failOnError = options.failOnError ?? !context.watcher;
      const refresh = refreshOf(context);
      if (refresh?.files && (await syncChangedFiles(context, root, refresh.files))) return;
      await syncRuns(context, root, failOnError);
      if (refresh) return;
      follow(context, { dir: path.join(root, "runs"), accept: () => true, sync: () => syncRuns(context, root, false) });
    },
  };
}

/** Sources read at once: enough to keep the disk busy while another is parsed, far below open-file limits. */
const SYNC_CONCURRENCY = 16;

interface SourceResult {
  source: RunSource;
  /** The store's digest of the source's files (every run of it is stored with it). */
  digest: string;
  runs: Run[];
  diagnostics: Diagnostic[];
  /** Parsed in this sync (its entries are written again). */
  fresh: boolean;
}

/**
 * What the dev server's loader knows between syncs, per data root: every source's result in
 * discovery order, the problems of the walk, and which source each file belongs to. Kept on
 * `globalThis`, because Astro imports the content config (and this module with it) again when it
 * reloads it.
 */
interface SyncState {
  walk: Diagnostic[];
  sources: Map<string, SourceResult>;
  fileSource: Map<string, string>;
  /** Each run's digest as last stored: which runs a sync changed. */
  stored: Map<string, string>;
}

const STATE_KEY = Symbol.for("runfolio.runsLoader.state");

function states(): Map<string, SyncState> {
  const g = globalThis as { [STATE_KEY]?: Map<string, SyncState> };
  return (g[STATE_KEY] ??= new Map());
}

async function syncRuns(context: LoaderContext, root: string, failOnError: boolean): Promise<void> {
  const found = await discoverRunSources(root);
  const known = context.watcher ? states().get(root) : undefined;

  const results = await mapLimit(found.sources, SYNC_CONCURRENCY, async (source): Promise<SourceResult> => {
    const key = sourceKey(source);
    const previous = known?.sources.get(key);
    if (previous) {
      // Kept in memory (dev server): unchanged when its files' digest is.
      const digest = context.generateDigest(await runSourceDigest(root, source));
      if (digest === previous.digest) return { ...previous, source, fresh: false };
    }
    return loadSource(context, root, source);
  });
  const state: SyncState = { walk: found.diagnostics, sources: new Map(), fileSource: new Map(), stored: known?.stored ?? new Map() };
  for (const result of results) {
    const key = sourceKey(result.source);
    state.sources.set(key, result);
    for (const file of result.source.files) state.fileSource.set(file, key);
  }
  if (context.watcher) states().set(root, state);
  storeRuns(context, root, state, failOnError);
}

async function loadSource(context: LoaderContext, root: string, source: RunSource): Promise<SourceResult> {
  const loaded = await loadRunSource(root, source);
  // The digest of the bytes parsed (a file written since the unchanged check is parsed as it is now).
  const digest = context.generateDigest(loaded.digest);
  const key = META_PREFIX + sourceKey(source);
  context.meta.delete(key);
  return { source, digest, runs: loaded.runs, diagnostics: loaded.diagnostics, fresh: true };
}

/**
 * A refresh for files that changed in place: only the sources holding them are read again. False
 * (sync everything) when the loader has no state yet, a file belongs to no known source, or a
 * source now yields other runs than before.
 */
async function syncChangedFiles(context: LoaderContext, root: string, files: readonly string[]): Promise<boolean> {
  const state = states().get(root);
  if (!state) return false;
  const keys = new Set<string>();
  for (const file of files) {
    const key = state.fileSource.get(path.relative(root, file).split(path.sep).join("/"));
    if (key === undefined) return false;
    keys.add(key);
  }
  const reloaded: SourceResult[] = [];
  for (const key of keys) {
    const previous = state.sources.get(key)!;
    const result = await loadSource(context, root, previous.source);
    if (result.runs.map((r) => r.id).join("\n") !== previous.runs.map((r) => r.id).join("\n")) return false;
    reloaded.push(result);
  }
  for (const [key, result] of state.sources) if (result.fresh) state.sources.set(key, { ...result, fresh: false });
  for (const result of reloaded) state.sources.set(sourceKey(result.source), result);
  storeRuns(context, root, state, false);
  return true;
}

/** Hands the runs of `state` to the pages, stores their digest, and reports. */
function storeRuns(context: LoaderContext, root: string, state: SyncState, failOnError: boolean): void {
  const { logger } = context;
  const results = [...state.sources.values()];
  const diagnostics: Diagnostic[] = [...state.walk, ...results.flatMap((r) => r.diagnostics)];
  const merged = collectRuns(results);
  diagnostics.push(...merged.diagnostics);
  const digestOf = new Map<string, { digest: string; fresh: boolean }>();
  for (const r of results) for (const run of r.runs) if (!digestOf.has(run.id)) digestOf.set(run.id, { digest: r.digest, fresh: r.fresh });

  const changed = storeRunsDigest(context, state, merged.runs, digestOf);
  noteRunRecords(root, merged.runs);
  // The dev server tells open pages which runs changed (live updates, src/integration/liveRuns.ts)
  // and lists the problems on its pages.
  if (context.watcher) {
    noteRunsChanged(changed);
    noteRunDiagnostics(root, [...diagnostics].sort(compareDiagnostics));
  }

  if (failOnError || context.watcher) {
    for (const d of diagnostics) {
      if (d.severity === "error") logger.error(formatDiagnostic(d));
      else logger.warn(formatDiagnostic(d));
    }
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0 && failOnError) throw new Error(`${errors} error(s) in run files under runs/; see the messages above`);
}

/** The runs collection's one entry. */
const RUNS_ENTRY = "runfolio:runs";

/**
 * The store: one entry whose digest covers every run's, so that a change to any run still changes
 * the store (the dev server then reloads open pages, which src/integration/liveRuns.ts turns into
 * live updates) while Astro writes, bundles and reads back a few bytes for the runs, not every
 * record. Returns the runs changed since the last sync.
 */
function storeRunsDigest(context: LoaderContext, state: SyncState, runs: readonly Run[], digestOf: ReadonlyMap<string, { digest: string; fresh: boolean }>): string[] {
  const now = new Map(runs.map((run) => [run.id, digestOf.get(run.id)!.digest]));
  const changed = [...now].filter(([id, digest]) => state.stored.get(id) !== digest || digestOf.get(id)!.fresh).map(([id]) => id);
  for (const id of state.stored.keys()) if (!now.has(id)) changed.push(id);
  state.stored = now;
  for (const id of context.store.keys()) if (id !== RUNS_ENTRY) context.store.delete(id);
  context.store.set({ id: RUNS_ENTRY, data: {}, digest: contentDigest([...now].map(([id, digest]) => `${id}\0${digest}`).join("\n")) });
  return changed;
}
