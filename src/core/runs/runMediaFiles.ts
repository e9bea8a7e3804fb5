/**
 * The files under a run folder's `media/`, relative to the run folder (`media/preds/3_12.png`):
 * what a table's media cells may name. Regular files only: a link is not followed, so a media cell
 * cannot publish a file from outside the run folder. Node-only.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { withFileHandle } from "../files/boundedFiles.ts";

/** Files listed at most per run folder: the list is only for checking that named files exist. */
const MAX_LISTED = 500_000;

export async function runMediaFiles(rootDir: string, runFolder: string): Promise<Set<string>> {
  const dir = path.join(rootDir, runFolder, "media");
  const out = new Set<string>();
  let entries;
  try {
    entries = await withFileHandle(() => readdir(dir, { recursive: true, withFileTypes: true }));
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/");
    out.add(`media/${rel}`);
    if (out.size >= MAX_LISTED) break;
  }
  return out;
}
