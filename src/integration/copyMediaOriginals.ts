/**
 * The committed media files a static build publishes (`dist/media/<digest>.<ext>`), copied by the
 * file system after the pages are written: the kernel moves the bytes (`copyFile`), so a large
 * video never passes through memory, as it would as an Astro endpoint's body (held whole before
 * it is written). Thumbnails stay endpoints (`src/pages/media/[file].ts`), and in `astro dev` the
 * endpoint serves the originals too.
 */
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { mapLimit } from "../core/files/limitConcurrency.ts";
import { MEDIA_URL_DIR, type PublishedMediaFile } from "../core/media/mediaUrls.ts";

export async function copyMediaOriginals(dataRoot: string, outDir: string, files: readonly PublishedMediaFile[]): Promise<number> {
  const originals = files.filter((f) => f.thumbnail === null);
  if (originals.length === 0) return 0;
  await mkdir(path.join(outDir, MEDIA_URL_DIR), { recursive: true });
  // Eight copies at once (two handles each): bounded without the loaders' one-handle gate.
  await mapLimit(originals, 8, (f) => copyFile(path.join(dataRoot, f.source), path.join(outDir, MEDIA_URL_DIR, f.name)));
  return originals.length;
}
