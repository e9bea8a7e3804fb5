/**
 * The last W&B import phases: warnings about the history, the files nothing read, and the
 * assembly of the run from the parts the reading phases returned (state, times, identity, config).
 */
import type { Diagnostic } from "../../diagnostics.ts";
import type { GitInfo, RunState } from "../../run.ts";
import type { ImportedRun } from "../importedRun.ts";
import { isoTime } from "../isoTime.ts";
import { ownRecord } from "../../ownRecord.ts";
import type { ConfigPart, SummaryPart } from "./filePhases.ts";
import type { HistoryAcc } from "./history.ts";
import type { LogPart } from "./logPhase.ts";
import { wandbMessages } from "./messages.ts";
import type { MetadataPart } from "./metadataPhase.ts";
import { at, basename, dirname, join, phase, type FolderFiles, type Phase, type RunFolder } from "./phase.ts";
import { cleanConfigValue, SkipCounter, toSlug } from "./values.ts";

/** A log cut off mid-record, and a history that ends before the summary's last step. */
export function checkHistory(files: FolderFiles, history: HistoryAcc, truncated: LogPart["truncated"], summaryStep: number | null): Phase<null> {
  const diagnostics: Diagnostic[] = [];
  const lastStep = history.lastStep();
  if (truncated) {
    diagnostics.push(at(truncated.file, truncated.offset, "warning", wandbMessages.truncatedLog(truncated.offset, history.rows.length, lastStep), true));
  }
  if (summaryStep !== null && lastStep !== null && summaryStep > lastStep) {
    const file = files.log ?? files.history?.path ?? files.summary!.path;
    diagnostics.push(at(file, 0, "warning", wandbMessages.historyShort(lastStep, summaryStep), true));
  }
  return phase(null, { diagnostics });
}

/** Files in the run folder (and its `media/`) that no phase read, counted as skipped. */
export function skipUnread(folder: RunFolder, files: FolderFiles, allPaths: Iterable<string>, read: ReadonlySet<string> = new Set()): Phase<null> {
  const used = new Set<string>(read);
  if (files.log) used.add(files.log);
  for (const f of [files.config, files.summary, files.metadata, files.history, files.output]) if (f) used.add(f.path);
  const media = join(folder.filesDir, "media/");
  const others = [...allPaths].filter((p) => !used.has(p) && (dirname(p) === folder.dir || dirname(p) === folder.filesDir || p.startsWith(media)));
  // readMedia counted the media/ files it did not import.
  const mediaFiles = others.filter((p) => p.startsWith(media));
  const skips = new SkipCounter();
  for (const p of others) {
    if (mediaFiles.includes(p)) continue;
    const b = basename(p);
    if (b.endsWith(".wandb")) continue;
    skips.add(`file ${b}`, "not a W&B run record file");
  }
  return phase(null, { skips });
}

export interface RunParts {
  folder: RunFolder;
  project: string;
  log: LogPart;
  config: ConfigPart;
  summary: SummaryPart;
  meta: MetadataPart;
  history: HistoryAcc;
  crash: string | null;
  sources: string[];
}

/** The run, and its W&B run id ("" when unknown). */
export function assemble(p: RunParts): { run: ImportedRun; runId: string } {
  const { runInfo, exit } = p.log;
  const { wandbMeta } = p.meta;
  let state: RunState;
  if (exit) state = exit.exitCode === 0 ? "finished" : "crashed";
  else if (p.crash) state = "crashed";
  else if (p.meta.state === "finished" || p.meta.state === "crashed" || p.meta.state === "failed") state = p.meta.state;
  else state = "running";

  let duration: number | null = null;
  if (exit && exit.runtime > 0) duration = exit.runtime;
  else if (p.summary.runtime !== null) duration = p.summary.runtime;
  else if (p.history.lastRuntime !== null) duration = p.history.lastRuntime;
  else if (exit) duration = exit.runtime;

  let created: string | null = null;
  if (runInfo?.startTime) created = isoFromUnix(runInfo.startTime);
  else if (p.meta.startedAt) created = isoFromNaiveUtc(p.meta.startedAt);
  else if (typeof p.config.wandbInternal.start_time === "number") created = isoFromUnix(p.config.wandbInternal.start_time);

  let git: GitInfo | null = p.meta.git;
  if (runInfo && (runInfo.gitCommit || runInfo.gitRemote)) {
    git = { ...(git ?? {}) };
    if (runInfo.gitCommit) git.commit = runInfo.gitCommit;
    if (runInfo.gitRemote) git.remote = runInfo.gitRemote;
  }

  const runId = runInfo?.runId || runIdFromDir(p.folder.dir);
  const displayName = runInfo?.displayName || (typeof wandbMeta.display_name === "string" ? wandbMeta.display_name : "");
  delete wandbMeta.display_name;
  if (runId) wandbMeta.run_id ??= runId;
  // A folder named after the run (`run-20230329_135925-5pppfjv9`) gives the slug; a bare files dir
  // (the import root itself, or a generic `wandb/`) falls back to the run id or display name.
  const dirName = basename(p.folder.dir);
  const slugBase = dirName === "" || dirName === "wandb" || dirName === "files" ? runId || displayName || "wandb-run" : dirName;

  const config: Record<string, unknown> = cleanConfigValue(p.config.userConfig) as Record<string, unknown>;
  if (Object.keys(wandbMeta).length > 0) {
    const key = "wandb" in config ? "_wandb" : "wandb";
    config[key] = sortKeys(cleanConfigValue(wandbMeta) as Record<string, unknown>);
  }

  let notes: string | null = runInfo?.notes || null;
  if (p.crash && state === "crashed") notes = notes ? `${notes}\n\n${p.crash}` : p.crash;

  const run: ImportedRun = {
    slug: toSlug(slugBase, "wandb-run"),
    project: p.project,
    name: displayName || runId || toSlug(slugBase, "wandb-run"),
    group: runInfo?.group || null,
    tags: runInfo ? [...runInfo.tags] : [],
    state,
    created,
    duration,
    notes,
    git,
    config,
    summary: p.summary.summary,
    history: p.history.finish(),
    sources: p.sources,
  };
  return { run, runId };
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = ownRecord<unknown>();
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

function runIdFromDir(dir: string): string {
  const m = /(?:^|\/)(?:offline-)?run-\d{8}_\d{6}-([A-Za-z0-9]+)$/.exec(dir);
  return m ? m[1]! : "";
}

function isoFromUnix(seconds: number): string | null {
  return isoTime(seconds * 1000);
}

/** W&B writes `startedAt` as a naive ISO timestamp in UTC. */
function isoFromNaiveUtc(s: string): string | null {
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(s);
  return isoTime(new Date(hasZone ? s : `${s}Z`).getTime());
}
