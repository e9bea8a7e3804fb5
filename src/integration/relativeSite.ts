import { compareText } from "../core/format/compareText.ts";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { FILE_PROTOCOL_SCRIPT, withFileProtocolNotes, type FileNote } from "../core/site/fileProtocolNotes.ts";
import { relativeCssUrls } from "../core/site/relativeCssUrls.ts";
import { relativeLinks } from "../core/site/relativeLinks.ts";
import { defaultFileFor } from "../core/site/relativeUrl.ts";

/** How the built site links to itself: `absolute` (from the base path, the default) or `relative`. */
export type LinkMode = "absolute" | "relative";

/** `RUNFOLIO_LINKS`: unset, `absolute` or `relative`; anything else is a mistake worth stopping for. */
export function linkMode(value: string | undefined): LinkMode {
  if (value === undefined || value === "" || value === "absolute") return "absolute";
  if (value === "relative") return "relative";
  throw new Error(`RUNFOLIO_LINKS must be "relative" or "absolute" (the default), not ${JSON.stringify(value)}`);
}

const SERVE_HINT = "serve the folder over http(s), for example with “python3 -m http.server”, and open it from there";

// The pages that need scripts, found by the elements their scripts drive (src/pages).
const NOTES: readonly FileNote[] = [
  {
    before: (t) => t.attributes.some((a) => a.name === "id" && a.value === "rf-compare"),
    when: "always",
    text: `Comparing runs needs the site served over http(s): opened from a folder (file://), this page cannot run its scripts or read the runs' data. To compare, ${SERVE_HINT}. Each run's own page is linked from the Runs page.`,
  },
  {
    before: (t) => t.name === "form" && t.attributes.some((a) => a.name === "data-rf-search"),
    when: "always",
    text: `Search needs the site served over http(s): opened from a folder (file://), this page cannot run its scripts or read the search index. To search, ${SERVE_HINT}. Every report is listed on the home page and every run on the Runs page.`,
  },
  {
    before: (t) => t.attributes.some((a) => a.name === "id" && a.value === "rf-explorer"),
    when: "scripts-blocked",
    text: `Filtering, sorting and comparing runs need the site served over http(s): opened from a folder (file://), this page cannot run its scripts. The tables below list each project's first runs, each linked to its page; every run is in the JSON file linked above.`,
  },
];

/**
 * Rewrites a built site in place so it works from any folder, including opened from disk:
 * every URL into the site in every page and stylesheet becomes relative to its file, folder URLs
 * name their `index.html`, and pages that need scripts get a note shown only from `file://`.
 * Files are handled in sorted order and the script's name carries its hash: same site, same bytes.
 */
export async function makeLinksRelative(outDir: string, base: string): Promise<{ pages: number; stylesheets: number }> {
  const files = new Set(await fg("**/*", { cwd: outDir, dot: true, onlyFiles: true }));
  const scriptPath = `_runfolio/file-protocol.${createHash("sha256").update(FILE_PROTOCOL_SCRIPT).digest("hex").slice(0, 8)}.js`;
  await mkdir(path.join(outDir, path.dirname(scriptPath)), { recursive: true });
  await writeFile(path.join(outDir, scriptPath), FILE_PROTOCOL_SCRIPT);
  files.add(scriptPath);

  const fileFor = outputFileFor(files);
  const sorted = [...files].sort(compareText);
  const pages = sorted.filter((f) => f.endsWith(".html"));
  const stylesheets = sorted.filter((f) => f.endsWith(".css"));
  const scriptSrc = `${base.replace(/\/?$/, "/")}${scriptPath}`;
  for (const filePath of pages) {
    await rewriteFile(outDir, filePath, (html) => relativeLinks(withFileProtocolNotes(html, scriptSrc, NOTES), { filePath, base, fileFor }));
  }
  for (const filePath of stylesheets) {
    await rewriteFile(outDir, filePath, (css) => relativeCssUrls(css, { filePath, base, fileFor }));
  }
  return { pages: pages.length, stylesheets: stylesheets.length };
}

async function rewriteFile(outDir: string, filePath: string, rewrite: (text: string) => string): Promise<void> {
  const file = path.join(outDir, filePath);
  const before = await readFile(file, "utf8");
  const after = rewrite(before);
  if (after !== before) await writeFile(file, after);
}

/**
 * The output file a site path names, as the static host would find it: the file itself, else
 * the folder's `index.html` (`/reports/x` → `reports/x/index.html`), else `x.html` (Astro's
 * `build.format: "file"`); a path that names nothing is left to the default.
 */
function outputFileFor(files: ReadonlySet<string>): (sitePath: string) => string {
  const exists = (encoded: string): boolean => {
    try {
      return files.has(encoded.split("/").map(decodeURIComponent).join("/"));
    } catch {
      return false;
    }
  };
  return (sitePath) => {
    if (sitePath !== "" && !sitePath.endsWith("/")) {
      if (exists(sitePath)) return sitePath;
      if (exists(`${sitePath}/index.html`)) return `${sitePath}/index.html`;
      if (exists(`${sitePath}.html`)) return `${sitePath}.html`;
    }
    return defaultFileFor(sitePath);
  };
}
