/**
 * One digest of what the data folders hold: every file's path and content digest, and every entry
 * the walk would not read (a hidden file, a link leaving the root, …), since pages can report
 * those. Node-only. Content digests come from `fileDigest`, so a file the loaders already hashed,
 * or whose stamp the last build saved, costs one `stat`; a touched but unchanged file gives the
 * same digest. Built pages whose inputs are the whole data root are keyed by it (pageCacheKeys.ts).
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { fileDigest } from "./fileDigests.ts";
import { mapLimit } from "./limitConcurrency.ts";
import { walkDataDir } from "./walkDataDir.ts";

/** Files digested at once: each may be read whole when its stamp is unknown. */
const AT_ONCE = 64;

export async function dataFilesDigest(root: string, folders: readonly string[]): Promise<string> {
  const hash = createHash("sha256").update("runfolio-data-files-v1\n");
  for (const folder of folders) {
    const { files, problems } = await walkDataDir(root, folder, { wanted: () => true });
    const digests = await mapLimit(files, AT_ONCE, (file) => fileDigest(path.join(root, file)));
    hash.update(`folder\0${folder}\0${files.length}\n`);
    files.forEach((file, i) => hash.update(`${file}\0${digests[i]}\n`));
    for (const problem of problems) hash.update(`${JSON.stringify(problem)}\n`);
  }
  return hash.digest("hex");
}
