import { existsSync } from "node:fs";
import path from "node:path";
import { buildCacheDir, codeVersionOf, setBuildCache } from "../../core/cache/buildCache.ts";
import { cachedTitleCard } from "../../core/cache/cachedPng.ts";
import { DiskCache } from "../../core/cache/diskCache.ts";
import { formatDiagnostic, type Diagnostic } from "../../core/diagnostics.ts";
import { runCard } from "../../core/export/previewImage.ts";
import { mapLimit } from "../../core/files/limitConcurrency.ts";
import { discoverRunSources, loadRunSource, readHistory } from "../../core/runs/loadRuns.ts";
import { clipRunText } from "../../core/runs/textLimits.ts";
import type { CommandIo } from "./check.ts";

const USAGE = `usage: runfolio cache [--shard <i>/<n>] [--root <dir>]

Fills the build cache with what each run's own files decide: its parsed record and history and
its preview card. A CI matrix runs it in n jobs (--shard 1/n … n/n), each over every n-th run;
a final job merges their cache folders and runs the build, which then only assembles the site
(docs/performance.md). The cache is node_modules/.cache/runfolio/, or runfolio/ inside
RUNFOLIO_CACHE_DIR when that is set: the folder the build reads.

  --shard <i>/<n>  this job's share of the runs (default 1/1: all of them)
  --root <dir>     the folder holding runs/ (default: the current directory)
`;

/** App root: where src/ and the lock file of this Runfolio are (the code version is theirs). */
const APP_ROOT = path.resolve(import.meta.dirname, "../../..");

/** `runfolio cache`: returns the exit code, 0 (done), 1 (a run failed to load), 2 (bad usage). */
export async function cacheCommand(args: string[], io: CommandIo): Promise<number> {
  let shard = { index: 1, count: 1 };
  let rootArg = ".";
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (name: string) => (a.startsWith(`${name}=`) ? a.slice(name.length + 1) : args[++i]);
    if (a === "--help" || a === "-h") {
      io.stdout(USAGE);
      return 0;
    } else if (a === "--shard" || a.startsWith("--shard=")) {
      const m = /^(\d+)\/(\d+)$/.exec(value("--shard") ?? "");
      if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
        io.stderr(`runfolio cache: --shard needs <i>/<n> with 1 ≤ i ≤ n, e.g. --shard 2/8\n${USAGE}`);
        return 2;
      }
      shard = { index: Number(m[1]), count: Number(m[2]) };
    } else if (a === "--root" || a.startsWith("--root=")) {
      const dir = value("--root");
      if (!dir) {
        io.stderr(`runfolio cache: --root needs a folder\n${USAGE}`);
        return 2;
      }
      rootArg = dir;
    } else {
      io.stderr(`runfolio cache: unknown argument "${a}"\n${USAGE}`);
      return 2;
    }
  }
  const root = path.resolve(io.cwd, rootArg);
  if (!existsSync(path.join(root, "runs"))) {
    io.stderr(`runfolio cache: ${root} has no runs/ folder (use --root <dir>)\n`);
    return 2;
  }
  const warnings: Diagnostic[] = [];
  const cache = new DiskCache({ dir: buildCacheDir(io.env, APP_ROOT), codeVersion: codeVersionOf(APP_ROOT), warn: (d) => warnings.push(d) });
  setBuildCache(cache);
  try {
    const found = await discoverRunSources(root);
    // Every n-th source of the sorted list: shards of about equal size that never overlap.
    const mine = found.sources.filter((_, k) => k % shard.count === shard.index - 1);
    let failed = 0;
    let runs = 0;
    await mapLimit(mine, 8, async (source) => {
      const loaded = await loadRunSource(root, source);
      if (loaded.runs.length === 0) failed++;
      for (const run of loaded.runs) {
        runs++;
        await readHistory(root, run);
        await cachedTitleCard(runCard(clipRunText(run)));
      }
    });
    for (const w of warnings) io.stderr(`${formatDiagnostic(w)}\n`);
    io.stdout(`runfolio cache: shard ${shard.index}/${shard.count}: ${mine.length} of ${found.sources.length} run sources, ${runs} runs, in ${path.relative(io.cwd, cache.dir) || "."}\n`);
    if (failed) io.stderr(`runfolio cache: ${failed} run source(s) did not load; \`runfolio check\` lists why\n`);
    return failed ? 1 : 0;
  } finally {
    setBuildCache(null);
  }
}
