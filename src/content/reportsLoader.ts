import path from "node:path";
import type { Loader } from "astro/loaders";
import { formatDiagnostic } from "../core/diagnostics.ts";
import { readReportFiles } from "../core/files/readReportFiles.ts";

/**
 * Reports are stored as their source text: front matter and blocks are parsed by core when a
 * page renders, because blocks need the runs collection, which loads beside this one. Report files
 * that are not read (a link leaving the data root, not UTF-8, …) are logged in the dev server; the
 * build's check lists them and fails before pages render.
 */
export function reportsLoader(options: { root?: string } = {}): Loader {
  return {
    name: "runfolio-reports",
    async load({ store, generateDigest, watcher, logger }) {
      const root = options.root ?? process.cwd();
      const sync = async () => {
        const { reports, diagnostics } = await readReportFiles(root);
        // In a build, the check before it lists these with every other problem.
        if (watcher) for (const d of diagnostics) (d.severity === "error" ? logger.error : logger.warn).call(logger, formatDiagnostic(d));
        const seen = new Set<string>();
        for (const { file, text } of reports) {
          const id = path.posix.basename(file, ".md");
          seen.add(id);
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
