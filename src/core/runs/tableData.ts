/**
 * Per-example tables of a run folder (`tables/<name>.jsonl` or `.csv`): the rows as the readers
 * give them, and the short description a run keeps (the rows themselves are read when a page
 * needs them, never held for every run). Pure and browser-safe: the table script reads cells too.
 */

export type { MediaCell, RunTableInfo, TableCell, TableData } from "../run.ts";

/** The folder of a run folder that holds its tables. */
export const TABLES_DIR = "tables";
/** Names a table may have: its file name without extension. */
export const TABLE_NAME = /^[A-Za-z0-9._-]+$/;

export const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif", "svg"] as const;
export const AUDIO_EXTENSIONS = ["wav", "mp3"] as const;
export const VIDEO_EXTENSIONS = ["mp4", "webm"] as const;

export type MediaKind = "image" | "audio" | "video";

/** The kind of media file a path names, by its extension; null for other files. */
export function mediaKind(path: string): MediaKind | null {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  if ((IMAGE_EXTENSIONS as readonly string[]).includes(ext)) return "image";
  if ((AUDIO_EXTENSIONS as readonly string[]).includes(ext)) return "audio";
  if ((VIDEO_EXTENSIONS as readonly string[]).includes(ext)) return "video";
  return null;
}

/**
 * Why `path` cannot name a media file of the run folder, or null when it can: relative, `/`
 * between folders, under `media/`, no `.` or `..` segments, a media extension.
 */
export function mediaPathProblem(path: string): string | null {
  if (path.includes("\\")) return "it contains a backslash";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "it is an absolute path";
  const parts = path.split("/");
  if (parts.some((p) => p === ".." || p === ".")) return "it has a '.' or '..' folder";
  if (parts.some((p) => p === "")) return "it has an empty folder name";
  if (parts[0] !== "media" || parts.length < 2) return "it is not under media/";
  if (mediaKind(path) === null) return "not a media file (png, jpg, jpeg, webp, gif, svg, wav, mp3, mp4, webm)";
  return null;
}

/** The folder of the run a table file belongs to (`runs/p/r` for `runs/p/r/tables/x.csv`). */
export function runFolderOfTable(file: string): string {
  return file.slice(0, file.lastIndexOf(`/${TABLES_DIR}/`));
}

/** A table's name from its path: the file name without `.jsonl` or `.csv`. */
export function tableNameOf(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return base.slice(0, base.lastIndexOf("."));
}
