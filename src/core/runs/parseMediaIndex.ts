/**
 * A run folder's `media.jsonl`: one media item per line (`step`, `key`, `file`, optional
 * `caption`, `width`, `height`, `boxes`), checked with zod, each problem at its line and column.
 * Pure: the loader hands over the files found under the folder's `media/` with their bytes.
 * An item whose file is missing, unreadable, outside the run folder or of an unknown kind is left
 * out with an error; the run keeps the rest (docs/run-format.md, "Media").
 */
import { forEachLine, parseObjectLine } from "./jsonLineReader.ts";
import { z } from "zod";
import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { runMessages } from "./messages.ts";
import { describeJsonValue, stripBom } from "./parseJsonWithPositions.ts";
import { formatPath, Locator, valueAt } from "./parseRunJson.ts";
import type { SourceText } from "./runFileTypes.ts";
import { readImageSize } from "../media/imageSize.ts";
import { mediaMessages } from "./mediaMessages.ts";
import { extensionOf, MEDIA_DIR, MEDIA_EXTENSIONS, type MediaBox, type RunMediaItem } from "../media/runMedia.ts";

/** A file found under the run folder's `media/`: its bytes, or where the link it is leads. */
export interface MediaFile {
  bytes?: Uint8Array;
  /** Set when the file is a symbolic link that leaves the run folder: the link's target. */
  linkOutside?: string;
}

const box = z.object({
  x: z.number(),
  y: z.number(),
  w: z.number().nonnegative(),
  h: z.number().nonnegative(),
  label: z.string().optional(),
  score: z.number().optional(),
});

const itemSchema = z.object({
  step: z.number().int().nonnegative(),
  key: z.string().min(1),
  file: z.string().min(1),
  caption: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  boxes: z.array(box).optional(),
});

const KEYS = Object.keys(itemSchema.shape);
const REQUIRED = ["step", "key", "file"] as const;

const EXPECTED: Record<string, string> = {
  step: "a whole number from 0 on",
  key: "a non-empty text",
  file: 'a path such as "media/samples/3_0.png"',
  caption: "a text",
  width: "a whole number of pixels from 1 on",
  height: "a whole number of pixels from 1 on",
  boxes: "a list of boxes {x, y, w, h, label, score}",
  "boxes[]": "a box {x, y, w, h} with an optional label and score",
  "boxes[].x": "a number (pixels from the left)",
  "boxes[].y": "a number (pixels from the top)",
  "boxes[].w": "a width in pixels from 0 on",
  "boxes[].h": "a height in pixels from 0 on",
  "boxes[].label": "a text",
  "boxes[].score": "a number",
};

const shapeKey = (path: readonly (string | number)[]): string =>
  path.map((p) => (typeof p === "number" ? "[]" : p)).reduce<string>((out, p) => (p === "[]" || out === "" ? out + p : `${out}.${p}`), "");

export interface ParsedMediaIndex {
  items: RunMediaItem[];
  diagnostics: Diagnostic[];
}

/**
 * The run-folder-relative path `file` as a repository path under `<folder>/media/`, or why not.
 * `./` segments are dropped; `..`, absolute paths, backslashes and empty segments are refused.
 */
export function resolveMediaPath(folder: string, file: string): { path: string } | { problem: string } {
  if (file.includes("\\")) return { problem: 'it contains a backslash (write "/" between folders)' };
  if (file.startsWith("/") || /^[A-Za-z]:/.test(file)) return { problem: "it is an absolute path" };
  const parts = file.split("/").filter((p) => p !== ".");
  if (parts.includes("..")) return { problem: "it leaves the folder with `..`" };
  if (parts.some((p) => p === "")) return { problem: "it has an empty folder name" };
  if (parts[0] !== MEDIA_DIR || parts.length < 2) return { problem: "it is not under media/" };
  return { path: `${folder}/${parts.join("/")}` };
}

/** @param checkFiles false: the files were not read; items are kept with their declared sizes. */
export function parseMediaIndex(index: SourceText, files: ReadonlyMap<string, MediaFile>, checkFiles = true): ParsedMediaIndex {
  const text = stripBom(index.text);
  const diags = new FileDiagnostics(index.path, text);
  const folder = index.path.slice(0, index.path.lastIndexOf("/"));
  const items: RunMediaItem[] = [];
  forEachLine(text, (line, start, lineNo) => {
    const item = parseLine(line, start, lineNo, folder, checkFiles ? files : null, diags);
    if (item) items.push(item);
  });
  return { items, diagnostics: diags.done() };
}

function parseLine(line: string, start: number, lineNo: number, folder: string, files: ReadonlyMap<string, MediaFile> | null, diags: FileDiagnostics): RunMediaItem | null {
  const value = parseObjectLine(line, start, lineNo, diags);
  if (!value) return null;
  const indent = line.length - line.trimStart().length;
  const loc = new Locator(line);
  const at = (path: readonly (string | number)[]): number => start + loc.value(path);
  for (const key of Object.keys(value)) {
    if (!KEYS.includes(key)) diags.at(start + loc.key([key]), "warning", runMessages.unknownKey(key, didYouMean(key, KEYS), KEYS), key.length + 2);
  }
  const missing = REQUIRED.filter((k) => !(k in value));
  for (const field of missing) diags.at(start + indent, "error", mediaMessages.missingField(field, lineNo));
  if (missing.length) return null;
  const parsed = itemSchema.safeParse(value);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      const k = path.join("\0");
      if (seen.has(k)) continue;
      seen.add(k);
      const found = valueAt(value, path);
      diags.at(at(path), "error", runMessages.wrongType(formatPath(path), EXPECTED[shapeKey(path)] ?? "a valid value", found === undefined ? "nothing" : describeJsonValue(found)));
    }
    return null;
  }
  const d = parsed.data;
  const resolved = resolveMediaPath(folder, d.file);
  if ("problem" in resolved) {
    diags.at(at(["file"]), "error", mediaMessages.badPath(JSON.stringify(d.file), resolved.problem));
    return null;
  }
  const ext = extensionOf(d.file);
  const kind = MEDIA_EXTENSIONS[ext];
  if (!kind) {
    diags.at(at(["file"]), "error", mediaMessages.unknownExtension(ext ? `".${ext}"` : "no extension"));
    return null;
  }
  const item: RunMediaItem = { key: d.key, step: d.step, file: resolved.path, kind, ext };
  if (d.caption !== undefined) item.caption = d.caption;
  if (files === null) {
    if (d.width !== undefined) item.width = d.width;
    if (d.height !== undefined) item.height = d.height;
    if (d.boxes?.length && kind === "image") item.boxes = d.boxes;
    return item;
  }
  const found = files.get(resolved.path);
  if (found?.linkOutside !== undefined) {
    diags.at(at(["file"]), "error", mediaMessages.linkOutside(resolved.path, found.linkOutside));
    return null;
  }
  if (!found?.bytes) {
    diags.at(at(["file"]), "error", mediaMessages.missingFile(resolved.path));
    return null;
  }
  if (kind === "image") {
    const real = readImageSize(found.bytes, ext);
    if (real.ok) {
      if ((d.width !== undefined && d.width !== real.width) || (d.height !== undefined && d.height !== real.height)) {
        diags.at(at([d.width !== undefined ? "width" : "height"]), "warning", mediaMessages.sizeDiffers(`${d.width ?? "?"}×${d.height ?? "?"}`, `${real.width}×${real.height}`));
      }
      item.width = real.width;
      item.height = real.height;
    } else if (ext === "svg") {
      diags.at(at(["file"]), "warning", mediaMessages.svgWithoutSize(resolved.path, real.problem));
      item.width = d.width ?? 300;
      item.height = d.height ?? 150;
    } else {
      diags.at(at(["file"]), "error", mediaMessages.unreadableImage(resolved.path, real.problem));
      return null;
    }
  } else {
    if (d.width !== undefined) item.width = d.width;
    if (d.height !== undefined) item.height = d.height;
  }
  if (d.boxes && d.boxes.length > 0) {
    if (kind !== "image") diags.at(at(["boxes"]), "warning", mediaMessages.boxesNotOnImage(kind));
    else item.boxes = checkBoxes(d.boxes, item, (i) => at(["boxes", i]), diags);
  }
  return item;
}

function checkBoxes(boxes: readonly MediaBox[], item: RunMediaItem, at: (i: number) => number, diags: FileDiagnostics): MediaBox[] {
  const w = item.width!;
  const h = item.height!;
  return boxes.map((b, i) => {
    if (b.x < 0 || b.y < 0 || b.x + b.w > w || b.y + b.h > h) {
      diags.at(at(i), "warning", mediaMessages.boxOutside(`boxes[${i}]`, `x ${b.x}, y ${b.y}, w ${b.w}, h ${b.h}`, `${w}×${h}`));
    }
    const out: MediaBox = { x: b.x, y: b.y, w: b.w, h: b.h };
    if (b.label !== undefined) out.label = b.label;
    if (b.score !== undefined) out.score = b.score;
    return out;
  });
}
