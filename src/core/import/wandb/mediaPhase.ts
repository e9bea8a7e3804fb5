/**
 * The W&B import phase for what is not a number: media files (`image-file`, `audio-file`,
 * `video-file`, `images/separated`) referenced from history rows and the summary, tables
 * (`table-file` → `*.table.json`), histograms (`values` + `bins` or `packedBins`), media files the
 * folder holds that nothing references (their step is in W&B's file name `<key>_<step>_<hash>`),
 * and `wandb-events.jsonl` system metrics. Tables behind W&B's confusion-matrix, ROC and PR presets
 * also become plots (see chartTables.ts). Everything else typed is counted as skipped. A path that
 * would leave the run's files folder aborts the run with IMP046 at the reference.
 */
import type { Diagnostic } from "../../diagnostics.ts";
import { mediaMessages } from "../mediaMessages.ts";
import { histogramProblem, mediaExtension, resolveInside, RunFilesBuilder, type RunFileContent, type TableRow } from "../runFiles.ts";
import { plainCell, readTableJson, uniqueColumns } from "../tableJson.ts";
import type { HistoryAcc, TypedRef } from "./history.ts";
import { at, basename, dirname, fail, fileText, join, phase, type ImportFile, type Phase, type RunFolder } from "./phase.ts";
import type { SummaryPart } from "./filePhases.ts";
import { isPlainObject, SkipCounter } from "./values.ts";
import { readSystemEvents } from "./systemMetrics.ts";
import { chartPlots } from "./chartTables.ts";
import { convertBoxes, type BoxGroup } from "./boxes.ts";
import { readImageSize } from "../../media/imageSize.ts";
import type { MediaBox } from "../../media/runMedia.ts";

/** An image's size: as the W&B value gives it, else from the file's header (relative boxes need it). */
function imageSize(meta: Record<string, unknown>, bytes: Uint8Array, ext: string): { width: number; height: number } | null {
  if (typeof meta.width === "number" && typeof meta.height === "number" && meta.width > 0 && meta.height > 0) return { width: meta.width, height: meta.height };
  const read = readImageSize(bytes, ext);
  return read.ok ? { width: read.width, height: read.height } : null;
}

const MEDIA_TYPES = new Set(["image-file", "audio-file", "video-file"]);
const TABLE_TYPES = new Set(["table-file", "table"]);
/** W&B's names for files it writes: `<key>_<step>_<20 hex digits>.<ext>`. */
const WANDB_FILE_NAME = /^(.+)_(\d+)_[0-9a-f]{20}$/;

export interface MediaPart {
  files: Record<string, RunFileContent> | null;
  /** Paths this phase read (not to be counted as unread). */
  used: Set<string>;
}

/** A typed value to bring across; `binary` when it was read from the binary `.wandb` log (positions are offsets, not line:column). */
interface Ref extends TypedRef {
  binary: boolean;
}

class MediaReader {
  readonly out = new RunFilesBuilder();
  readonly skips = new SkipCounter();
  readonly used = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];
  readonly sources: string[] = [];
  private readonly histogramsSeen = new Set<string>();
  /** Source path → path written in the run folder, so a file referenced twice is copied once. */
  private readonly written = new Map<string, string | null>();

  private readonly folder: RunFolder;
  private readonly byPath: Map<string, ImportFile>;

  constructor(folder: RunFolder, byPath: Map<string, ImportFile>) {
    this.folder = folder;
    this.byPath = byPath;
  }

  /** The folder path a reference names, or the run is aborted at the reference. */
  private resolve(ref: Ref, what: string, path: string): string {
    const r = resolveInside(this.folder.filesDir, path);
    if (r.ok) return r.path;
    let offset = ref.offset;
    if (ref.text !== undefined) {
      const i = ref.text.indexOf(JSON.stringify(path), ref.offset);
      if (i >= 0) offset = i;
    }
    return fail(at(ref.file, offset, "error", mediaMessages.unsafePath(what, path, r.reason), ref.binary, ref.text));
  }

  take(ref: Ref): void {
    const type = String(ref.value._type);
    if (MEDIA_TYPES.has(type)) this.mediaFile(ref, ref.value.path, ref.value);
    else if (type === "images/separated" || type === "images") this.imageList(ref);
    else if (TABLE_TYPES.has(type)) this.tableRef(ref);
    else if (type === "histogram") this.histogram(ref);
    else this.skips.add(`${type} values`, "no run-folder form for this W&B type (media, tables and histograms are imported)", ref.key);
  }

  /** Copies the file a media value names; returns its path in the run folder, or null when skipped. */
  private mediaFile(ref: Ref, path: unknown, meta: Record<string, unknown>, caption?: unknown): string | null {
    const type = String(ref.value._type);
    if (typeof path !== "string") {
      this.skips.add(`${type} values without a file path`, "nothing to copy", ref.key);
      return null;
    }
    const full = this.resolve(ref, `the ${type} value "${ref.key}"`, path);
    if (this.written.has(full)) return this.written.get(full)!;
    // The summary repeats the last logged value: one file, counted once.
    this.written.set(full, null);
    const ext = mediaExtension(full);
    if (!ext) {
      this.skips.add(`${type} files of this kind (${basename(full)})`, "the run format holds images (png jpg webp gif svg), audio (wav mp3) and video (mp4 webm)", ref.key);
      return null;
    }
    const f = this.byPath.get(full);
    if (!f) {
      this.skips.add(`${type} values whose file is not in the export`, "the file it names is missing (a partly synced or copied folder)", ref.key);
      return null;
    }
    this.used.add(full);
    const cap = caption ?? meta.caption;
    const boxes = type === "image-file" && meta.boxes !== undefined ? this.boxes(ref, meta.boxes, imageSize(meta, f.bytes, ext)) : [];
    const written = this.out.addMedia(ref.key, ref.step, ext, f.bytes, {
      ...(typeof cap === "string" ? { caption: cap } : {}),
      ...(typeof meta.width === "number" ? { width: meta.width } : {}),
      ...(typeof meta.height === "number" ? { height: meta.height } : {}),
      ...(boxes.length ? { boxes } : {}),
    });
    this.written.set(full, written);
    return written;
  }

  /**
   * An image's box groups (`boxes: {predictions: …, ground_truth: …}`): each a boxes2D file
   * reference (a run's history), or the box list itself (a table's cell). What cannot be drawn is
   * named in a warning; the image is imported either way.
   */
  private boxes(ref: Ref, value: unknown, size: { width: number; height: number } | null): MediaBox[] {
    if (!isPlainObject(value)) {
      this.skips.add("image boxes that are not a map of box groups", "W&B writes boxes as {group: boxes}", ref.key);
      return [];
    }
    const groups: BoxGroup[] = [];
    for (const [name, g] of Object.entries(value)) {
      if (Array.isArray(g)) groups.push({ name, boxData: g });
      else if (isPlainObject(g) && typeof g.path === "string") {
        const full = this.resolve(ref, `the boxes "${name}" of "${ref.key}"`, g.path);
        const file = this.byPath.get(full);
        if (!file) {
          this.skips.add("box groups whose boxes2D file is not in the export", "the file it names is missing (a partly synced or copied folder)", ref.key);
          continue;
        }
        this.used.add(full);
        const text = fileText(file);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (e) {
          this.diagnostics.push(at(full, 0, "warning", mediaMessages.boxesFile(full, (e as Error).message), false, text));
          continue;
        }
        if (!isPlainObject(parsed) || !("box_data" in parsed)) {
          this.diagnostics.push(at(full, 0, "warning", mediaMessages.boxesFile(full, Array.isArray(parsed) ? "found a list" : "no box_data"), false, text));
          continue;
        }
        groups.push({ name, boxData: parsed.box_data, classLabels: parsed.class_labels ?? g.class_labels });
      } else if (isPlainObject(g) && "box_data" in g) groups.push({ name, boxData: g.box_data, classLabels: g.class_labels });
      else this.skips.add("box groups of an unknown form", "neither a boxes2D file nor a box list", ref.key);
    }
    const converted = convertBoxes(groups, size);
    if (converted.problems.length) {
      this.diagnostics.push(at(ref.file, ref.offset, "warning", mediaMessages.boxesLeftOut(ref.key, ref.step, converted.problems.length, converted.problems), ref.binary, ref.text));
    }
    return converted.boxes;
  }

  /** `images/separated`: several images logged under one key at one step. */
  private imageList(ref: Ref): void {
    const names = ref.value.filenames;
    if (!Array.isArray(names)) {
      this.skips.add(`${String(ref.value._type)} values without file names`, "nothing to copy", ref.key);
      return;
    }
    const captions = Array.isArray(ref.value.captions) ? ref.value.captions : [];
    names.forEach((n, i) => this.mediaFile(ref, n, ref.value, captions[i]));
  }

  private tableRef(ref: Ref): void {
    const path = ref.value.path;
    if (typeof path !== "string") {
      this.skips.add("table values without a file path", "nothing to read", ref.key);
      return;
    }
    const full = this.resolve(ref, `the table value "${ref.key}"`, path);
    if (this.used.has(full) || this.written.has(full)) return;
    this.written.set(full, null);
    const f = this.byPath.get(full);
    if (!f) {
      this.skips.add("table values whose file is not in the export", "the file it names is missing (a partly synced or copied folder)", ref.key);
      return;
    }
    this.table(f, ref.key, ref.step);
  }

  /** A `*.table.json` file → rows of `tables/<key>.jsonl` (with `step` when known). */
  table(f: ImportFile, key: string, step: number | null): void {
    this.used.add(f.path);
    const text = fileText(f);
    const r = readTableJson(f.path, text);
    if (!r.ok) fail(r.diagnostic);
    this.sources.push(f.path);
    const t = r.table;
    const withStep = step !== null && !t.columns.includes("step");
    const names = uniqueColumns(t.columns, withStep ? ["step"] : []);
    const rows: TableRow[] = t.data.map((cells, ri) => {
      const row: TableRow = {};
      if (withStep) row.step = step;
      cells.forEach((c, ci) => {
        const name = names[ci]!;
        if (isPlainObject(c) && MEDIA_TYPES.has(String(c._type)) && typeof c.path === "string") {
          const cellRef: Ref = { step: step ?? 0, key: `${key}/${name}`, value: c, file: f.path, offset: t.offsetOf(ri, ci), text, binary: false };
          const written = this.mediaFile(cellRef, c.path, c);
          row[name] = written === null ? null : { media: written };
        } else row[name] = plainCell(c);
      });
      return row;
    });
    this.out.addTableRows(key, rows);
    for (const c of chartPlots(t.columns, t.data, key, step)) {
      if (!this.out.addPlot(c.name, c.plot)) this.skips.add("chart tables logged twice at one step", "the first one's plot is kept", key);
    }
  }

  private histogram(ref: Ref): void {
    const v = ref.value;
    const counts = Array.isArray(v.values) ? (v.values as unknown[]) : null;
    let edges: unknown[] | null = Array.isArray(v.bins) ? (v.bins as unknown[]) : null;
    const packed = v.packedBins;
    if (!edges && isPlainObject(packed) && typeof packed.min === "number" && typeof packed.size === "number" && typeof packed.count === "number") {
      edges = Array.from({ length: Math.min(packed.count, 100_000) + 1 }, (_, i) => (packed.min as number) + i * (packed.size as number));
    }
    if (!counts || !edges || ![...counts, ...edges].every((x) => typeof x === "number")) {
      this.skips.add("histogram values without bins and counts", "a histogram needs `values` and `bins` (or `packedBins`)", ref.key);
      return;
    }
    const problem = histogramProblem(edges as number[], counts as number[]);
    if (problem) {
      this.skips.add("histogram values that are not a histogram", problem, ref.key);
      return;
    }
    const id = `${ref.key}\0${ref.step}`;
    if (this.histogramsSeen.has(id)) return;
    this.histogramsSeen.add(id);
    this.out.addHistogram(ref.key, ref.step, edges as number[], counts as number[]);
  }

  /** Files under `media/` nothing referenced: imported when W&B's name gives their key and step. */
  unreferenced(paths: Iterable<string>): void {
    const mediaDir = join(this.folder.filesDir, "media/");
    for (const p of paths) {
      if (!p.startsWith(mediaDir) || this.used.has(p)) continue;
      const rel = p.slice(mediaDir.length);
      const sub = rel.slice(rel.indexOf("/") + 1);
      const subDir = dirname(sub);
      const file = this.byPath.get(p);
      if (rel.endsWith(".table.json") && file) {
        const m = WANDB_FILE_NAME.exec(basename(sub).slice(0, -".table.json".length));
        const key = join(subDir, m ? m[1]! : basename(sub).slice(0, -".table.json".length));
        this.table(file, key, m ? Number(m[2]) : null);
        continue;
      }
      const ext = mediaExtension(p);
      const m = ext ? WANDB_FILE_NAME.exec(basename(sub).slice(0, -(ext.length + 1))) : null;
      if (!ext || !m || !file || !rel.includes("/")) {
        this.skips.add("files under media/", ext ? "not named <key>_<step>_<hash> by W&B, so their step is unknown" : "not a media file the run format holds");
        continue;
      }
      this.used.add(p);
      this.out.addMedia(join(subDir, m[1]!), Number(m[2]), ext, file.bytes);
    }
  }

  hasSystem = false;

  systemEvents(file: ImportFile): void {
    this.hasSystem = true;
    this.used.add(file.path);
    this.sources.push(file.path);
    const r = readSystemEvents(file.path, fileText(file));
    this.diagnostics.push(...r.diagnostics);
    for (const s of r.samples) this.out.addSystemSample(s);
    if (r.untimed > 0) this.skips.add("system-metric samples without _timestamp", "a sample needs its time", undefined, r.untimed);
  }

}

export function readMedia(
  folder: RunFolder,
  stats: readonly Record<string, number | null>[],
  history: HistoryAcc,
  summary: SummaryPart,
  byPath: Map<string, ImportFile>,
): Phase<MediaPart> {
  const reader = new MediaReader(folder, byPath);
  const refs: Ref[] = history.typed.map((t: TypedRef) => ({ ...t, binary: t.text === undefined }));
  const summaryStep = summary.step ?? history.lastStep() ?? 0;
  for (const t of summary.typed) {
    const text = summary.file?.text;
    refs.push({ step: summaryStep, key: t.key, value: t.value, file: summary.file?.path ?? ".", offset: 0, ...(text !== undefined ? { text } : {}), binary: text === undefined });
  }
  for (const r of refs) reader.take(r);
  reader.unreferenced([...byPath.keys()].sort());
  for (const dir of new Set([folder.dir, folder.filesDir])) {
    const events = byPath.get(join(dir, "wandb-events.jsonl"));
    if (events && !reader.used.has(events.path)) reader.systemEvents(events);
  }
  // The .wandb log's stats records hold the same samples; wandb-events.jsonl wins when both exist.
  if (!reader.hasSystem) for (const s of stats) reader.out.addSystemSample(s);
  return phase(
    { files: reader.out.isEmpty() ? null : reader.out.files(), used: reader.used },
    { skips: reader.skips, diagnostics: reader.diagnostics, sources: reader.sources },
  );
}
