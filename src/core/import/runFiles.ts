/**
 * The run-folder files beyond run.json and the history that importers bring across: media files and
 * `media.jsonl`, `tables/<name>.jsonl`, `histograms/<key>.jsonl`, `system.jsonl` and
 * `plots/<name>.json` (formats in docs/run-format.md). Importers add items; `files()` serialises
 * them deterministically (same items, same bytes). Every name written is sanitised here, so nothing
 * an export names can land outside the run folder.
 */
import { compareText } from "../format/compareText.ts";
import type { MediaBox } from "../media/runMedia.ts";

export type RunFileContent = string | Uint8Array;

const IMAGE = ["png", "jpg", "jpeg", "webp", "gif", "svg"];
const AUDIO = ["wav", "mp3"];
const VIDEO = ["mp4", "webm"];

/** The lower-case extension of a media file the run format holds, or null for any other file. */
export function mediaExtension(path: string): string | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  if (!m) return null;
  const ext = m[1]!.toLowerCase();
  return IMAGE.includes(ext) || AUDIO.includes(ext) || VIDEO.includes(ext) ? ext : null;
}

export function isImageExtension(ext: string): boolean {
  return IMAGE.includes(ext);
}

/**
 * `ref` (a path an export names, relative to `base`) joined onto `base`, or a reason it is refused:
 * absolute paths, drive letters, backslashes, NUL, and `..` that would leave `base`.
 */
export function resolveInside(base: string, ref: string): { ok: true; path: string } | { ok: false; reason: string } {
  if (ref === "") return { ok: false, reason: "the path is empty" };
  if (ref.includes("\0")) return { ok: false, reason: "the path holds a NUL character" };
  if (ref.includes("\\")) return { ok: false, reason: "the path holds a backslash" };
  if (ref.startsWith("/") || /^[A-Za-z]:/.test(ref)) return { ok: false, reason: "the path is absolute" };
  const parts: string[] = [];
  for (const seg of ref.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") return { ok: false, reason: "the path climbs out of its folder with `..`" };
    parts.push(seg);
  }
  if (parts.length === 0) return { ok: false, reason: "the path names no file" };
  return { ok: true, path: base === "" ? parts.join("/") : `${base}/${parts.join("/")}` };
}

/** One path segment safe on every file system: `[A-Za-z0-9._-]`, no leading dot, never empty. */
export function safeSegment(s: string, fallback: string): string {
  // 100 characters leave room for `<step>_<i>.<ext>` and suffixes within any file system's 255.
  const out = s.normalize("NFKD").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "").replace(/_+$/, "").slice(0, 100);
  return out === "" ? fallback : out;
}

/** A key with `/` as a folder path of safe segments (`val/pred images` → `val/pred_images`). */
export function safeKeyPath(key: string, fallback: string): string {
  const segs = key.split("/").filter((s) => s !== "" && s !== "." && s !== "..").map((s) => safeSegment(s, "_"));
  return segs.length === 0 ? fallback : segs.join("/");
}

export interface MediaOptions {
  caption?: string;
  width?: number;
  height?: number;
  /** A box overlay in pixels of the image (W&B's boxes2D). */
  boxes?: MediaBox[];
}

export interface MediaEntry extends MediaOptions {
  step: number;
  key: string;
  file: string;
}

export interface HistogramEntry {
  step: number;
  edges: number[];
  counts: number[];
}

export type TableValue = string | number | boolean | null | { media: string };
export type TableRow = Record<string, TableValue>;

/** A number written as JSON, or as the bare `NaN` / `Infinity` / `-Infinity` tokens run files accept. */
function jsonNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  return Object.is(n, -0) ? "0" : String(n);
}

/** JSON text of plain data with keys in the given order (objects) and non-finite numbers as tokens. */
export function jsonText(v: unknown): string {
  if (typeof v === "number") return jsonNumber(v);
  if (v === null || v === undefined) return "null";
  if (typeof v === "string" || typeof v === "boolean") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(",")}}`;
}

/** Whether `edges`/`counts` make a histogram the run format accepts; the reason when not. */
export function histogramProblem(edges: readonly number[], counts: readonly number[]): string | null {
  if (counts.length === 0) return "it has no bins";
  if (edges.length !== counts.length + 1) return `it has ${edges.length} edges for ${counts.length} bins (expected ${counts.length + 1})`;
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isFinite(edges[i])) return "a bin edge is not a finite number";
    if (i > 0 && !(edges[i]! > edges[i - 1]!)) return "its bin edges do not increase";
  }
  for (const c of counts) if (!Number.isFinite(c) || c < 0) return "a count is negative or not a finite number";
  return null;
}

export class RunFilesBuilder {
  private readonly media: MediaEntry[] = [];
  private readonly mediaFiles = new Map<string, Uint8Array>();
  private readonly mediaDirs = new Map<string, string>();
  private readonly tables = new Map<string, TableRow[]>();
  private readonly tableNames = new Map<string, string>();
  private readonly histograms = new Map<string, Map<number, HistogramEntry>>();
  private readonly histogramPaths = new Map<string, string>();
  private readonly system: Record<string, number | null>[] = [];
  private readonly plots = new Map<string, Record<string, unknown>[]>();

  /**
   * Adds a media file at `media/<key>/<step>_<i>.<ext>` and its line in media.jsonl; returns the
   * path written (for a table's media cell). The bytes are kept as they are.
   */
  addMedia(key: string, step: number, ext: string, bytes: Uint8Array, options: MediaOptions = {}): string {
    const dir = this.uniqueDir(this.mediaDirs, key, safeKeyPath(key, "media"), new Set(["media.jsonl"]));
    let i = 0;
    let file = `media/${dir}/${step}_${i}.${ext}`;
    while (this.mediaFiles.has(file)) file = `media/${dir}/${step}_${++i}.${ext}`;
    this.mediaFiles.set(file, bytes);
    const entry: MediaEntry = { step, key, file };
    if (options.caption !== undefined && options.caption !== "") entry.caption = options.caption;
    if (options.width !== undefined && Number.isInteger(options.width) && options.width > 0) entry.width = options.width;
    if (options.height !== undefined && Number.isInteger(options.height) && options.height > 0) entry.height = options.height;
    if (options.boxes?.length) entry.boxes = options.boxes;
    this.media.push(entry);
    return file;
  }

  /** Appends rows to `tables/<name>.jsonl` (the name made safe and kept apart from other names); returns the file name used. */
  addTableRows(name: string, rows: readonly TableRow[]): string {
    let safe = this.tableNames.get(name);
    if (safe === undefined) {
      const base = safeSegment(name.replaceAll("/", "_"), "table");
      const taken = new Set([...this.tableNames.values()].map((t) => t.toLowerCase()));
      safe = base;
      for (let i = 2; taken.has(safe.toLowerCase()); i++) safe = `${base}-${i}`;
      this.tableNames.set(name, safe);
      this.tables.set(safe, []);
    }
    this.tables.get(safe)!.push(...rows);
    return `tables/${safe}.jsonl`;
  }

  /** Adds one histogram; false (nothing added) when the key already has one at that step. */
  addHistogram(key: string, step: number, edges: number[], counts: number[]): boolean {
    const path = this.uniqueDir(this.histogramPaths, key, safeKeyPath(key, "histogram"), new Set());
    let byStep = this.histograms.get(path);
    if (!byStep) this.histograms.set(path, (byStep = new Map()));
    if (byStep.has(step)) return false;
    byStep.set(step, { step, edges, counts });
    return true;
  }

  addSystemSample(sample: Record<string, number | null>): void {
    this.system.push(sample);
  }

  /**
   * A plot for `plots/<name>.json`; plots of one name at several steps (`step` set) make a list,
   * one per step. False (nothing added) when the name already has a plot at that step.
   */
  addPlot(name: string, plot: Record<string, unknown>): boolean {
    const safe = safeSegment(name.replaceAll("/", "_"), "plot");
    const list = this.plots.get(safe) ?? [];
    if (list.some((p) => p.step === plot.step)) return false;
    list.push(plot);
    this.plots.set(safe, list);
    return true;
  }

  get mediaCount(): number {
    return this.media.length;
  }

  isEmpty(): boolean {
    return this.media.length === 0 && this.tables.size === 0 && this.histograms.size === 0 && this.system.length === 0 && this.plots.size === 0;
  }

  /** The files, by path relative to the run folder. */
  files(): Record<string, RunFileContent> {
    const out: Record<string, RunFileContent> = {};
    if (this.media.length > 0) {
      out["media.jsonl"] = lines(this.media.map((m) => ({ step: m.step, key: m.key, file: m.file, caption: m.caption, width: m.width, height: m.height, boxes: m.boxes })));
      for (const [file, bytes] of this.mediaFiles) out[file] = bytes;
    }
    for (const [name, rows] of this.tables) out[`tables/${name}.jsonl`] = lines(rows);
    for (const [path, byStep] of this.histograms) {
      const entries = [...byStep.values()].sort((a, b) => a.step - b.step);
      out[`histograms/${path}.jsonl`] = lines(entries.map((h) => ({ step: h.step, edges: h.edges, counts: h.counts })));
    }
    if (this.system.length > 0) {
      const samples = [...this.system].sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
      out["system.jsonl"] = lines(samples.map((s) => ({ time: s.time, ...Object.fromEntries(Object.keys(s).filter((k) => k !== "time").sort(compareText).map((k) => [k, s[k]])) })));
    }
    for (const [name, list] of this.plots) {
      const sorted = [...list].sort((a, b) => Number(a.step ?? 0) - Number(b.step ?? 0));
      out[`plots/${name}.json`] = `${jsonText(sorted.length === 1 ? sorted[0] : sorted)}\n`;
    }
    return out;
  }

  /** The safe folder for `key`, distinct from every other key's (`a b` and `a_b` do not share one). */
  private uniqueDir(map: Map<string, string>, key: string, safe: string, reserved: Set<string>): string {
    const known = map.get(key);
    if (known !== undefined) return known;
    // Compared without case: `Loss` and `loss` would share a folder on macOS and Windows.
    const taken = new Set([...map.values()].map((d) => d.toLowerCase()));
    let dir = safe;
    for (let i = 2; taken.has(dir.toLowerCase()) || reserved.has(dir); i++) dir = `${safe}-${i}`;
    map.set(key, dir);
    return dir;
  }
}

function lines(items: readonly unknown[]): string {
  return items.map((x) => `${jsonText(x)}\n`).join("");
}
