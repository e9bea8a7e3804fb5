import { rm } from "node:fs/promises";
import path from "node:path";
import { formatDiagnostic } from "../core/diagnostics.ts";
import { parseConfig, type OptionalPage, type ResolvedConfig } from "../core/config/parseConfig.ts";
import { readSiteConfig } from "../check/readSiteConfig.ts";
import type { RunfolioOptions } from "./options.ts";

/**
 * The site settings: runfolio.config.json in the data root, with the integration's options over
 * it. The options are checked by the same parser as the file; a bad option throws (it is code in
 * astro.config.mjs), while the file's problems are diagnostics the check reports.
 */
export function resolveSiteConfig(root: string, options: RunfolioOptions): ResolvedConfig {
  const fromFile = readSiteConfig(root).config;
  const given = Object.fromEntries(
    (["title", "description", "repository", "accent", "pages"] as const).filter((k) => options[k] !== undefined).map((k) => [k, options[k]]),
  );
  if (Object.keys(given).length === 0) return fromFile;
  const checked = parseConfig(JSON.stringify(given, null, 1), "runfolio() options in astro.config");
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map(formatDiagnostic).join("\n"));
  const pages = { ...fromFile.pages };
  for (const key of Object.keys(options.pages ?? {}) as OptionalPage[]) pages[key] = checked.config.pages[key];
  return {
    ...fromFile,
    ...Object.fromEntries(Object.keys(given).map((k) => [k, checked.config[k as keyof ResolvedConfig]])),
    pages,
  };
}

/** What each optional page writes into the built site. */
const PAGE_OUTPUTS: Record<OptionalPage, readonly string[]> = {
  search: ["search", "search-index.json"],
  feed: ["feed.xml"],
  embeds: ["embed"],
};

/** Removes the outputs of the pages the config leaves out (their links are not rendered). */
export async function removeDisabledPages(outDir: string, pages: Record<OptionalPage, boolean>): Promise<string[]> {
  const removed: string[] = [];
  for (const page of Object.keys(PAGE_OUTPUTS) as OptionalPage[]) {
    if (pages[page]) continue;
    for (const out of PAGE_OUTPUTS[page]) {
      await rm(path.join(outDir, out), { recursive: true, force: true });
      removed.push(out);
    }
  }
  return removed;
}
