/**
 * A run folder's media items (`media.jsonl` + `media/<key>/<file>`), as the run model keeps them.
 * Plain JSON data; browser-safe (the media block's script reads the same shapes).
 */

export type MediaKind = "image" | "audio" | "video";

/** The kind of a media file by its extension (lower case, no dot); the only extensions read. */
export const MEDIA_EXTENSIONS: Readonly<Record<string, MediaKind>> = {
  png: "image",
  jpg: "image",
  jpeg: "image",
  webp: "image",
  gif: "image",
  svg: "image",
  wav: "audio",
  mp3: "audio",
  mp4: "video",
  webm: "video",
};

/** The index file of a run folder's media, and the folder every listed file lies in. */
export const MEDIA_INDEX = "media.jsonl";
export const MEDIA_DIR = "media";

/** A box overlay in pixels of the original image. */
export interface MediaBox {
  x: number;
  y: number;
  w: number;
  h: number;
  label?: string;
  score?: number;
}

export interface RunMediaItem {
  key: string;
  step: number;
  /** Repository-relative path (`runs/<project>/<run>/media/…`). */
  file: string;
  kind: MediaKind;
  /** Lower-case extension without the dot (`jpeg` stays `jpeg`). */
  ext: string;
  caption?: string;
  /** Pixels: read from the image's header; the index's values only where the header has none. */
  width?: number;
  height?: number;
  boxes?: MediaBox[];
  /** SHA-256 (hex) of the file's bytes, set by the loader: the name its copy is published under. */
  digest?: string;
}

/** An image a table cell may name that `media.jsonl` does not list, wider than a thumbnail (runs/tableMediaImages.ts). */
export type TableMediaImage = Required<Pick<RunMediaItem, "file" | "kind" | "ext" | "width" | "height" | "digest">>;

/** The extension of a path, lower case, without the dot ("" when it has none). */
export function extensionOf(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/** Keys in first-seen order, each with its steps ascending. */
export function mediaKeys(items: readonly RunMediaItem[]): string[] {
  return [...new Set(items.map((i) => i.key))];
}
