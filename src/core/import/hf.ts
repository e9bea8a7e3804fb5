/**
 * Hugging Face `Trainer` output folders: `trainer_state.json` (its `log_history` is the history;
 * train, eval and the final summary entry are interleaved), `all_results.json`,
 * `train_results.json`, `eval_results.json` (→ summary), and `config.json` / `training_args.json`
 * / `adapter_config.json` (→ config under `model`, `training_args`, `adapter`).
 *
 * Entries of `log_history` that share a step become one history row (a train entry and the eval
 * entry logged after it) unless they disagree on a metric. The final entry with `train_runtime`
 * (the end-of-training report) goes to the summary. Checkpoint folders (`checkpoint-N/`,
 * `last-checkpoint/`) hold copies of an earlier state: they are skipped when the run folder has
 * its own `trainer_state.json`, otherwise the latest checkpoint's state is used.
 *
 * Entries without a `step` (what `trainer.predict()` and some callbacks log: `predict_loss`,
 * `predict_runtime`, …) belong at the state's `global_step`; without one they go to the summary.
 * Diagnostics point at the offending entry's line and column (positions are computed only when a
 * diagnostic needs one, so a clean 1 MB state costs one `JSON.parse`).
 */
import { compareText } from "../format/compareText.ts";
import type { SummaryValue } from "../run.ts";
import type { FileDiagnostics } from "../runs/FileDiagnostics.ts";
import { ImportCollector } from "./ImportCollector.ts";
import type { ImportedHistory, ImportResult } from "./importedRun.ts";
import { baseName, dirName, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { newRun } from "./newRun.ts";
import { jsonPathKey, parseJsonWithPositions, type JsonPath } from "../runs/parseJsonWithPositions.ts";
import { readJson } from "./readFiles.ts";
import { slugify, uniqueSlug } from "./slugify.ts";
import { ownRecord, setOwn } from "../ownRecord.ts";

const RESULT_FILES = ["all_results.json", "train_results.json", "eval_results.json", "test_results.json", "predict_results.json"];
const CONFIG_FILES: Record<string, string> = { "config.json": "model", "training_args.json": "training_args", "adapter_config.json": "adapter" };
const CHECKPOINT_DIR = /^(last-checkpoint|checkpoint-(\d+))$/;
/** trainer_state.json header keys that describe the outcome (→ summary); the others are settings (→ config). */
const STATE_SUMMARY_KEYS = new Set(["best_metric", "epoch", "global_step", "total_flos", "num_input_tokens_seen", "best_global_step"]);
/** Bookkeeping of the Trainer's process, not of the experiment. */
const STATE_SKIPPED_KEYS = new Set(["is_local_process_zero", "is_world_process_zero", "stateful_callbacks", "log_history"]);

function wants(path: string): boolean {
  const base = baseName(path);
  return base === "trainer_state.json" || RESULT_FILES.includes(base) || Object.hasOwn(CONFIG_FILES, base);
}

/** Any of the Trainer's own files: an evaluation-only run (`run_glue.py --do_eval`) writes only `eval_results.json`. */
export function detectHf(paths: readonly string[]): boolean {
  return paths.some((p) => {
    const base = baseName(p);
    return base === "trainer_state.json" || RESULT_FILES.includes(base);
  });
}

/** The folder a file belongs to as a run: checkpoint folders belong to their parent. */
function runDirOf(path: string): string {
  const dir = dirName(path);
  return CHECKPOINT_DIR.test(baseName(dir)) ? dirName(dir) : dir;
}

export function importHf(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const relevant = files.filter((f) => wants(f.path));
  const dirs = [...new Set(relevant.filter((f) => baseName(f.path) === "trainer_state.json" || RESULT_FILES.includes(baseName(f.path))).map((f) => runDirOf(f.path)))].sort(compareText);
  const taken = new Set<string>();
  for (const dir of dirs) {
    const slug = uniqueSlug(slugify(dir === "" ? (options.rootName ?? options.project) : dir.replaceAll("/", "-")), taken);
    const scope = out.scope();
    const run = newRun(slug, options.project, []);
    run.name = dir === "" ? (options.rootName ?? options.project) : baseName(dir);

    const own = relevant.filter((f) => dirName(f.path) === dir);
    const checkpoints = relevant.filter((f) => dirName(f.path) !== dir && runDirOf(f.path) === dir);
    let state = own.find((f) => baseName(f.path) === "trainer_state.json");
    const checkpointStates = checkpoints.filter((f) => baseName(f.path) === "trainer_state.json").sort((a, b) => checkpointRank(b.path) - checkpointRank(a.path));
    if (!state) state = checkpointStates.shift();
    for (const f of checkpoints) {
      if (f === state) continue;
      out.skip(slug, `checkpoint ${baseName(f.path)}`, `${f.path} is a copy saved during training; ${state ? state.path : "the run folder"} is used`);
    }

    if (state) {
      run.sources.push(state.path);
      const fd = scope.file(state.path, textOf(state) ?? "");
      if (isBlank(fd.text)) fd.whole("warning", importMessages.emptyFile("trainer_state.json", "the run is written without a history"));
      else readTrainerState(fd, readJson(fd), run, out);
    }
    // Results files, in a fixed order: later files do not override earlier ones' values.
    for (const name of RESULT_FILES) {
      const f = own.find((x) => baseName(x.path) === name);
      if (!f) continue;
      run.sources.push(f.path);
      const fd = scope.file(f.path, textOf(f) ?? "");
      if (isBlank(fd.text)) {
        fd.whole("warning", importMessages.emptyFile(name, "the run is written without its values"));
        continue;
      }
      const v = readJson(fd);
      if (v === undefined) continue;
      if (!isObject(v)) {
        fd.at(jsonOffset(fd, []), "error", importMessages.unexpectedShape(name, "a JSON object", describe(v)));
        continue;
      }
      for (const [k, x] of flatEntries(v)) {
        if (Object.hasOwn(run.summary, k)) continue;
        const sv = summaryValue(x);
        if (sv === undefined) out.skip(slug, `${name} key`, "a list, not a number, string or boolean");
        else setOwn(run.summary, k, sv);
      }
    }
    for (const [name, key] of Object.entries(CONFIG_FILES)) {
      const f = own.find((x) => baseName(x.path) === name) ?? checkpoints.find((x) => baseName(x.path) === name && dirName(x.path) === dirName(state?.path ?? ""));
      if (!f) continue;
      run.sources.push(f.path);
      const fd = scope.file(f.path, textOf(f) ?? "");
      if (isBlank(fd.text)) {
        fd.whole("warning", importMessages.emptyFile(name, `the run is written without config.${key}`));
        continue;
      }
      const v = readJson(fd, { exactIntegers: true });
      if (v === undefined) continue;
      if (!isObject(v)) fd.at(jsonOffset(fd, []), "error", importMessages.unexpectedShape(name, "a JSON object", describe(v)));
      else run.config[key] = v;
    }
    out.finish(scope, run);
  }
  for (const f of files) if (baseName(f.path) === "training_args.bin") out.skip(runDirOf(f.path) || ".", "training_args.bin", "a pickled Python object: it is never loaded (save training_args.json to import the arguments)");
  return out.result();
}

/** `last-checkpoint` ranks above every numbered checkpoint. */
function checkpointRank(path: string): number {
  const m = CHECKPOINT_DIR.exec(baseName(dirName(path)));
  if (!m) return -1;
  return m[2] === undefined ? Number.MAX_SAFE_INTEGER : Number(m[2]);
}

/** Offsets of JSON values by path, parsed once per file and only when a diagnostic needs one. */
const positionCache = new WeakMap<FileDiagnostics, Map<string, { offset: number }> | null>();

/** Where the value at `path` starts in the file (the nearest enclosing value that has a position). */
function jsonOffset(fd: FileDiagnostics, path: JsonPath): number {
  let positions = positionCache.get(fd);
  if (positions === undefined) {
    const parsed = parseJsonWithPositions(fd.text, { positions: true });
    positions = parsed.ok ? parsed.positions : null;
    positionCache.set(fd, positions);
  }
  for (let n = path.length; n >= 0; n--) {
    const span = positions?.get(jsonPathKey(path.slice(0, n)));
    if (span) return span.offset;
  }
  return 0;
}

function readTrainerState(fd: FileDiagnostics, state: unknown, run: ReturnType<typeof newRun>, out: ImportCollector): void {
  if (state === undefined) return;
  if (!isObject(state)) {
    fd.at(jsonOffset(fd, []), "error", importMessages.unexpectedShape("trainer_state.json", "a JSON object", describe(state)));
    return;
  }
  const log = state.log_history;
  if (!Array.isArray(log)) {
    fd.at(jsonOffset(fd, ["log_history"]), "error", importMessages.unexpectedShape("`log_history`", "a list", describe(log)));
    return;
  }
  const trainer: Record<string, unknown> = ownRecord<unknown>();
  for (const [k, v] of Object.entries(state)) {
    if (STATE_SKIPPED_KEYS.has(k)) continue;
    if (STATE_SUMMARY_KEYS.has(k)) {
      const sv = summaryValue(v);
      if (sv !== undefined && sv !== null) setOwn(run.summary, k, sv);
    } else setOwn(trainer, k, v);
  }
  if (Object.keys(trainer).length > 0) run.config.trainer = trainer;
  if ("stateful_callbacks" in state) out.skip(run.slug, "trainer_state.json `stateful_callbacks`", "callback state for resuming training, not a setting or a result");

  const history: ImportedHistory = { metrics: [], rows: [] };
  const seen = new Set<string>();
  const stepless: Record<string, unknown>[] = [];
  log.forEach((entry, i) => {
    if (!isObject(entry)) {
      fd.at(jsonOffset(fd, ["log_history", i]), "error", importMessages.unexpectedShape(`log_history[${i}]`, "an object", describe(entry)));
      return;
    }
    // The end-of-training report: runtime, throughput, mean train loss and FLOs.
    if ("train_runtime" in entry) {
      for (const [k, v] of flatEntries(entry)) {
        if (k === "step" || k === "epoch" || Object.hasOwn(run.summary, k)) continue;
        const sv = summaryValue(v);
        if (sv !== undefined) setOwn(run.summary, k, sv);
        else out.skip(run.slug, `log_history value (${fd.file})`, "a list, not a number, string or boolean");
      }
      return;
    }
    const step = entry.step;
    if (step === undefined || step === null) {
      stepless.push(entry);
      return;
    }
    if (typeof step !== "number" || !Number.isFinite(step)) {
      fd.at(jsonOffset(fd, ["log_history", i, "step"]), "error", importMessages.unexpectedShape(`log_history[${i}].step`, "a finite number", describe(step)));
      return;
    }
    addRow(history, seen, step, entry, run.slug, out, fd.file);
  });
  if (stepless.length > 0) {
    const names = [...new Set(stepless.flatMap((e) => Object.keys(e).filter((k) => k !== "step")))];
    const listed = `${names.slice(0, 4).join(", ")}${names.length > 4 ? ", …" : ""}`;
    const globalStep = state.global_step;
    if (typeof globalStep === "number" && Number.isFinite(globalStep)) {
      for (const entry of stepless) addRow(history, seen, globalStep, entry, run.slug, out, fd.file, true);
      out.note(fd.file, `${stepless.length} log_history entr${stepless.length === 1 ? "y" : "ies"} without a step (${listed}) placed at global_step ${globalStep}`);
    } else {
      for (const entry of stepless) {
        for (const [k, v] of flatEntries(entry)) {
          if (k === "step" || Object.hasOwn(run.summary, k)) continue;
          const sv = summaryValue(v);
          if (sv !== undefined) setOwn(run.summary, k, sv);
          else out.skip(run.slug, `log_history value (${fd.file})`, "a list, not a number, string or boolean");
        }
      }
      out.note(fd.file, `${stepless.length} log_history entr${stepless.length === 1 ? "y" : "ies"} without a step (${listed}) went to the summary: the state has no global_step`);
    }
  }
  run.history = history;
}

/**
 * Adds a log entry's numbers at `step`: into the row at that step when they do not disagree with
 * it (the last row, or with `anywhere` any row at that step), else as a new row.
 */
function addRow(history: ImportedHistory, seen: Set<string>, step: number, entry: Record<string, unknown>, slug: string, out: ImportCollector, file: string, anywhere = false): void {
  const values: Record<string, number | null> = ownRecord<number | null>();
  for (const [k, v] of flatEntries(entry)) {
    if (k === "step") continue;
    if (typeof v === "number") setOwn(values, k, v);
    else if (v === null) continue;
    else {
      out.skip(slug, `log_history value (${file})`, "not a number (kept out of the history)");
      continue;
    }
    if (!seen.has(k)) {
      seen.add(k);
      history.metrics.push(k);
    }
  }
  const fits = (row: ImportedHistory["rows"][number]): boolean => row.step === step && Object.entries(values).every(([k, v]) => !(k in row.values) || Object.is(row.values[k], v));
  const target = anywhere ? history.rows.findLast(fits) : history.rows.at(-1);
  if (target && fits(target)) Object.assign(target.values, values);
  else history.rows.push({ step, time: null, values });
}

/**
 * An entry's values with nested objects flattened to `outer/inner` (a `compute_metrics` that
 * returns a per-class report, as seqeval does: `eval_PER: {precision, recall, f1, number}`).
 */
function flatEntries(entry: Record<string, unknown>, prefix = ""): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(entry)) {
    if (isObject(v)) out.push(...flatEntries(v, `${prefix}${k}/`));
    else out.push([`${prefix}${k}`, v]);
  }
  return out;
}

function isBlank(text: string): boolean {
  return text.trim() === "";
}

function summaryValue(v: unknown): SummaryValue | undefined {
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}

export const hfImporter: FormatImporter = {
  id: "hf",
  detect: detectHf,
  wants,
  import: importHf,
};
