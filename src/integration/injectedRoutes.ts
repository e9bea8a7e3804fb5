import { readdirSync } from "node:fs";
import path from "node:path";

export interface InjectedPage {
  pattern: string;
  entrypoint: string;
}

const PAGE_FILE = /\.(astro|ts)$/;

/**
 * Runfolio's pages as routes for a site's own Astro project (`injectRoute`): every page file under
 * `pagesDir`, by Astro's file-routing rules (an `_`-prefixed file or folder is no page; `index` is
 * its folder; `feed.xml.ts` serves `/feed.xml`). Sorted, so the order never depends on the disk.
 */
export function runfolioRoutes(pagesDir: string): InjectedPage[] {
  const files = readdirSync(pagesDir, { recursive: true, encoding: "utf8" })
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => PAGE_FILE.test(f) && !f.endsWith(".d.ts") && !f.endsWith(".test.ts") && !f.split("/").some((part) => part.startsWith("_")))
    .sort();
  return files.map((f) => ({ pattern: routePattern(f), entrypoint: path.join(pagesDir, f) }));
}

/** `runs/[...id].astro` → `/runs/[...id]`; `index.astro` → `/`; `og/runs/[...id].png.ts` → `/og/runs/[...id].png`. */
export function routePattern(file: string): string {
  const route = file.replace(PAGE_FILE, "").replace(/(^|\/)index$/, "");
  return `/${route}`;
}
