/**
 * The images under a folder run's `media/` that its table cells may name but `media.jsonl` does
 * not list, wide enough to be shown through thumbnails: their digest and size, so the site makes
 * their thumbnails once, content-addressed like the media block's. Pure.
 */
import { readImageSize } from "../media/imageSize.ts";
import { needsThumbnail } from "../media/mediaUrls.ts";
import { extensionOf, MEDIA_EXTENSIONS, type TableMediaImage } from "../media/runMedia.ts";

interface ReadMediaFile {
  path: string;
  /** The file's head (readMediaHead): enough for its size. */
  bytes: Uint8Array | null;
  digest: string;
}

/**
 * @param folder `runs/<id>/`; @param candidates run-folder-relative files tables may name;
 * @param listed data-root-relative files `media.jsonl` lists (they have thumbnails already).
 */
export function tableMediaImages(folder: string, candidates: ReadonlySet<string>, listed: ReadonlySet<string>, read: readonly ReadMediaFile[]): TableMediaImage[] {
  const out: TableMediaImage[] = [];
  for (const f of read) {
    if (!f.path.startsWith(folder) || !candidates.has(f.path.slice(folder.length)) || listed.has(f.path)) continue;
    const ext = extensionOf(f.path);
    if (MEDIA_EXTENSIONS[ext] !== "image" || ext === "svg" || !f.bytes || !f.digest) continue;
    const size = readImageSize(f.bytes, ext);
    if (!size.ok) continue;
    const image: TableMediaImage = { file: f.path, kind: "image", ext, width: size.width, height: size.height, digest: f.digest };
    if (needsThumbnail(image)) out.push(image);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
