/**
 * Astro content-layer loader for the `runs` collection: one entry per run (`id` = run id,
 * `data` = the `Run` as JSON text (see `storedRun.ts`), metadata only — histories are read by
 * `readHistory` when a page needs them).
 * Sources whose files did not change keep their entries without being parsed again.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { formatDiagnostic, type Diagnostic } from "../core/diagnostics.ts";
import type { Run } from "../core/run.ts";
import { sourceKey } from "../core/runs/classifyRunFiles.ts";
import { collectRuns } from "../core/runs/collectRuns.ts";
import { discoverRunSources, loadRunSource, runSourceDigest } from "../core/runs/loadRuns.ts";
import { fromStoredRun, toStoredRun } from "../core/runs/storedRun.ts";
import { noteRunsChanged } from "../core/live/runChanges.ts";
import { isFileRefresh, sourceFollower } from "./followSources.ts";

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

const META_PREFIX = "source:";

const LOADER = "runfolio-runs";

export function runsLoader(options: RunsLoaderOptions = {}): Loader {
  // The dev server re-syncs runs whose files change (followSources.ts says how).
  const follow = sourceFollower(LOADER);
  return {
    name: LOADER,
    load: async (context) => {
      const root = options.root ?? fileURLToPath(context.config.root);
      await syncRuns(context, root, options.failOnError ?? !context.watcher);
      if (isFileRefresh(context)) return;
      follow(context, { dir: path.join(root, "runs"), accept: () => true, sync: () => syncRuns(context, root, false) });
    },
  };
}

async function syncRuns(context: LoaderContext, root: string, failOnError: boolean): Promise<void> {
  const { store, meta, logger } = context;
  const found = await discoverRunSources(root);
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const results: { runs: Run[]; digest: string; fresh: boolean }[] = [];

  for (const source of found.sources) {
    const digest = context.generateDigest(await runSourceDigest(root, source));
    const key = META_PREFIX + sourceKey(source);
    const previous = readSourceMeta(meta.get(key));
    // Unchanged: same digest as last time and every run it produced is still stored with it.
    const unchanged = previous?.digest === digest && previous.ids.length > 0 && previous.ids.every((id) => store.get(id)?.digest === digest);
    const kept = unchanged ? previous.ids.map((id) => fromStoredRun(store.get(id)!.data)) : [];
    if (unchanged && kept.every((run) => run !== null)) {
      results.push({ runs: kept as Run[], digest, fresh: false });
      continue;
    }
    const loaded = await loadRunSource(root, source);
    diagnostics.push(...loaded.diagnostics);
    meta.set(key, JSON.stringify({ digest, ids: loaded.runs.map((r) => r.id) }));
    results.push({ runs: loaded.runs, digest, fresh: true });
  }

  const merged = collectRuns(results);
  diagnostics.push(...merged.diagnostics);
  const keep = new Set(merged.runs.map((r) => r.id));
  const digestOf = new Map<string, { digest: string; fresh: boolean }>();
  for (const r of results) for (const run of r.runs) if (!digestOf.has(run.id)) digestOf.set(run.id, { digest: r.digest, fresh: r.fresh });

  const changed: string[] = [];
  for (const run of merged.runs) {
    const { digest, fresh } = digestOf.get(run.id)!;
    if (!fresh && store.get(run.id)?.digest === digest) continue;
    const data = await context.parseData({ id: run.id, data: toStoredRun(run) as unknown as Record<string, unknown> });
    store.set({ id: run.id, data, digest, filePath: run.source.files[0]! });
    changed.push(run.id);
  }
  for (const id of store.keys()) {
    if (keep.has(id)) continue;
    store.delete(id);
    changed.push(id);
  }
  // The dev server tells open pages which runs changed (live updates, src/integration/liveRuns.ts).
  if (context.watcher) noteRunsChanged(changed);

  if (failOnError || context.watcher) {
    for (const d of diagnostics) {
      if (d.severity === "error") logger.error(formatDiagnostic(d));
      else logger.warn(formatDiagnostic(d));
    }
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0 && failOnError) throw new Error(`${errors} error(s) in run files under runs/; see the messages above`);
}

function readSourceMeta(value: string | undefined): { digest: string; ids: string[] } | null {
  if (value === undefined) return null;
  try {
    return JSON.parse(value) as { digest: string; ids: string[] };
  } catch {
    return null;
  }
}
