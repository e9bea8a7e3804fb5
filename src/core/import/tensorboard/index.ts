/**
 * TensorBoard event files → `ImportedRun`s. Pure: takes the files under the import root
 * (`{ path, bytes }`, POSIX paths relative to it) and returns runs, skip counts and diagnostics.
 *
 * Every folder holding `events.out.tfevents.*` files is one run (its files are read in name order,
 * which is creation order). Scalars become the history: TF1 `simple_value`, and TF2 `tensor`
 * values of the `scalars` plugin (float/double/int/half one-element tensors). Rows are keyed by
 * step; the row time is the event's wall time. Images, audio, histograms and text go to the run's
 * media/, histograms/ and tables/ (see summaries.ts); graphs, run metadata and other plugins'
 * tensors are counted as skipped. The `hparams` plugin's session start
 * info becomes the config (and its group name the group); its session end status the state.
 * Event files carry no exit status otherwise, so a run without one is `finished`.
 *
 * A folder whose event files hold neither scalars nor hyperparameters (only the file-version
 * header, as a writer that was opened and closed leaves it, or only graphs) is not a run: it is
 * listed under skipped with what it held. A tag whose step goes down (a run resumed from a
 * checkpoint) is a warning at import, at the record's byte offset.
 */
import { compareText } from "../../format/compareText.ts";
import type { Diagnostic, Message } from "../../diagnostics.ts";
import type { RunState, SummaryValue } from "../../run.ts";
import type { ImportedHistory, ImportedRun, ImportResult, SkippedItem } from "../importedRun.ts";
import { importMessages } from "../importMessages.ts";
import { textOf } from "../importFile.ts";
import { readYaml } from "../readFiles.ts";
import { FileDiagnostics } from "../../runs/FileDiagnostics.ts";
import { ProtoError } from "../protobuf/wire.ts";
import { decodeEvent, decodeHParams, scalarFromTensor } from "./events.ts";
import { tbMessages } from "./messages.ts";
import { NOT_READ, SummaryFiles } from "./summaries.ts";
import { readTfRecords } from "./tfrecord.ts";
import { ownRecord, ownValue } from "../../ownRecord.ts";
import { isoTime } from "../isoTime.ts";
import { isLfsPointerBytes } from "../lfsPointer.ts";

export interface ImportFile {
  path: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  project: string;
}

const EVENT_FILE = /(?:^|\.)tfevents\./;

const dirname = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
const basename = (p: string): string => p.slice(p.lastIndexOf("/") + 1);

export function isEventFile(path: string): boolean {
  return EVENT_FILE.test(basename(path));
}

/** True when any path is a TensorBoard event file (`events.out.tfevents.*`). */
export function detectTensorboard(paths: string[]): boolean {
  return paths.some(isEventFile);
}

export function importTensorboard(files: ImportFile[], options: ImportOptions): ImportResult {
  const folders = new Map<string, ImportFile[]>();
  for (const f of files) {
    if (!isEventFile(f.path)) continue;
    const d = dirname(f.path);
    let list = folders.get(d);
    if (!list) folders.set(d, (list = []));
    list.push(f);
  }
  const dirs = [...folders.keys()].sort(compareText);
  const names = runNames(dirs);
  const runs: ImportedRun[] = [];
  const skipped: SkippedItem[] = [];
  const diagnostics: Diagnostic[] = [];
  const usedSlugs = new Set<string>();
  const allPaths = new Set(files.map((f) => f.path));

  for (const dir of dirs) {
    const eventFiles = folders.get(dir)!.sort((a, b) => compareText(a.path, b.path));
    const name = names.get(dir)!;
    let slug = toSlug(name.replace(/\//g, "-"), "run");
    for (let i = 2; usedSlugs.has(slug); i++) slug = `${toSlug(name.replace(/\//g, "-"), "run")}-${i}`;
    const r = importRunFolder(eventFiles, slug, name, options.project);
    diagnostics.push(...r.diagnostics);
    if (!r.run) {
      if (r.empty) {
        const where = dir === "" ? "." : dir;
        for (const s of r.skips.entries()) skipped.push({ run: where, ...s });
        skipped.push({ run: where, what: `event file(s) ${eventFiles.map((f) => basename(f.path)).join(", ")}`, reason: `${r.empty}: no run to import`, count: eventFiles.length });
      }
      continue;
    }
    usedSlugs.add(slug);
    const hparamsYaml = dir === "" ? "hparams.yaml" : `${dir}/hparams.yaml`;
    if (allPaths.has(hparamsYaml) && r.sawHParams) r.skips.add("file hparams.yaml", "hyperparameters are read from the event file's hparams plugin data");
    else if (allPaths.has(hparamsYaml)) {
      // Lightning's TensorBoardLogger writes hparams.yaml beside the events; without hparams plugin
      // data in them (a logger with log_hyperparams off, an older Lightning) it is the only record.
      const file = files.find((f) => f.path === hparamsYaml)!;
      const fd = new FileDiagnostics(hparamsYaml, textOf(file) ?? "");
      const hp = readYaml(fd);
      diagnostics.push(...fd.done());
      if (fd.hasErrors) continue;
      if (hp !== null && typeof hp === "object" && !Array.isArray(hp)) r.run.config = { ...(hp as Record<string, unknown>), ...r.run.config };
      r.run.sources.push(hparamsYaml);
    }
    runs.push(r.run);
    for (const s of r.skips.entries()) skipped.push({ run: slug, ...s });
  }
  return { runs, skipped, diagnostics };
}

/** Run names: folder paths relative to the deepest folder all runs share (the last segment for one run). */
function runNames(dirs: string[]): Map<string, string> {
  const split = dirs.map((d) => (d === "" ? [] : d.split("/")));
  let common = 0;
  if (split.length > 1) {
    const first = split[0]!;
    while (common < first.length && split.every((s) => s.length > common + 1 && s[common] === first[common])) common++;
  }
  const out = new Map<string, string>();
  dirs.forEach((d, i) => {
    const segs = split[i]!;
    const rest = split.length > 1 ? segs.slice(common) : segs.slice(-1);
    out.set(d, rest.length > 0 ? rest.join("/") : "run");
  });
  return out;
}

function toSlug(s: string, fallback: string): string {
  const slug = s
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|-+$/g, "");
  return slug === "" ? fallback : slug;
}

function at(file: string, offset: number, severity: "error" | "warning", m: Message): Diagnostic {
  return { file, line: 1, column: offset + 1, severity, code: m.code, message: m.message, ...(m.hint ? { hint: m.hint } : {}) };
}

class SkipCounter {
  private counts = new Map<string, { what: string; reason: string; count: number; tags: Set<string> }>();
  add(what: string, reason: string, tag?: string): void {
    const id = `${what}\u0000${reason}`;
    let e = this.counts.get(id);
    if (!e) this.counts.set(id, (e = { what, reason, count: 0, tags: new Set() }));
    e.count++;
    if (tag !== undefined && tag !== "") e.tags.add(tag);
  }
  entries(): { what: string; reason: string; count: number }[] {
    return [...this.counts.values()]
      .map((e) => {
        const tags = [...e.tags].sort(compareText);
        const list = tags.length === 0 ? "" : `: ${tags.slice(0, 5).join(", ")}${tags.length > 5 ? `, … (${tags.length} tags)` : ""}`;
        return { what: e.what + list, reason: e.reason, count: e.count };
      })
      .sort((a, b) => compareText(a.what, b.what));
  }
}

const PLUGIN_WHAT: Record<string, string> = {
  histograms: "histograms",
  distributions: "histograms",
  images: "images",
  audio: "audio",
  text: "text summaries",
  pr_curves: "PR curves",
  graph_keras_model: "Keras model graphs",
  graph_run_metadata: "graph run metadata",
  graph_run_metadata_graph: "graph run metadata",
  projector: "embeddings",
  mesh: "meshes",
  custom_scalars: "custom-scalars layouts",
};

const NOT_IMPORTED = "not imported (scalars, images, audio, histograms and text are)";

interface RowAcc {
  step: number;
  time: number | null;
  values: Map<string, number>;
}

function importRunFolder(
  eventFiles: ImportFile[],
  slug: string,
  name: string,
  project: string,
): { run: ImportedRun | null; diagnostics: Diagnostic[]; skips: SkipCounter; sawHParams: boolean; empty: string | false } {
  const diagnostics: Diagnostic[] = [];
  const skips = new SkipCounter();
  const rows: RowAcc[] = [];
  const metrics: string[] = [];
  const seenMetrics = new Set<string>();
  /** The open row of each step (a tag logged twice at one step opens a new row). */
  const rowOfStep = new Map<number, RowAcc>();
  const pluginOfTag = new Map<string, string>();
  let config: Record<string, unknown> = ownRecord<unknown>();
  let group: string | null = null;
  let sessionStatus = 0;
  let sawHParams = false;
  let firstTime: number | null = null;
  let lastTime: number | null = null;
  let startTime: number | null = null;
  let failed = false;
  /** Last step of each tag, to notice a step counter that went back. */
  const lastStep = new Map<string, number>();
  let warnedDecrease = false;
  const headerOnly: string[] = [];
  const summaryFiles = new SummaryFiles();

  for (const f of eventFiles) {
    if (isLfsPointerBytes(f.bytes)) {
      diagnostics.push(at(f.path, 0, "error", tbMessages.lfsPointer()));
      failed = true;
      continue;
    }
    const rec = readTfRecords(f.bytes);
    if (rec.problem) {
      diagnostics.push(at(f.path, rec.problem.offset, "error", tbMessages.corrupt(rec.problem.offset, rec.problem.message)));
      failed = true;
      continue;
    }
    if (rec.truncatedAt !== null) diagnostics.push(at(f.path, rec.truncatedAt, "warning", tbMessages.truncated(rec.truncatedAt, rec.records.length)));
    let content = false;
    records: for (const r of rec.records) {
      let ev;
      try {
        ev = decodeEvent(r.data);
      } catch (e) {
        if (!(e instanceof ProtoError)) throw e;
        diagnostics.push(at(f.path, r.offset, "error", tbMessages.badEvent(r.offset, e.message)));
        failed = true;
        break;
      }
      if (ev.wallTime > 0) {
        if (firstTime === null || ev.wallTime < firstTime) firstTime = ev.wallTime;
        if (lastTime === null || ev.wallTime > lastTime) lastTime = ev.wallTime;
      }
      if (ev.kind !== "file_version" && ev.kind !== "none") content = true;
      switch (ev.kind) {
        case "file_version":
        case "none":
          continue;
        case "graph_def":
        case "meta_graph_def":
          skips.add("graphs", NOT_IMPORTED);
          continue;
        case "tagged_run_metadata":
          skips.add("run metadata (profiling)", NOT_IMPORTED);
          continue;
        case "session_log":
          skips.add("session log events", NOT_IMPORTED);
          continue;
        case "log_message":
          skips.add("log messages", NOT_IMPORTED);
          continue;
        case "summary":
          break;
      }
      for (const v of ev.values) {
        if (v.pluginName) pluginOfTag.set(v.tag, v.pluginName);
        const plugin = v.pluginName ?? pluginOfTag.get(v.tag) ?? null;
        let value: number | undefined;
        if (plugin === "hparams") {
          sawHParams = true;
          if (!v.pluginContent) continue;
          let hp;
          try {
            hp = decodeHParams(v.pluginContent);
          } catch (e) {
            // The plugin data is a message of its own inside a well-formed event.
            if (!(e instanceof ProtoError)) throw e;
            diagnostics.push(at(f.path, r.offset, "error", tbMessages.badEvent(r.offset, `hparams plugin data: ${e.message}`)));
            failed = true;
            break records;
          }
          if (hp.kind === "session_start") {
            config = { ...config, ...hp.hparams };
            if (hp.groupName) group = hp.groupName;
            if (hp.startTime) startTime = hp.startTime;
          } else if (hp.kind === "session_end") sessionStatus = hp.status;
          else if (hp.kind === "experiment") skips.add("hparams experiment definition", "the hyperparameter values are imported from the session start info");
          continue;
        }
        if (v.kind === "simple_value") value = v.simpleValue;
        else if (v.kind === "tensor" && v.tensor && (plugin === "scalars" || (plugin === null && v.dataClass === 1))) {
          value = scalarFromTensor(v.tensor);
          if (value === undefined) {
            skips.add("scalars-plugin tensors that are not one number", "a history holds one number per step", v.tag);
            continue;
          }
        } else {
          const what =
            v.kind === "histogram" ? "histograms" : v.kind === "image" ? "images" : v.kind === "audio" ? "audio" : plugin ? (ownValue(PLUGIN_WHAT, plugin) ?? `${plugin} plugin data`) : "tensor summaries without a plugin";
          const reason = summaryFiles.take(v, ev.step, plugin);
          if (reason === NOT_READ) skips.add(what, NOT_IMPORTED, v.tag);
          else if (reason !== null) skips.add(what, reason, v.tag);
          continue;
        }
        const tag = v.tag;
        const previous = lastStep.get(tag);
        if (previous !== undefined && ev.step < previous && !warnedDecrease) {
          const m = importMessages.stepDecreases(previous, ev.step);
          diagnostics.push(at(f.path, r.offset, "warning", { ...m, message: `tag "${tag}": ${m.message} (record at byte offset ${r.offset}, column = offset + 1)` }));
          warnedDecrease = true;
        }
        lastStep.set(tag, ev.step);
        if (!seenMetrics.has(tag)) {
          seenMetrics.add(tag);
          metrics.push(tag);
        }
        let row = rowOfStep.get(ev.step);
        if (!row || row.values.has(tag)) {
          row = { step: ev.step, time: ev.wallTime > 0 ? ev.wallTime : null, values: new Map() };
          rows.push(row);
          rowOfStep.set(ev.step, row);
        }
        row.values.set(tag, value);
      }
    }
    if (!content && rec.truncatedAt === null) headerOnly.push(basename(f.path));
  }
  if (failed) return { run: null, diagnostics, skips, sawHParams, empty: false };
  const files = summaryFiles.files();
  if (rows.length === 0 && Object.keys(config).length === 0 && !sawHParams && !files) {
    const onlyHeaders = headerOnly.length === eventFiles.length;
    const allEmpty = eventFiles.every((f) => f.bytes.length === 0);
    const why = allEmpty
      ? "each is empty (0 bytes: a writer created the file and was stopped before its first flush)"
      : onlyHeaders
        ? "each holds only the file-version header (a writer opened and closed without logging anything)"
        : "no scalars and no hyperparameters in them";
    return { run: null, diagnostics, skips, sawHParams, empty: why };
  }
  for (const name of headerOnly) skips.add("event file holding only its file-version header", "a writer opened and closed without logging anything", name);

  let history: ImportedHistory | null = null;
  if (rows.length > 0) {
    history = {
      metrics,
      rows: rows.map((r) => {
        const values: Record<string, number | null> = ownRecord<number | null>();
        for (const m of metrics) values[m] = r.values.has(m) ? r.values.get(m)! : null;
        return { step: r.step, time: r.time, values };
      }),
    };
  }
  const state: RunState = sessionStatus === 2 ? "failed" : sessionStatus === 3 ? "running" : "finished";
  const created = startTime ?? firstTime;
  const run: ImportedRun = {
    slug,
    project,
    name,
    group,
    tags: [],
    state,
    // A corrupt or hostile wall time (1e300) is no date: created stays empty.
    created: created !== null ? isoTime(created * 1000) : null,
    duration: firstTime !== null && lastTime !== null ? Math.round((lastTime - firstTime) * 1000) / 1000 : null,
    notes: null,
    git: null,
    config,
    summary: ownRecord<SummaryValue>(),
    history,
    sources: eventFiles.map((f) => f.path),
  };
  if (files) run.files = files;
  return { run, diagnostics, skips, sawHParams, empty: false };
}
