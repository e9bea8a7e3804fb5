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
 * Media dicts (`_type`), lists, text and booleans in histories, and records/files not used, are
 * reported as skipped items with counts. Anything unreadable is an error and the run is not imported.
 */
import YAML from "yaml";
import type { Diagnostic, Message } from "../../diagnostics.ts";
import { positionAt } from "../../diagnostics.ts";
import type { GitInfo, RunState, SummaryValue } from "../../run.ts";
import type { ImportedHistory, ImportedRun, ImportResult, SkippedItem } from "../importedRun.ts";
import { ProtoError } from "../protobuf/wire.ts";
import { readLeveldbLog } from "./leveldbLog.ts";
import { wandbMessages } from "./messages.ts";
import { decodeRecord, OTHER_RECORD_NAMES, type KeyedItem, type RunInfo } from "./records.ts";
import {
  cleanConfigValue,
  deletePath,
  flattenHistoryValue,
  flattenSummaryValue,
  isPlainObject,
  parseJsonLoose,
  setPath,
  SkipCounter,
  toSlug,
} from "./values.ts";
import { ownRecord, setOwn } from "../../ownRecord.ts";
import { findTooDeepYaml, yamlProblemMessage, yamlToValue } from "../../yaml/yamlToValue.ts";
import { importMessages } from "../importMessages.ts";
import { isoTime } from "../isoTime.ts";

export interface ImportFile {
  path: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  project: string;
}

const MARKERS = new Set(["wandb-summary.json", "wandb-metadata.json", "wandb-history.jsonl"]);
const WANDB_LOG = /^(?:offline-)?run-.*\.wandb$|^[^.].*\.wandb$/;
/** Record types that carry SDK bookkeeping, not anything the user logged. */
const BOOKKEEPING_RECORDS = new Set([6, 11, 20, 21, 22, 23, 100]);
const LFS_PREFIX = "version https://git-lfs.github.com/spec/v1";

const dirname = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
const basename = (p: string): string => p.slice(p.lastIndexOf("/") + 1);
const join = (d: string, f: string): string => (d === "" ? f : `${d}/${f}`);

/** True when the paths look like W&B output: a `.wandb` log or one of the W&B files. */
export function detectWandb(paths: string[]): boolean {
  return paths.some((p) => {
    const b = basename(p);
    return MARKERS.has(b) || (b.endsWith(".wandb") && WANDB_LOG.test(b));
  });
}

interface RunFolder {
  dir: string;
  filesDir: string;
  wandbLogs: string[];
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

function at(file: string, offset: number, severity: "error" | "warning", m: Message, binary: boolean, text?: string): Diagnostic {
  const pos = binary || text === undefined ? { line: 1, column: offset + 1 } : positionAt(text, offset);
  return { file, line: pos.line, column: pos.column, severity, code: m.code, message: m.message, ...(m.hint ? { hint: m.hint } : {}) };
}

class RunAbort extends Error {}

interface HistoryRow {
  step: number;
  time: number | null;
  values: Map<string, number>;
}

class HistoryAcc {
  readonly metrics: string[] = [];
  private seen = new Set<string>();
  readonly rows: HistoryRow[] = [];
  lastRuntime: number | null = null;

  add(row: HistoryRow): void {
    for (const k of row.values.keys()) {
      if (!this.seen.has(k)) {
        this.seen.add(k);
        this.metrics.push(k);
      }
    }
    this.rows.push(row);
  }

  nextStep(): number {
    const last = this.rows[this.rows.length - 1];
    return last ? last.step + 1 : 0;
  }

  finish(): ImportedHistory | null {
    if (this.rows.length === 0) return null;
    return {
      metrics: [...this.metrics],
      rows: this.rows.map((r) => {
        const values: Record<string, number | null> = ownRecord<number | null>();
        for (const m of this.metrics) values[m] = r.values.has(m) ? r.values.get(m)! : null;
        return { step: r.step, time: r.time, values };
      }),
    };
  }
}

const decoder = new TextDecoder("utf-8");

function isLfsPointer(bytes: Uint8Array): boolean {
  if (bytes.length > 1024 || bytes.length < LFS_PREFIX.length) return false;
  return decoder.decode(bytes.subarray(0, LFS_PREFIX.length)) === LFS_PREFIX;
}

function importRunFolder(
  folder: RunFolder,
  byPath: Map<string, ImportFile>,
  project: string,
): { run: ImportedRun | null; runId: string | null; diagnostics: Diagnostic[]; skips: SkipCounter } {
  const diagnostics: Diagnostic[] = [];
  const skips = new SkipCounter();
  const sources: string[] = [];
  const used = new Set<string>();
  const read = (name: string): { path: string; bytes: Uint8Array } | null => {
    const p = join(folder.filesDir, name);
    const f = byPath.get(p);
    if (!f) return null;
    used.add(p);
    return f;
  };
  const fail = (d: Diagnostic): never => {
    diagnostics.push(d);
    throw new RunAbort();
  };
  const text = (f: { path: string; bytes: Uint8Array }): string => {
    if (isLfsPointer(f.bytes)) fail(at(f.path, 0, "error", wandbMessages.lfsPointer(), false, ""));
    let t = decoder.decode(f.bytes);
    if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
    return t;
  };
  const json = (f: { path: string; bytes: Uint8Array }): Record<string, unknown> => {
    const t = text(f);
    const r = parseJsonLoose(t);
    if (!r.ok) return fail(at(f.path, r.offset, "error", wandbMessages.jsonSyntax(r.message), false, t));
    if (!isPlainObject(r.value)) return fail(at(f.path, 0, "error", wandbMessages.notAnObject(basename(f.path)), false, t));
    return r.value;
  };

  try {
    const history = new HistoryAcc();
    const recordConfig: Record<string, unknown> = ownRecord<unknown>();
    const recordSummary: Record<string, unknown> = ownRecord<unknown>();
    let runInfo: RunInfo | null = null;
    let exit: { exitCode: number; runtime: number } | null = null;
    let outputText = "";
    let truncated: { file: string; offset: number } | null = null;
    let sawLog = false;

    // 1. The binary transaction log.
    const logPath = folder.wandbLogs[0];
    for (const extra of folder.wandbLogs.slice(1)) skips.add(`extra .wandb file ${basename(extra)}`, "only the first .wandb log of a run folder is read (a resumed run?)");
    if (logPath) {
      const f = byPath.get(logPath)!;
      used.add(logPath);
      sources.push(logPath);
      sawLog = true;
      if (isLfsPointer(f.bytes)) fail(at(logPath, 0, "error", wandbMessages.lfsPointer(), false, ""));
      const log = readLeveldbLog(f.bytes);
      if (log.problem) fail(at(logPath, log.problem.offset, "error", wandbMessages.corruptLog(log.problem.offset, log.problem.message), true));
      if (log.truncatedAt !== null) truncated = { file: logPath, offset: log.truncatedAt };
      const applyUpdates = (target: Record<string, unknown>, u: { update: KeyedItem[]; remove: KeyedItem[] }, offset: number): void => {
        for (const item of u.update) {
          const v = parseJsonLoose(item.valueJson);
          if (!v.ok) fail(at(logPath, offset, "error", wandbMessages.badValueJson(item.path.join("/"), `${v.message} (record at byte offset ${offset})`), true));
          else setPath(target, item.path, v.value);
        }
        for (const item of u.remove) deletePath(target, item.path);
      };
      for (const rec of log.records) {
        let d;
        try {
          d = decodeRecord(rec.data);
        } catch (e) {
          if (e instanceof ProtoError) fail(at(logPath, rec.offset, "error", wandbMessages.badRecord(rec.offset, e.message), true));
          throw e;
        }
        switch (d.kind) {
          case "history": {
            let step: number | null = d.step;
            let time: number | null = null;
            const values = new Map<string, number>();
            for (const item of d.items) {
              const key = item.path.join("/");
              const v = parseJsonLoose(item.valueJson);
              if (!v.ok) {
                fail(at(logPath, rec.offset, "error", wandbMessages.badValueJson(key, `${v.message} (record at byte offset ${rec.offset})`), true));
                continue;
              }
              if (key === "_step" && typeof v.value === "number") {
                // Rows are keyed by step: a NaN or infinite one cannot be placed (nor written to history.csv).
                if (Number.isFinite(v.value)) step = v.value;
                else fail(at(logPath, rec.offset, "error", importMessages.badValue(`"_step" in the history record at byte offset ${rec.offset}`, String(v.value)), true));
              }
              else if (key === "_timestamp" && typeof v.value === "number") time = v.value;
              else if (key === "_runtime" && typeof v.value === "number") history.lastRuntime = v.value;
              else flattenHistoryValue(key, v.value, "the history", skips, (k, n) => values.set(k, n));
            }
            history.add({ step: step ?? history.nextStep(), time, values });
            break;
          }
          case "config":
            applyUpdates(recordConfig, d, rec.offset);
            break;
          case "summary":
            applyUpdates(recordSummary, d, rec.offset);
            break;
          case "run":
            runInfo ??= d.run;
            if (d.run.config) applyUpdates(recordConfig, d.run.config, rec.offset);
            if (d.run.summary) applyUpdates(recordSummary, d.run.summary, rec.offset);
            break;
          case "exit":
            exit = { exitCode: d.exitCode, runtime: d.runtime };
            break;
          case "output":
            if (d.raw) outputText += d.line;
            else outputText += d.line.endsWith("\n") ? d.line : `${d.line}\n`;
            skips.add("console output records in the .wandb log", "console output is not imported (it is checked for a final traceback)");
            break;
          case "other":
            if (BOOKKEEPING_RECORDS.has(d.field)) skips.add(".wandb bookkeeping records (header, footer, final, files, telemetry, requests)", "they hold no run data");
            else skips.add(`.wandb records: ${OTHER_RECORD_NAMES[d.field] ?? `type ${d.field}`}`, "not imported");
            break;
          case "empty":
            break;
        }
      }
    }

    // 2. The files dir.
    const configFile = read("config.yaml");
    const summaryFile = read("wandb-summary.json");
    const metadataFile = read("wandb-metadata.json");
    const historyFile = read("wandb-history.jsonl");
    const outputFile = read("output.log");

    let userConfig: Record<string, unknown> = ownRecord<unknown>();
    let wandbInternal: Record<string, unknown> = ownRecord<unknown>();
    const splitInternal = (cfg: Record<string, unknown>): void => {
      for (const k of Object.keys(cfg)) {
        if (k === "_wandb") {
          if (isPlainObject(cfg[k])) wandbInternal = Object.assign(ownRecord(), wandbInternal, cfg[k]);
        } else userConfig[k] = cfg[k];
      }
    };
    splitInternal(recordConfig);
    if (configFile) {
      sources.push(configFile.path);
      const t = text(configFile);
      const deep = findTooDeepYaml(t);
      if (deep !== null) fail(at(configFile.path, deep, "error", wandbMessages.yamlSyntax(yamlProblemMessage({ kind: "depth", offset: deep })), false, t));
      const doc = YAML.parseDocument(t, { uniqueKeys: false, prettyErrors: false });
      if (doc.errors.length > 0) {
        const e = doc.errors[0]!;
        fail(at(configFile.path, e.pos[0], "error", wandbMessages.yamlSyntax(e.message.split("\n")[0]!), false, t));
      }
      const converted = yamlToValue(doc, t);
      if (!converted.ok) fail(at(configFile.path, converted.problem.offset, "error", wandbMessages.yamlSyntax(yamlProblemMessage(converted.problem)), false, t));
      const raw: unknown = converted.ok ? converted.value : null;
      if (raw !== null && raw !== undefined && !isPlainObject(raw)) fail(at(configFile.path, 0, "error", wandbMessages.notAnObject("config.yaml"), false, t));
      const unwrapped: Record<string, unknown> = ownRecord<unknown>();
      for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
        if (k === "wandb_version") continue;
        unwrapped[k] = isPlainObject(v) && Object.hasOwn(v, "value") && Object.keys(v).every((x) => x === "value" || x === "desc") ? v.value : v;
      }
      // config.yaml is the final state: it replaces what the records said.
      userConfig = ownRecord();
      splitInternal(unwrapped);
    }

    const fileSummary = summaryFile ? json(summaryFile) : null;
    if (summaryFile) sources.push(summaryFile.path);
    const metadata = metadataFile ? json(metadataFile) : null;
    if (metadataFile) sources.push(metadataFile.path);

    // 3. Old-style history file.
    if (historyFile) {
      if (history.rows.length > 0) {
        skips.add("wandb-history.jsonl", "the history was read from the .wandb log; the JSON-lines copy is not read again");
      } else {
        sources.push(historyFile.path);
        const t = text(historyFile);
        let pos = 0;
        let line = 0;
        while (pos < t.length) {
          let end = t.indexOf("\n", pos);
          if (end < 0) end = t.length;
          const start = pos;
          let stop = end;
          if (stop > start && t.charCodeAt(stop - 1) === 13) stop--;
          pos = end + 1;
          line++;
          const src = t.slice(start, stop);
          if (src.trim() === "") continue;
          const r = parseJsonLoose(src);
          if (!r.ok) fail(at(historyFile.path, start + r.offset, "error", wandbMessages.jsonSyntax(`${r.message} (line ${line})`), false, t));
          else if (!isPlainObject(r.value)) fail(at(historyFile.path, start, "error", wandbMessages.notAnObject(`wandb-history.jsonl line ${line}`), false, t));
          else {
            const row = r.value as Record<string, unknown>;
            const step = row._step;
            if (typeof step !== "number" || !Number.isFinite(step)) fail(at(historyFile.path, start, "error", wandbMessages.historyRowWithoutStep(line), false, t));
            const values = new Map<string, number>();
            let time: number | null = null;
            for (const [k, v] of Object.entries(row)) {
              if (k === "_step") continue;
              if (k === "_timestamp" && typeof v === "number") time = v;
              else if (k === "_runtime" && typeof v === "number") history.lastRuntime = v;
              else flattenHistoryValue(k, v, "the history", skips, (key, n) => values.set(key, n));
            }
            history.add({ step: step as number, time, values });
          }
        }
      }
    }

    // 4. Summary: records, then the file (final state). `_step`/`_timestamp`/`_runtime`/`_wandb` are bookkeeping.
    const summarySource = fileSummary ?? recordSummary;
    const summary: Record<string, SummaryValue> = ownRecord<SummaryValue>();
    let summaryRuntime: number | null = null;
    let summaryStep: number | null = null;
    for (const [k, v] of Object.entries(summarySource)) {
      if (k === "_wandb") {
        if (isPlainObject(v) && typeof v.runtime === "number") summaryRuntime = v.runtime;
        continue;
      }
      if (k === "_step") {
        if (typeof v === "number") summaryStep = v;
        continue;
      }
      if (k === "_runtime") {
        if (typeof v === "number" && summaryRuntime === null) summaryRuntime = v;
        continue;
      }
      if (k === "_timestamp") continue;
      flattenSummaryValue(k, v, "the summary", skips, summary);
    }

    if (outputFile) {
      sources.push(outputFile.path);
      outputText = text(outputFile);
    }
    const crash = tracebackAtEnd(outputText);

    // 5. Metadata.
    const wandbMeta: Record<string, unknown> = ownRecord<unknown>();
    const put = (k: string, v: unknown): void => {
      if (v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0 && k !== "args")) setOwn(wandbMeta, k, v);
    };
    if (runInfo) {
      put("run_id", runInfo.runId);
      put("entity", runInfo.entity);
      put("project", runInfo.project);
      put("job_type", runInfo.jobType);
      put("sweep_id", runInfo.sweepId);
      put("host", runInfo.host);
      if (runInfo.resumed) put("resumed", true);
    }
    const INTERNAL_KEPT = ["cli_version", "python_version", "framework", "is_jupyter_run", "is_kaggle_kernel", "code_path", "huggingface_version"];
    for (const k of INTERNAL_KEPT) put(k, wandbInternal[k]);
    const internalSkipped = Object.keys(wandbInternal).filter((k) => !INTERNAL_KEPT.includes(k) && k !== "start_time");
    if (internalSkipped.length > 0) {
      skips.add(`config._wandb entries (${internalSkipped.sort().join(", ")})`, "W&B-internal telemetry and metric definitions are not imported", undefined, internalSkipped.length);
    }
    let metaGit: GitInfo | null = null;
    let startedAt: string | null = null;
    let metaState: string | null = null;
    if (metadata) {
      const META_KEPT: Record<string, string> = {
        host: "host",
        os: "os",
        python: "python",
        program: "program",
        codePath: "code_path",
        args: "args",
        cuda: "cuda",
        gpu: "gpu",
        gpu_count: "gpu_count",
        cpu_count: "cpu_count",
        docker: "docker",
        colab: "colab",
        name: "display_name",
        project: "project",
        jobType: "job_type",
      };
      const metaSkipped: string[] = [];
      for (const [k, v] of Object.entries(metadata)) {
        if (k in META_KEPT) {
          if (wandbMeta[META_KEPT[k]!] === undefined) put(META_KEPT[k]!, v);
        } else if (k === "git" && isPlainObject(v)) {
          metaGit = {};
          if (typeof v.commit === "string" && v.commit) metaGit.commit = v.commit;
          if (typeof v.remote === "string" && v.remote) metaGit.remote = v.remote;
          if (Object.keys(metaGit).length === 0) metaGit = null;
        } else if (k === "startedAt" && typeof v === "string") startedAt = v;
        else if (k === "state" && typeof v === "string") metaState = v;
        else metaSkipped.push(k);
      }
      if (metaSkipped.length > 0) {
        skips.add(
          `wandb-metadata.json fields (${metaSkipped.sort().join(", ")})`,
          "machine details and personal data (user name, e-mail, paths) are not imported",
          undefined,
          metaSkipped.length,
        );
      }
    }

    // 6. History, and what the summary says about it.
    const imported = history.finish();
    const lastStep = history.rows.length > 0 ? history.rows[history.rows.length - 1]!.step : null;
    if (truncated) {
      diagnostics.push(at(truncated.file, truncated.offset, "warning", wandbMessages.truncatedLog(truncated.offset, history.rows.length, lastStep), true));
    }
    if (summaryStep !== null && lastStep !== null && summaryStep > lastStep) {
      const file = logPath ?? historyFile?.path ?? summaryFile!.path;
      diagnostics.push(at(file, 0, "warning", wandbMessages.historyShort(lastStep, summaryStep), true));
    }

    // 7. State, times, identity.
    let state: RunState;
    if (exit) state = exit.exitCode === 0 ? "finished" : "crashed";
    else if (crash) state = "crashed";
    else if (metaState === "finished" || metaState === "crashed" || metaState === "failed") state = metaState;
    else state = "running";

    let duration: number | null = null;
    if (exit && exit.runtime > 0) duration = exit.runtime;
    else if (summaryRuntime !== null) duration = summaryRuntime;
    else if (history.lastRuntime !== null) duration = history.lastRuntime;
    else if (exit) duration = exit.runtime;

    let created: string | null = null;
    if (runInfo?.startTime) created = isoFromUnix(runInfo.startTime);
    else if (startedAt) created = isoFromNaiveUtc(startedAt);
    else if (typeof wandbInternal.start_time === "number") created = isoFromUnix(wandbInternal.start_time);

    let git: GitInfo | null = metaGit;
    if (runInfo && (runInfo.gitCommit || runInfo.gitRemote)) {
      git = { ...(git ?? {}) };
      if (runInfo.gitCommit) git.commit = runInfo.gitCommit;
      if (runInfo.gitRemote) git.remote = runInfo.gitRemote;
    }

    const runId = runInfo?.runId || runIdFromDir(folder.dir);
    const displayName = runInfo?.displayName || (typeof wandbMeta.display_name === "string" ? wandbMeta.display_name : "");
    delete wandbMeta.display_name;
    if (runId) wandbMeta.run_id ??= runId;
    // A folder named after the run (`run-20230329_135925-5pppfjv9`) gives the slug; a bare files dir
    // (the import root itself, or a generic `wandb/`) falls back to the run id or display name.
    const dirName = basename(folder.dir);
    const slugBase = dirName === "" || dirName === "wandb" || dirName === "files" ? runId || displayName || "wandb-run" : dirName;

    const config: Record<string, unknown> = cleanConfigValue(userConfig) as Record<string, unknown>;
    if (Object.keys(wandbMeta).length > 0) {
      const key = "wandb" in config ? "_wandb" : "wandb";
      config[key] = sortKeys(cleanConfigValue(wandbMeta) as Record<string, unknown>);
    }

    let notes: string | null = runInfo?.notes || null;
    if (crash && state === "crashed") notes = notes ? `${notes}\n\n${crash}` : crash;

    // Files in the run folder that nothing read.
    const others = [...byPath.keys()].filter(
      (p) => !used.has(p) && (dirname(p) === folder.dir || dirname(p) === folder.filesDir || p.startsWith(join(folder.filesDir, "media/"))),
    );
    const mediaFiles = others.filter((p) => p.startsWith(join(folder.filesDir, "media/")));
    if (mediaFiles.length > 0) skips.add("files under media/", "W&B media files are not imported", undefined, mediaFiles.length);
    for (const p of others) {
      if (mediaFiles.includes(p)) continue;
      const b = basename(p);
      if (b.endsWith(".wandb")) continue;
      skips.add(`file ${b}`, b === "wandb-events.jsonl" ? "system metrics are not imported" : "not a W&B run record file");
    }

    const run: ImportedRun = {
      slug: toSlug(slugBase, "wandb-run"),
      project,
      name: displayName || runId || toSlug(slugBase, "wandb-run"),
      group: runInfo?.group || null,
      tags: runInfo ? [...runInfo.tags] : [],
      state,
      created,
      duration,
      notes,
      git,
      config,
      summary,
      history: imported,
      sources,
    };
    if (!sawLog && !configFile && !fileSummary && !metadata && !historyFile) return { run: null, runId: null, diagnostics, skips };
    return { run, runId: runId || null, diagnostics, skips };
  } catch (e) {
    if (e instanceof RunAbort) return { run: null, runId: null, diagnostics, skips };
    throw e;
  }
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

/**
 * When console output ends in a Python traceback, its last lines (header … exception line);
 * otherwise null. The exception line is the first unindented line after the last
 * `Traceback (most recent call last):`, and at most a few lines of message may follow it.
 */
export function tracebackAtEnd(output: string): string | null {
  const lines = output.replace(/\r\n?/g, "\n").split("\n");
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === "") end--;
  if (end === 0) return null;
  let header = -1;
  for (let i = end - 1; i >= Math.max(0, end - 400); i--) {
    if (lines[i]!.trimEnd().endsWith("Traceback (most recent call last):")) {
      header = i;
      break;
    }
  }
  if (header < 0) return null;
  let exc = -1;
  for (let i = header + 1; i < end; i++) {
    const l = lines[i]!;
    if (l.trim() === "" || /^\s/.test(l)) continue;
    exc = i;
    break;
  }
  if (exc < 0 || end - exc > 10) return null;
  if (!/^[A-Za-z_][\w.]*(?::|$)/.test(lines[exc]!)) return null;
  const from = Math.max(header + 1, exc - 6);
  const body = lines.slice(from, end).join("\n");
  return `Crashed with a Python exception (end of the console output):\n${lines[header]!.trim()}\n${from > header + 1 ? "  …\n" : ""}${body}`;
}
