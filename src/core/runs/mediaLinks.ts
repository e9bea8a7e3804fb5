/**
 * Node-only: which of a run folder's media files resolve outside the run folder (a symbolic link,
 * or a linked `media/` folder, that leads elsewhere — even elsewhere in the data root). Those are
 * not read; the media index reports them (RUN084).
 */
import { readlink, realpath } from "node:fs/promises";
import path from "node:path";
import { withFileHandle } from "../files/boundedFiles.ts";
import type { RunSource } from "./classifyRunFiles.ts";
import { isMediaIndex, isRunMediaFile } from "../media/mediaFiles.ts";

/** Media file → the text of the link that leads out (the file itself or the nearest linked folder). */
export async function mediaLinksOutside(rootDir: string, source: RunSource): Promise<Map<string, string>> {
  const outside = new Map<string, string>();
  if (source.format !== "folder") return outside;
  const media = source.files.filter((f) => isRunMediaFile(source.id, f) && !isMediaIndex(f));
  if (media.length === 0) return outside;
  const folder = await realpath(path.join(rootDir, "runs", source.id));
  await Promise.all(
    media.map(async (file) => {
      const absolute = path.join(rootDir, file);
      const real = await withFileHandle(() => realpath(absolute)).catch(() => null);
      if (real === null || real.startsWith(folder + path.sep)) return;
      outside.set(file, await linkText(absolute, path.join(rootDir, "runs", source.id)));
    }),
  );
  return outside;
}

/** The target text of the link on the way from `folder` to `absolute` nearest the file. */
async function linkText(absolute: string, folder: string): Promise<string> {
  for (let p = absolute; p.length > folder.length; p = path.dirname(p)) {
    const target = await readlink(p).catch(() => null);
    if (target !== null) return target;
  }
  return "?";
}
