import path from "node:path";
import settings from "virtual:runfolio/options";
import { readFileBounded, withFileHandle } from "../core/files/boundedFiles.ts";
import { publishedMediaFiles, type PublishedMediaFile } from "../core/media/mediaUrls.ts";
import { cachedThumbnail } from "../core/cache/cachedThumbnail.ts";
import { mediaMessages } from "../core/runs/mediaMessages.ts";
import { recordRenderDiagnostics } from "./renderDiagnostics.ts";
import { getRuns } from "./runs.ts";

/** Every media file the site publishes under `/media/` (originals and thumbnails), each once. */
export async function siteMediaFiles(): Promise<PublishedMediaFile[]> {
  return publishedMediaFiles(await getRuns());
}

/**
 * The bytes of one published media file: the committed file, or its thumbnail (made by sharp
 * from the file's path, so the image is not held twice; not read at all when cached). An image that
 * sharp cannot decode (its header was fine, its data is not) fails the build with its file named.
 */
export async function siteMediaBytes(file: PublishedMediaFile): Promise<Uint8Array> {
  const absolute = path.join(settings.dataRoot, file.source);
  if (file.thumbnail === null) return (await readFileBounded(absolute)).bytes;
  try {
    return await withFileHandle(() => cachedThumbnail(absolute, file.digest, file.thumbnail!));
  } catch (e) {
    const m = mediaMessages.unreadableImage(file.source, `its image data cannot be decoded (${(e as Error).message})`);
    recordRenderDiagnostics(settings.renderDiagnosticsFile, [{ file: file.source, line: 1, column: 1, severity: "error", ...m }]);
    return new Uint8Array();
  }
}
