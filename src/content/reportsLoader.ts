import path from "node:path";
import type { Loader } from "astro/loaders";
import { formatDiagnostic } from "../core/diagnostics.ts";
import { readReportFiles } from "../core/files/readReportFiles.ts";
import { noteReportSources } from "../core/live/reportSources.ts";
import { refreshOf, sourceFollower } from "./followSources.ts";

const LOADER = "runfolio-reports";

/**
 * Reports are stored as their source text: front matter and blocks are parsed by core when a
 * page renders, because blocks need the runs collection, which loads beside this one. Report files
 * that are not read (a link leaving the data root, not UTF-8, …) are logged in the dev server; the
 * build's check lists them and fails before pages render.
 */
export function reportsLoader(options: { root?: string } = {}): Loader {
  // The dev server re-syncs reports whose files change (followSources.ts says how).
  const follow = sourceFollower(LOADER);
  return {
    name: LOADER,
    async load(context) {
      const { store, generateDigest, watcher, logger } = context;
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
        // The dev server's pages read them from here (core/live/reportSources.ts says why).
        if (watcher) noteReportSources(root, reports.map(({ file, text }) => ({ file, text })));
      };
      const refresh = refreshOf(context);
      await sync();
      if (refresh) return;
      follow(context, { dir: path.join(root, "reports"), accept: (file) => file.endsWith(".md"), sync });
    },
  };
}
