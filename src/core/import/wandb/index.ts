/**
 * Weights & Biases run folders → `ImportedRun`s. Pure: takes the files under the import root
 * (`{ path, bytes }`, POSIX paths relative to it) and returns runs, skip counts and diagnostics.
 *
 * A run folder is a directory holding a `run-<id>.wandb` transaction log and/or the W&B files dir
 * (`files/` or the folder itself: `config.yaml`, `wandb-summary.json`, `wandb-metadata.json`,
 * `wandb-history.jsonl`, `output.log`). What is read:
 * - `.wandb` (cli ≥ 0.10): history, config, summary, run metadata (id, name, project, group, tags,
 *   start time, git, notes), exit code, console output (for a trailing traceback);
 * - `config.yaml`: `{desc, value}` wrappers unwrapped; `_wandb` kept apart (see `wandbConfig`);
 * - `wandb-summary.json`: the final summary (wins over summary records in the `.wandb`);
 * - `wandb-metadata.json`: git, start time, and host/program/python/os → `config.wandb`;
 * - `wandb-history.jsonl` (cli < 0.10): sparse history rows.
 * Media, tables and histograms (`_type` values) and `wandb-events.jsonl` become the run's media/,
 * tables/, histograms/ and system.jsonl (see `readMedia`); other typed values, lists, text and
 * booleans in histories, and records/files not used, are reported as skipped items with counts. Anything unreadable is an error and the run is not imported.
 */
import type { Diagnostic } from "../../diagnostics.ts";
import type { ImportedRun, ImportResult, SkippedItem } from "../importedRun.ts";
import { importMessages } from "../importMessages.ts";
import { assemble, checkHistory, skipUnread } from "./assemble.ts";
import { readConfig, readOutput, readSummary } from "./filePhases.ts";
import { readHistoryJsonl } from "./history.ts";
import { readLog } from "./logPhase.ts";
import { wandbMessages } from "./messages.ts";
import { readMedia } from "./mediaPhase.ts";
import { readMetadata } from "./metadataPhase.ts";
import { at, basename, dirname, join, phase, RunAbort, type FolderFiles, type ImportFile, type Phase, type RunFolder } from "./phase.ts";
import { SkipCounter } from "./values.ts";
import { isLfsPointerBytes } from "../lfsPointer.ts";

export type { ImportFile } from "./phase.ts";
export { tracebackAtEnd } from "./filePhases.ts";

export interface ImportOptions {
  project: string;
}

const MARKERS = new Set(["wandb-summary.json", "wandb-metadata.json", "wandb-history.jsonl"]);
const WANDB_LOG = /^(?:offline-)?run-.*\.wandb$|^[^.].*\.wandb$/;

/** True when the paths look like W&B output: a `.wandb` log or one of the W&B files. */
export function detectWandb(paths: string[]): boolean {
  return paths.some((p) => {
    const b = basename(p);
    return MARKERS.has(b) || (b.endsWith(".wandb") && WANDB_LOG.test(b));
  });
}

function findRunFolders(paths: string[]): RunFolder[] {
  const dirs = new Map<string, RunFolder>();
  const get = (dir: string): RunFolder => {
    let f = dirs.get(dir);
    if (!f) dirs.set(dir, (f = { dir, filesDir: dir, wandbLogs: [] }));
    return f;
  };
  for (const p of paths) {
    const b = basename(p);
    const d = dirname(p);
    if (b.endsWith(".wandb") && WANDB_LOG.test(b)) get(d).wandbLogs.push(p);
    else if (MARKERS.has(b)) {
      const runDir = basename(d) === "files" ? dirname(d) : d;
      get(runDir).filesDir = d;
    }
  }
  for (const f of dirs.values()) f.wandbLogs.sort();
  return [...dirs.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

export function importWandb(files: ImportFile[], options: ImportOptions): ImportResult {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const runs: ImportedRun[] = [];
  const skipped: SkippedItem[] = [];
  const diagnostics: Diagnostic[] = [];
  const seenIds = new Map<string, string>();
  const usedSlugs = new Set<string>();

  for (const folder of findRunFolders(files.map((f) => f.path))) {
    if (folder.dir.split("/").includes("latest-run")) {
      skipped.push({ run: folder.dir, what: "W&B latest-run folder", reason: "a link to the newest run folder, which is imported under its own name", count: 1 });
      continue;
    }
    const r = importRunFolder(folder, byPath, options.project);
    diagnostics.push(...r.diagnostics);
    if (!r.run) continue;
    const runId = r.runId;
    if (runId) {
      const other = seenIds.get(runId);
      if (other !== undefined) {
        const src = r.run.sources[0] ?? folder.dir;
        diagnostics.push(at(src, 0, "warning", wandbMessages.duplicateRun(runId, other), false));
        continue;
      }
      seenIds.set(runId, folder.dir || ".");
    }
    let slug = r.run.slug;
    for (let i = 2; usedSlugs.has(slug); i++) slug = `${r.run.slug}-${i}`;
    usedSlugs.add(slug);
    r.run.slug = slug;
    runs.push(r.run);
    for (const s of r.skips.entries()) skipped.push({ run: slug, ...s });
  }
  return { runs, skipped, diagnostics };
}

/**
 * The folder's files by role. An empty one (a run killed before it wrote, or copied while it
 * wrote) is read as absent, with a warning, so the run is built from the others.
 */
function locateFiles(folder: RunFolder, byPath: Map<string, ImportFile>, empty: Diagnostic[]): FolderFiles {
  const file = (name: string): ImportFile | null => {
    const f = byPath.get(join(folder.filesDir, name)) ?? null;
    // An empty output.log is a run that printed nothing, not a broken file.
    if (f && name !== "output.log" && f.bytes.length <= 4096 && !isLfsPointerBytes(f.bytes) && new TextDecoder().decode(f.bytes).replace(/^\uFEFF/, "").trim() === "") {
      empty.push(at(f.path, 0, "warning", importMessages.emptyFile(name, "read as absent; the run is written from its other files"), false, ""));
      return null;
    }
    return f;
  };
  // A run killed as it started (or copied as it started) leaves a 0-byte .wandb log.
  const logs = folder.wandbLogs.filter((p) => {
    const f = byPath.get(p);
    if (!f || f.bytes.length > 0) return true;
    empty.push(at(p, 0, "warning", importMessages.emptyFile(basename(p), "read as absent; the run is written from its other files"), false, ""));
    return false;
  });
  return {
    log: logs[0] ?? null,
    extraLogs: logs.slice(1),
    config: file("config.yaml"),
    summary: file("wandb-summary.json"),
    metadata: file("wandb-metadata.json"),
    history: file("wandb-history.jsonl"),
    output: file("output.log"),
  };
}

/**
 * One run folder, in phases; each returns its part of the run with the sources it read, its skips
 * and its diagnostics, and the first unreadable file aborts the run with an error:
 * 1. readLog          the `.wandb` log: history, config/summary records, run info, exit, output
 * 2. readConfig       config.yaml (replaces the records), split into user config and `_wandb`
 * 3. readSummary      wandb-summary.json (else the records); `_step`/`_runtime` set apart
 * 4. readMetadata     run info, `_wandb` and wandb-metadata.json → `config.wandb`, git, start, state
 * 5. readHistoryJsonl wandb-history.jsonl (cli < 0.10), only when the log had no history
 *    readMedia        media files, tables, histograms, wandb-events.jsonl → the run's other files
 * 6. readOutput       output.log (else the output records) → a final Python traceback
 * 7. checkHistory     warnings: truncated log, history shorter than the summary's `_step`
 * 8. skipUnread       files in the folder that no phase read
 * 9. assemble         state, duration, start time, git, name, slug, config
 */
function importRunFolder(
  folder: RunFolder,
  byPath: Map<string, ImportFile>,
  project: string,
): { run: ImportedRun | null; runId: string | null; diagnostics: Diagnostic[]; skips: SkipCounter } {
  const done: Phase<unknown>[] = [];
  const take = <T>(p: Phase<T>): T => {
    done.push(p);
    return p.part;
  };
  const skips = (): SkipCounter => {
    const all = new SkipCounter();
    for (const p of done) all.addAll(p.skips);
    return all;
  };
  const empty: Diagnostic[] = [];
  const files = locateFiles(folder, byPath, empty);
  done.push(phase(null, { diagnostics: empty }));
  try {
    const log = take(readLog(files.log, files.extraLogs, byPath));
    const config = take(readConfig(files.config, log.recordConfig));
    const summary = take(readSummary(files.summary, log.recordSummary));
    const meta = take(readMetadata(files.metadata, log.runInfo, config.wandbInternal));
    const { history } = take(readHistoryJsonl(files.history, log.history));
    const media = take(readMedia(folder, log.stats, history, summary, byPath));
    const { crash } = take(readOutput(files.output, log.outputText));
    take(checkHistory(files, history, log.truncated, summary.step));
    take(skipUnread(folder, files, byPath.keys(), media.used));
    const diagnostics = done.flatMap((p) => p.diagnostics);
    if (!files.log && !files.config && !files.summary && !files.metadata && !files.history) return { run: null, runId: null, diagnostics, skips: skips() };
    const sources = done.flatMap((p) => p.sources);
    const { run, runId } = assemble({ folder, project, log, config, summary, meta, history, crash, sources });
    if (media.files) run.files = media.files;
    return { run, runId: runId || null, diagnostics, skips: skips() };
  } catch (e) {
    if (e instanceof RunAbort) return { run: null, runId: null, diagnostics: [...done.flatMap((p) => p.diagnostics), e.diagnostic], skips: skips() };
    throw e;
  }
}
