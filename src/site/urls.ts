import { explorerQueryFor } from "../core/explore/explorerState.ts";
import { formatCompareState } from "../core/compare/compareState.ts";
import { runDataPath, runPath, runPreviewImagePath, runPreviewImagePathOfPage, sourceFilePath } from "../core/paths/runPath.ts";

/**
 * Every link the pages write, under the site's base path. The base and the site's address are
 * Astro's configuration (`base`, `site`), fixed when the pages are bundled.
 */
const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");

export const href = (path: string): string => base + path.replace(/^\//, "");
// Run paths (and their encoding) come from core/paths/runPath.ts, shared with the browser modules.
export const runHref = (id: string): string => href(runPath(id));
/** A report's page as a site path (no base), for links carried in JSON (core/paths/siteHref.ts). */
export const reportPath = (slug: string): string => `reports/${slug}/`;
export const reportHref = (slug: string): string => href(reportPath(slug));
/** A run's published JSON (metadata, config, summary and downsampled histories). */
export const runDataHref = (id: string): string => href(runDataPath(id));
/** A source file of a run, copied as-is (full resolution) under `/data/files/`. */
export const sourceFileHref = (file: string): string => href(sourceFilePath(file));
/** The run explorer filtered by an expression, e.g. `group = "lr=3e-4"`. */
export const explorerHref = (expression?: string): string => href("runs/") + (expression ? explorerQueryFor(expression) : "");
/** The compare page for these runs (the first is the reference). */
export const compareHref = (ids: readonly string[]): string => href("compare/") + formatCompareState({ runs: [...ids], show: "differing" });
/** The explorer showing one project (the anchor finds its table when JavaScript is off). */
export const projectHref = (project: string): string =>
  `${href("runs/")}?project=${encodeURIComponent(project)}#project-${encodeURIComponent(project)}`;

/** The base path as the browser modules need it (they build run and data links from it). */
export const basePath = (): string => base;

/** The site's configured address (`site` in astro.config.mjs), or null. */
export const siteUrl: string | null = import.meta.env.SITE ? String(import.meta.env.SITE) : null;

/** A root-relative href (base path included) made absolute when the site's address is configured. */
export function absoluteHref(rootRelative: string): string {
  return siteUrl ? new URL(rootRelative, siteUrl).href : rootRelative;
}

/**
 * The link-preview image of a report or a run page (`og:image`), as a root-relative href under the
 * base path; the layout makes it absolute when `site` is configured. Pass it to `Base` as `ogImage`.
 */
export function ogImageFor(kind: "report" | "run", id: string): string {
  return kind === "report" ? href(`og/reports/${encodeURIComponent(id)}.png`) : href(runPreviewImagePath(id));
}

/** The page of one chart of a report, for iframes. */
export const embedHref = (slug: string, chartId: string): string => href(`embed/${encodeURIComponent(slug)}/${encodeURIComponent(chartId)}/`);

export const feedHref = (): string => href("feed.xml");
export const searchHref = (): string => href("search/");
export const searchIndexHref = (): string => href("search-index.json");

/**
 * The preview image a page without an explicit `ogImage` gets: run pages (whose URL is derived
 * from the run id exactly as the image's is) get their run card; other pages none.
 */
export function defaultOgImage(pathname: string): string | null {
  const image = pathname.startsWith(base) ? runPreviewImagePathOfPage(pathname.slice(base.length)) : null;
  return image === null ? null : href(image);
}
