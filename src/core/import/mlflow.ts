/**
 * MLflow file store (`mlruns/`): `<experiment>/meta.yaml` names an experiment,
 * `<experiment>/<run>/meta.yaml` describes a run, and the run folder holds `metrics/<name>`
 * (lines `<timestamp ms> <value> <step>`), `params/<name>` and `tags/<name>` (one value per file).
 * Metric names may contain `/`, so they are the path under `metrics/`.
 *
 * Mapping: run name ← `mlflow.runName` tag, else `run_name`, else the run id; slug = run id; group ←
 * `mlflow.parentRunId`, else the experiment name; params → config (numbers when the text is a
 * plain decimal, otherwise the string, so `None` stays "None"); `mlflow.source.git.*` → git;
 * `mlflow.note.content` → notes; other `mlflow.*` tags → config.mlflow (the `mlflow.log-model.history`
 * JSON is skipped); user tags → tags as `key:value`; status → state; start/end time → created/duration.
 */
import { compareText } from "../format/compareText.ts";
import type { RunState } from "../run.ts";
import { ImportCollector } from "./ImportCollector.ts";
import type { ImportResult } from "./importedRun.ts";
import { baseName, dirName, isUnder, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { mergeSeries, type Series } from "./mergeSeries.ts";
import { readArtifacts } from "./mlflowArtifacts.ts";
import { mediaExtension } from "./runFiles.ts";
import { newRun } from "./newRun.ts";
import { cellValue, isLfsPointer, readYaml } from "./readFiles.ts";
import { slugify, uniqueSlug } from "./slugify.ts";
import { ownValue, setOwn } from "../ownRecord.ts";
import { isoTime } from "./isoTime.ts";

const STATUS: Record<string, { state: RunState; label: string }> = {
  "1": { state: "running", label: "RUNNING" },
  "2": { state: "running", label: "SCHEDULED" },
  "3": { state: "finished", label: "FINISHED" },
  "4": { state: "failed", label: "FAILED" },
  "5": { state: "crashed", label: "KILLED" },
};
for (const v of Object.values(STATUS)) STATUS[v.label] = v;

const RUN_PARTS = /^(metrics|params|tags|artifacts)\//;

/** True when `dir` (`""` is the root) holds a run's own folders: `metrics/`, `params/`, `tags/` or `artifacts/`. */
function hasRunParts(paths: readonly string[], dir: string): boolean {
  const prefix = dir === "" ? "" : `${dir}/`;
  return paths.some((q) => q.startsWith(prefix) && RUN_PARTS.test(q.slice(prefix.length)));
}

/**
 * A store, one experiment folder of it, or one run folder: any `meta.yaml` beside a run's own
 * folders (the import root may be `mlruns/`, `mlruns/<experiment>/` or a run itself).
 */
export function detectMlflow(paths: readonly string[]): boolean {
  return paths.some((p) => baseName(p) === "meta.yaml" && hasRunParts(paths, dirName(p)));
}

/**
 * The folders of an MLflow store that are runs' records: where the store is (for the claim in
 * `detectFormat`). A run folder's experiment folder is the store's part; a run at the root is its own.
 */
export function mlflowClaims(paths: readonly string[]): string[] {
  const metas = new Set(paths.filter((p) => baseName(p) === "meta.yaml").map(dirName));
  const out = new Set<string>();
  for (const d of metas) {
    if (!hasRunParts(paths, d)) continue;
    if (d !== "" && metas.has(dirName(d))) out.add(dirName(dirName(d)));
    else out.add(d);
  }
  // The tracking server's artifact store beside the store (`mlflow server` ≥ 2.0: mlruns/ + mlartifacts/).
  for (const store of [...out]) {
    const parent = dirName(store);
    const served = parent === "" ? "mlartifacts" : `${parent}/mlartifacts`;
    if (store !== "" && paths.some((p) => p.startsWith(`${served}/`))) out.add(served);
  }
  return [...out];
}

function wants(path: string): boolean {
  return baseName(path) === "meta.yaml" || /(^|\/)(metrics|params|tags)\//.test(path) || /(^|\/)artifacts\/.*\.json$/i.test(path);
}

interface RunFolder {
  dir: string;
  /** The experiment folder, or null for a run folder imported on its own. */
  experimentDir: string | null;
  meta: ImportFile;
}

interface Experiment {
  id: string;
  name: string;
  tags?: Record<string, string>;
}

/**
 * Folders beside the runs that hold other records with a `meta.yaml`: an experiment's datasets
 * (MLflow ≥ 2.4), traces (≥ 2.14) and logged models (≥ 3.0, with their own metrics and params).
 */
const EXPERIMENT_RECORDS: Record<string, string> = {
  datasets: "dataset record",
  traces: "trace",
  models: "logged model",
};

/**
 * What a `meta.yaml` at `dir` describes when it is not a run or an experiment: a record in an
 * experiment's `datasets/`, `traces/` or `models/` folder, a registered model (or one of its
 * versions) of the model registry in the store's own `models/` folder, or a run's dataset input or
 * model output (`<run>/inputs/<id>/`, `<run>/outputs/<id>/`, part of that run's folder).
 */
function otherRecord(dir: string, metaDirs: ReadonlySet<string>): { kind: string; under: string } | null {
  const parts = dir.split("/");
  for (let i = parts.length - 2; i >= 0; i--) {
    const folder = parts[i]!;
    const owner = parts.slice(0, i).join("/");
    const ownerHasMeta = metaDirs.has(owner) && (owner !== "" || i === 0);
    if ((folder === "inputs" || folder === "outputs") && ownerHasMeta && i === parts.length - 2) return { kind: "run part", under: owner };
    if (Object.hasOwn(EXPERIMENT_RECORDS, folder) && i === parts.length - 2 && ownerHasMeta) return { kind: EXPERIMENT_RECORDS[folder]!, under: owner };
    if (folder === "models" && !ownerHasMeta) return { kind: "registered model", under: parts.slice(0, i + 1).join("/") };
  }
  return null;
}

export function importMlflow(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  // A meta.yaml inside artifacts (a logged folder, a model) is an artifact, not a store record.
  const metaFiles = files.filter((f) => baseName(f.path) === "meta.yaml" && !isTrash(dirName(f.path)) && !/(^|\/)(ml)?artifacts\//.test(f.path));
  const metaDirs = new Set(metaFiles.map((f) => dirName(f.path)));
  const runFolders: RunFolder[] = [];
  const candidates: ImportFile[] = [];
  const records = new Map<string, { under: string; count: number }>();
  for (const f of metaFiles) {
    const dir = dirName(f.path);
    const other = otherRecord(dir, metaDirs);
    if (other) {
      if (other.kind === "run part") continue;
      const key = `${other.under}\0${other.kind}`;
      records.set(key, { under: other.under, count: (records.get(key)?.count ?? 0) + 1 });
    } else if (dir !== "" && metaDirs.has(dirName(dir))) runFolders.push({ dir, experimentDir: dirName(dir), meta: f });
    else candidates.push(f);
  }
  for (const [key, { under, count }] of records) {
    const kind = key.slice(key.indexOf("\0") + 1);
    out.skip(under === "" ? "." : under, kind, ownValue(RECORD_REASONS, kind) ?? "not a run", count);
  }
  // A meta.yaml with no experiment above it is an experiment, or a run folder imported on its own.
  const experiments = new Map<string, Experiment>();
  const experimentDirs: string[] = [];
  for (const meta of candidates) {
    const dir = dirName(meta.path);
    const scope = out.scope();
    const v = readYaml(scope.file(meta.path, textOf(meta) ?? ""));
    scope.close();
    if (isObject(v) && (v.run_uuid !== undefined || v.run_id !== undefined) && v.name === undefined) {
      runFolders.push({ dir, experimentDir: null, meta });
      continue;
    }
    experimentDirs.push(dir);
    if (isObject(v)) experiments.set(dir, { id: idText(v.experiment_id, baseName(dir)), name: String(v.name ?? baseName(dir)), ...experimentTags(files, dir) });
  }
  // `mlflow ui` started inside mlruns/ creates a second store at mlruns/mlruns/: report it, do not merge it.
  const roots = [...new Set(experimentDirs.map(dirName))].sort((a, b) => a.length - b.length);
  for (const root of roots.slice(1)) {
    if (roots.some((r) => r !== root && isUnder(root, r))) {
      const inner = experimentDirs.filter((d) => dirName(d) === root);
      const runs = runFolders.filter((r) => r.experimentDir !== null && inner.includes(r.experimentDir)).length;
      out.skip(root, "nested MLflow store", `${root}/ is a second store inside the first (created by running mlflow in mlruns/); ${inner.length} experiment(s), ${runs} run(s) in it are not imported`);
    }
  }
  const nested = roots.slice(1).filter((root) => roots.some((r) => r !== root && isUnder(root, r)));
  const taken = new Set<string>();
  for (const rf of runFolders.sort((a, b) => compareText(a.dir, b.dir))) {
    if (nested.some((n) => isUnder(rf.dir, n))) continue;
    importRun(rf, files, rf.experimentDir === null ? undefined : experiments.get(rf.experimentDir), options, out, taken);
  }
  const runIds = new Set(runFolders.map((r) => baseName(r.dir)));
  for (const f of files) {
    const served = /(?:^|\/)mlartifacts\/[^/]+\/([^/]+)\//.exec(f.path);
    if (served && !runIds.has(served[1]!)) out.skip("mlartifacts", "artifact of a run that is not in the store", "the tracking server kept it, but its run's folder is not in the import", 1);
  }
  for (const f of files) if (isTrash(dirName(f.path)) && baseName(f.path) === "meta.yaml" && files.some((g) => g.path === `${dirName(dirName(f.path))}/meta.yaml`)) out.skip(".trash", "deleted run", "in MLflow's .trash folder");
  if (runFolders.length === 0) out.report(".", "error", importMessages.noRuns("MLflow", "no <experiment>/<run>/meta.yaml found"));
  return out.result();
}

const RECORD_REASONS: Record<string, string> = {
  "dataset record": "a dataset's description (its digest, source and schema), not a run; the runs that used it are imported",
  trace: "a GenAI trace, not a training run",
  "logged model": "an MLflow 3 logged model: its metrics and params are also logged on the run that made it, which is imported",
  "registered model": "the model registry (registered models and their versions), not runs",
};

/** An id as MLflow reads it: text. Old stores wrote experiment ids as numbers; an unsafe one is read from the folder. */
function idText(v: unknown, folder: string): string {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v);
  return folder;
}

/** An experiment's own tags (`<experiment>/tags/<name>`: its description is `mlflow.note.content`). */
function experimentTags(files: readonly ImportFile[], dir: string): { tags?: Record<string, string> } {
  const prefix = dir === "" ? "tags/" : `${dir}/tags/`;
  const tags: Record<string, string> = {};
  for (const f of files) if (f.path.startsWith(prefix)) setOwn(tags, f.path.slice(prefix.length), textOf(f) ?? "");
  return Object.keys(tags).length > 0 ? { tags } : {};
}

function isTrash(dir: string): boolean {
  return /(^|\/)\.trash(\/|$)/.test(dir);
}

function importRun(rf: RunFolder, files: readonly ImportFile[], experiment: Experiment | undefined, options: ImportOptions, out: ImportCollector, taken: Set<string>): void {
  const scope = out.scope();
  const metaFd = scope.file(rf.meta.path, textOf(rf.meta) ?? "");
  const meta = readYaml(metaFd);
  if (meta !== undefined && !isObject(meta)) metaFd.whole("error", importMessages.unexpectedShape("meta.yaml", "a mapping", typeof meta));
  const m = isObject(meta) ? meta : {};
  const runId = String(m.run_id ?? m.run_uuid ?? (baseName(rf.dir) || (options.rootName ?? options.project)));
  const slug = uniqueSlug(slugify(runId), taken);
  const run = newRun(slug, options.project, [rf.meta.path]);
  if (m.lifecycle_stage === "deleted") {
    scope.close();
    out.skip(slug, "deleted run", "its lifecycle_stage is \"deleted\"");
    return;
  }
  const prefix = rf.dir === "" ? "" : `${rf.dir}/`;
  const inRun = (part: string): ImportFile[] => files.filter((f) => f.path.startsWith(`${prefix}${part}/`));
  const nameOf = (f: ImportFile, part: string): string => f.path.slice(prefix.length + part.length + 1);

  const mlflowConfig: Record<string, unknown> = { run_id: runId };
  if (experiment) mlflowConfig.experiment = { id: experiment.id, name: experiment.name, ...(experiment.tags ? { tags: experiment.tags } : {}) };
  else if (m.experiment_id !== undefined) mlflowConfig.experiment = { id: idText(m.experiment_id, "") };
  for (const key of ["user_id", "artifact_uri", "source_name", "source_version", "entry_point_name"]) {
    if (typeof m[key] === "string" && m[key] !== "") mlflowConfig[key] = m[key];
  }
  const status = STATUS[String(m.status ?? "")];
  if (status) {
    run.state = status.state;
    mlflowConfig.status = status.label;
  }
  const start = typeof m.start_time === "number" ? m.start_time : null;
  const end = typeof m.end_time === "number" ? m.end_time : null;
  if (start !== null) run.created = isoTime(start);
  if (start !== null && end !== null && end >= start) run.duration = (end - start) / 1000;
  if (typeof m.run_name === "string" && m.run_name !== "") run.name = m.run_name;
  else run.name = runId;
  run.group = experiment?.name ?? null;

  for (const f of inRun("params")) {
    const text = textOf(f) ?? "";
    run.sources.push(f.path);
    setPath(run.config, nameOf(f, "params"), paramValue(text));
  }
  const tags: string[] = [];
  for (const f of inRun("tags")) {
    const key = nameOf(f, "tags");
    const value = textOf(f) ?? "";
    run.sources.push(f.path);
    if (key === "mlflow.runName") run.name = value;
    else if (key === "mlflow.parentRunId") run.group = value;
    else if (key === "mlflow.note.content") run.notes = value;
    else if (key === "mlflow.source.git.commit") run.git = { ...run.git, commit: value };
    else if (key === "mlflow.source.git.branch") run.git = { ...run.git, branch: value };
    else if (key === "mlflow.source.git.repoURL") run.git = { ...run.git, remote: value };
    else if (key === "mlflow.log-model.history") out.skip(slug, "tag mlflow.log-model.history", "logged-model metadata (JSON about artifacts), not a setting");
    else if (key.startsWith("mlflow.")) mlflowConfig[key.slice("mlflow.".length)] = value;
    else tags.push(value === "" ? key : `${key}:${value}`);
  }
  run.tags = tags.sort(compareText);
  run.config.mlflow = mlflowConfig;

  const series: Series[] = [];
  for (const f of inRun("metrics")) {
    const metric = nameOf(f, "metrics");
    run.sources.push(f.path);
    const text = textOf(f) ?? "";
    const fd = scope.file(f.path, text);
    if (isLfsPointer(fd)) continue;
    const points: Series["points"] = [];
    let extra = 0;
    const re = /[^\r\n]+/g;
    for (let line = re.exec(text); line; line = re.exec(text)) {
      if (line[0].trim() === "") continue;
      const parts = line[0].trim().split(/\s+/);
      const ts = parts.length >= 2 ? cellValue(parts[0]!) : undefined;
      const value = parts.length >= 2 ? cellValue(parts[1]!) : undefined;
      // MLflow before 1.0 wrote no step; it reads such points as step 0.
      const step = parts.length >= 3 ? cellValue(parts[2]!) : parts.length === 2 ? 0 : undefined;
      if (typeof ts !== "number" || typeof value !== "number" || typeof step !== "number" || !Number.isFinite(step) || !Number.isFinite(ts)) {
        fd.at(line.index, "error", importMessages.badMetricLine(line[0].slice(0, 60)), line[0].length);
        continue;
      }
      // MLflow 3 may follow the step with the run id and the dataset a metric was computed on.
      if (parts.length > 3) extra++;
      points.push({ step, time: ts / 1000, value });
    }
    out.skip(slug, `metric ${metric} line fields after the step`, "what MLflow 3 writes after <timestamp> <value> <step> (the run or dataset the value belongs to) is not a run record", extra);
    series.push({ metric, points });
  }
  // `mlflow.log_metric(key, value)` without a step logs every point at step 0: when a whole run did
  // that, each metric's points are numbered in the order they were logged, not collapsed to the last.
  if (series.some((x) => x.points.length > 1) && series.every((x) => x.points.every((pt) => pt.step === 0))) {
    for (const x of series) x.points = x.points.map((pt, i) => ({ ...pt, step: i }));
    out.note(rf.meta.path, "every metric was logged without a step (all at step 0): each metric's points are numbered 0, 1, 2, … in the order they were logged");
  }
  const merged = mergeSeries(series);
  run.history = merged.history;
  for (const [metric, count] of merged.overwritten) out.skip(slug, `metric ${metric} point`, "logged again at the same step; the last value in the file is kept", count);
  // `mlflow server` (≥ 2.0) keeps artifacts apart, in mlartifacts/<experiment>/<run>/artifacts/.
  const experimentId = experiment?.id ?? (typeof m.experiment_id === "string" || typeof m.experiment_id === "number" ? String(m.experiment_id) : null);
  const served = experimentId === null ? [] : files.filter((f) => servedArtifactPrefix(f.path, experimentId, runId) !== null);
  const artifactFiles = served.length > 0 && inRun("artifacts").length === 0 ? served : inRun("artifacts");
  const artifactName = (f: ImportFile): string => {
    const prefix = experimentId === null ? null : servedArtifactPrefix(f.path, experimentId, runId);
    return prefix === null ? nameOf(f, "artifacts") : f.path.slice(prefix.length);
  };
  const brought = readArtifacts(artifactFiles, artifactName, run.history?.rows.at(-1)?.step ?? 0);
  if (brought.files) run.files = brought.files;
  out.diagnostics.push(...brought.diagnostics);
  out.skip(slug, "compressed image artifact", "log_image's compressed copy of an image that is imported", brought.compressed);
  out.skip(slug, "artifact", "models, event files and other artifacts are not run records (images and log_table tables are imported)", artifactFiles.length - brought.used.size);
  for (const f of files) {
    if (!f.path.startsWith(prefix) || f === rf.meta || RUN_PARTS.test(f.path.slice(prefix.length))) continue;
    const part = /^(inputs|outputs)\//.exec(f.path.slice(prefix.length))?.[1];
    if (part === "inputs") out.skip(slug, "dataset input file", "links from the run to the datasets it used (MLflow ≥ 2.4), not run records");
    else if (part === "outputs") out.skip(slug, "model output file", "links from the run to the models it logged (MLflow ≥ 3.0), not run records");
    else out.skip(slug, "other file", "not part of an MLflow run folder");
  }
  out.finish(scope, run);
}

/** `…/mlartifacts/<experiment>/<run>/artifacts/` when `path` is under it (the tracking server's artifact store), else null. */
function servedArtifactPrefix(path: string, experimentId: string, runId: string): string | null {
  const marker = `mlartifacts/${experimentId}/${runId}/artifacts/`;
  const at = path.indexOf(marker);
  return at >= 0 && (at === 0 || path[at - 1] === "/") ? path.slice(0, at + marker.length) : null;
}

/** A param as config: a plain decimal number becomes a number, everything else stays text. */
function paramValue(text: string): string | number {
  const s = text.replace(/\r?\n$/, "");
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(s)) {
    const n = Number(s);
    if (Number.isFinite(n) && (Number.isSafeInteger(n) || !/^-?\d+$/.test(s))) return n;
  }
  return s;
}

/** Param names with `/` or `.` are kept flat: they are names, not paths. */
function setPath(config: Record<string, unknown>, key: string, value: unknown): void {
  setOwn(config, key, value);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Image, audio and video artifacts are copied into the run folder. */
function wantsBytes(path: string): boolean {
  return /(^|\/)artifacts\//.test(path) && mediaExtension(path) !== null;
}

export const mlflowImporter: FormatImporter = {
  id: "mlflow",
  detect: detectMlflow,
  wants,
  wantsBytes,
  import: importMlflow,
};
