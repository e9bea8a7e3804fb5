import { readFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import type { Loader } from "astro/loaders";

/**
 * Reports are stored as their source text: front matter and blocks are parsed by core when a
 * page renders, because blocks need the runs collection, which loads beside this one.
 */
export function reportsLoader(options: { root?: string } = {}): Loader {
  return {
    name: "runfolio-reports",
    async load({ store, generateDigest, watcher, logger }) {
      const root = options.root ?? process.cwd();
      const sync = async () => {
        const files = (await fg("reports/*.md", { cwd: root, onlyFiles: true })).sort();
        const seen = new Set<string>();
        for (const file of files) {
          const id = path.posix.basename(file, ".md");
          seen.add(id);
          const text = await readFile(path.join(root, file), "utf8");
          const digest = generateDigest(text);
          if (store.get(id)?.digest === digest) continue;
          store.set({ id, data: { file, text }, digest, filePath: file });
        }
        for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      };
      await sync();
      if (watcher) {
        const dir = path.join(root, "reports");
        watcher.add(dir);
        const onChange = (changed: string) => {
          if (!changed.startsWith(dir + path.sep) || !changed.endsWith(".md")) return;
          sync().catch((err: unknown) => logger.error(String(err)));
        };
        watcher.on("add", onChange);
        watcher.on("change", onChange);
        watcher.on("unlink", onChange);
      }
    },
  };
}
