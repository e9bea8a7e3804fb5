/**
 * Which files of a run folder are its media: the index `media.jsonl` and every file with a media
 * extension under the folder's `media/`. Pure (paths only); classifyRunFiles and parseRunFolder
 * ask here so the rule is written once.
 */
import { extensionOf, MEDIA_DIR, MEDIA_EXTENSIONS, MEDIA_INDEX } from "./runMedia.ts";

/** True for a file a run folder's media could be (by extension), wherever it lies. */
export function hasMediaExtension(file: string): boolean {
  return extensionOf(file) in MEDIA_EXTENSIONS;
}

/** True for `runs/<project>/<run…>/media.jsonl`. */
export function isMediaIndex(file: string): boolean {
  const parts = file.split("/");
  return parts.length >= 4 && parts[parts.length - 1] === MEDIA_INDEX;
}

/**
 * The folder run a media file belongs to: the first `<id>` in `runs/<id>/media/…` that is a run
 * folder (a key may itself hold a folder named `media`), or null.
 */
export function mediaFileOwner(file: string, folders: { has: (id: string) => boolean }): string | null {
  const parts = file.split("/");
  for (let i = 3; i < parts.length - 1; i++) {
    if (parts[i] !== MEDIA_DIR) continue;
    const id = parts.slice(1, i).join("/");
    if (folders.has(id)) return id;
  }
  return null;
}

/** True for a file of run folder `id` that is its media index or lies under its media/. */
export function isRunMediaFile(id: string, file: string): boolean {
  const folder = `runs/${id}/`;
  return file === `${folder}${MEDIA_INDEX}` || file.startsWith(`${folder}${MEDIA_DIR}/`);
}
