/**
 * Where a run's media file is published: content-addressed names under the site's `media/`
 * folder, so each distinct file is stored once however many runs and pages show it. Pure and
 * browser-safe; the names are relative to the site's base path.
 */
import type { RunMediaItem, TableMediaImage } from "./runMedia.ts";

/**
 * Widths in pixels of the WebP thumbnails grids show: `THUMB_WIDTH` for a cell at one device
 * pixel per CSS pixel, `THUMB_WIDTH_2X` for high-DPI screens (both in the `<img>`'s `srcset`).
 * An image no wider than `THUMB_WIDTH` is shown as it is.
 */
export const THUMB_WIDTH = 160;
export const THUMB_WIDTH_2X = 320;
export const MEDIA_URL_DIR = "media";
/** Hex characters of the SHA-256 kept in names: 80 bits, short enough for a grid of 500 in a page. */
const DIGEST_CHARS = 20;

const stem = (item: Pick<RunMediaItem, "digest" | "file">): string => {
  if (!item.digest) throw new Error(`media file ${item.file} has no digest (it was not read by the loader)`);
  return item.digest.slice(0, DIGEST_CHARS);
};

/**
 * True when an image is shown in grids through smaller WebP thumbnails. SVG never is (it stays an
 * `<img>` of itself); an animated GIF's thumbnails are its first frame (the dialog plays the file).
 */
export function needsThumbnail(item: Pick<RunMediaItem, "kind" | "ext" | "width">): boolean {
  return item.kind === "image" && item.ext !== "svg" && (item.width ?? 0) > THUMB_WIDTH;
}

/** `media/<digest>.<ext>`: the file as committed. */
export function mediaPath(item: Pick<RunMediaItem, "digest" | "file" | "ext">): string {
  return `${MEDIA_URL_DIR}/${stem(item)}.${item.ext}`;
}

/** `media/<digest>-w160.webp` for images that get thumbnails, else the file itself. */
export function thumbnailPath(item: Pick<RunMediaItem, "digest" | "file" | "ext" | "kind" | "width">): string {
  return needsThumbnail(item) ? `${MEDIA_URL_DIR}/${stem(item)}-w${THUMB_WIDTH}.webp` : mediaPath(item);
}

const THUMB_SUFFIX = `-w${THUMB_WIDTH}.webp`;

/**
 * The high-DPI thumbnail beside a grid thumbnail (`…-w160.webp` → `…-w320.webp`) and its real
 * width (at most 320, the image's own `width` when narrower: thumbnails are never enlarged), or
 * null when `thumb` is the file itself. Derived, so the grids' payloads need not carry it.
 */
export function hiDpiThumbnailOf(thumb: string, width: number | undefined): { path: string; width: number } | null {
  if (!thumb.endsWith(THUMB_SUFFIX) || !width) return null;
  return { path: `${thumb.slice(0, -THUMB_SUFFIX.length)}-w${THUMB_WIDTH_2X}.webp`, width: Math.min(width, THUMB_WIDTH_2X) };
}

/** The high-DPI thumbnail of an image (`media/<digest>-w320.webp`) and its width, or null for images without thumbnails. */
export function thumbnail2x(item: Pick<RunMediaItem, "digest" | "file" | "ext" | "kind" | "width">): { path: string; width: number } | null {
  return needsThumbnail(item) ? hiDpiThumbnailOf(thumbnailPath(item), item.width) : null;
}

/** The size an image is shown at in a grid cell: its own, or the thumbnail's. */
export function thumbnailSize(item: Pick<RunMediaItem, "kind" | "ext" | "width" | "height">): { width: number; height: number } | null {
  if (item.width === undefined || item.height === undefined) return null;
  if (!needsThumbnail(item)) return { width: item.width, height: item.height };
  return { width: THUMB_WIDTH, height: Math.max(1, Math.round((item.height * THUMB_WIDTH) / item.width)) };
}

/**
 * Where a table's media cell's file is (runTables/rowsPayload.ts): `m` the file's URL ("" when it
 * has none); for an image shown through thumbnails, `t` the 160 px thumbnail's URL and `w` the
 * image's width (the high-DPI thumbnail is derived from both: `hiDpiThumbnailOf`).
 */
export interface MediaLink {
  m: string;
  t?: string;
  w?: number;
}

/** One file the site publishes under `media/`. */
export interface PublishedMediaFile {
  /** The name under `media/`. */
  name: string;
  /** Data-root-relative path of the committed file it is made from. */
  source: string;
  /** SHA-256 (hex) of that file. */
  digest: string;
  /** The width of the thumbnail it is (`THUMB_WIDTH` or `THUMB_WIDTH_2X`), or null for the file itself. */
  thumbnail: number | null;
}

/**
 * Every file to publish for these runs' media, each name once, sorted by name: the media block's
 * files and their thumbnails, and the thumbnails of images only tables show (whose files are
 * published with the tables, under `data/table-media/`).
 */
export function publishedMediaFiles(runs: readonly { media?: RunMediaItem[]; tableMedia?: TableMediaImage[] }[]): PublishedMediaFile[] {
  const out = new Map<string, PublishedMediaFile>();
  const addThumbnails = (item: Pick<RunMediaItem, "digest" | "file" | "ext" | "kind" | "width">, digest: string): void => {
    if (!needsThumbnail(item)) return;
    for (const [thumb, width] of [[thumbnailPath(item), THUMB_WIDTH], [thumbnail2x(item)!.path, THUMB_WIDTH_2X]] as const) {
      const name = thumb.slice(MEDIA_URL_DIR.length + 1);
      if (!out.has(name)) out.set(name, { name, source: item.file, digest, thumbnail: width });
    }
  };
  for (const run of runs) {
    for (const item of run.media ?? []) {
      if (!item.digest) continue;
      const original = mediaPath(item).slice(MEDIA_URL_DIR.length + 1);
      if (!out.has(original)) out.set(original, { name: original, source: item.file, digest: item.digest, thumbnail: null });
      addThumbnails(item, item.digest);
    }
    for (const image of run.tableMedia ?? []) if (image.digest) addThumbnails(image, image.digest);
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
