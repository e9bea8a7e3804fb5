import type { BuildInfo } from "../core/site/buildInfo.ts";
import type { OptionalPage, ResolvedConfig } from "../core/config/parseConfig.ts";
import type { ComponentOverrides } from "./components.ts";

/**
 * Options of the `runfolio()` Astro integration (astro.config.mjs). The site settings (title,
 * description, repository, accent, pages) are those of runfolio.config.json (docs/config.md);
 * given here, they win over the file's.
 */
export interface RunfolioOptions {
  /** The site's name in the header and page titles. __Default:__ runfolio.config.json's, else "Runfolio". */
  title?: string;
  /** One line on the home page. __Default:__ runfolio.config.json's, else none. */
  description?: string | null;
  /** The repository's web address, linked from the header. __Default:__ runfolio.config.json's, else none. */
  repository?: string | null;
  /** Accent colour, `#rgb` or `#rrggbb`. __Default:__ runfolio.config.json's, else Runfolio's blue. */
  accent?: string | null;
  /** Optional pages to build or leave out. __Default:__ runfolio.config.json's, else all. */
  pages?: Partial<Record<OptionalPage, boolean>>;
  /**
   * Keep raw HTML in report prose as written: `<script>`, event handlers, `style`, iframes and
   * any URL. Only for sites where every report author is trusted (see docs/security.md); the
   * Content-Security-Policy stays either way. Default: false, or true when the environment sets
   * `RUNFOLIO_ALLOW_HTML=1`.
   */
  allowHtml?: boolean;
  /**
   * Publish every run's source files with the site under `/data/files/` (a second copy of the
   * data: as large as `runs/`), for sites read offline or where the repository is private. Without
   * it the run page links each file in the repository at the built commit. Default: false, or
   * true when the environment sets `RUNFOLIO_COPY_SOURCE_FILES=1` (`npm run build:offline` does).
   */
  copySourceFiles?: boolean;
  /**
   * Your own components in place of Runfolio's, by path from the Astro project's root:
   * `{ Header: "./src/components/MyHeader.astro", Footer: …, RunPageSections: … }`. Each is given
   * the props of its type (`HeaderProps`, `FooterProps`, `RunPageSectionsProps`); see
   * docs/own-astro-site.md. __Default:__ Runfolio's.
   */
  components?: ComponentOverrides;
}

export interface ResolvedRunfolioOptions {
  allowHtml: boolean;
  copySourceFiles: boolean;
}

export function resolveOptions(options: RunfolioOptions, env: Record<string, string | undefined>): ResolvedRunfolioOptions {
  return {
    allowHtml: options.allowHtml ?? allowHtmlFromEnv(env.RUNFOLIO_ALLOW_HTML),
    copySourceFiles: options.copySourceFiles ?? copySourceFilesFromEnv(env.RUNFOLIO_COPY_SOURCE_FILES),
  };
}

/** `RUNFOLIO_COPY_SOURCE_FILES`: `1`/`true` or `0`/`false`/unset; anything else is refused. */
export function copySourceFilesFromEnv(value: string | undefined): boolean {
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new Error(`RUNFOLIO_COPY_SOURCE_FILES must be "1" or "true" to publish a copy of every run's source files, or "0", "false" or unset, not ${JSON.stringify(value)}`);
}

/** `RUNFOLIO_ALLOW_HTML`: `1`/`true` or `0`/`false`/unset; anything else is refused, not guessed. */
export function allowHtmlFromEnv(value: string | undefined): boolean {
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new Error(`RUNFOLIO_ALLOW_HTML must be "1" or "true" to keep raw HTML in reports, or "0", "false" or unset, not ${JSON.stringify(value)}`);
}

/**
 * What the pages and the content loaders are given: the options, the data folder and, in a build,
 * where diagnostics found while rendering go (see src/site/renderDiagnostics.ts). The integration
 * settles all of it once, reading the environment in one place; nothing in src/site reads it.
 */
export interface SiteSettings extends ResolvedRunfolioOptions {
  /** runfolio.config.json with the integration's options over it. */
  site: ResolvedConfig;
  /** The folder holding `runs/` and `reports/` (see src/site/dataRoot.ts). */
  dataRoot: string;
  /** The file render diagnostics are appended to; null in the dev server, which shows them in place. */
  renderDiagnosticsFile: string | null;
  /** The commit the site is built from (see src/integration/readBuildInfo.ts); null outside git. */
  build: BuildInfo | null;
  /** The least silence (seconds) after which a running run is stale: `RUNFOLIO_STALE_FLOOR` (core/live/liveStatus.ts). */
  staleFloor: number;
  /** Whether this build copies unchanged pages from the last one (`RUNFOLIO_INCREMENTAL=1`): pages are then keyed (src/site/pageCacheKeys.ts). */
  incrementalPages: boolean;
}

/** The module pages and src/content.config.ts import the site settings from (see siteOptionsPlugin). */
export const SITE_OPTIONS_MODULE = "virtual:runfolio/options";

/** The stylesheet with the configured accent colour (empty without one); src/layouts/Base.astro imports it. */
export const SITE_THEME_MODULE = "virtual:runfolio/theme.css";

/** A Vite plugin serving the site settings and the theme to the pages, which render in a bundle of their own. */
export function siteOptionsPlugin(settings: SiteSettings) {
  const modules = new Map([
    [`\0${SITE_OPTIONS_MODULE}`, `export default ${JSON.stringify(settings)};`],
    [`\0${SITE_THEME_MODULE}`, themeCss(settings.site.accent)],
  ]);
  return {
    name: "runfolio:options",
    resolveId: (id: string) => (id === SITE_OPTIONS_MODULE || id === SITE_THEME_MODULE ? `\0${id}` : undefined),
    load: (id: string) => modules.get(id),
  };
}

/**
 * The accent for light and dark pages (the colour is validated as hex). On dark pages it is mixed
 * a third of the way to white, as the default blue is, so links keep their contrast there; the
 * soft tint behind tags and notes is mixed from it.
 */
export function themeCss(accent: string | null): string {
  if (!accent) return "";
  const dark = `color-mix(in srgb, ${accent} 65%, #fff)`;
  const rules = (c: string) => `--accent: ${c}; --accent-soft: color-mix(in srgb, ${c} 14%, var(--bg));`;
  return `:root { ${rules(accent)} }\n@media (prefers-color-scheme: dark) { :root { ${rules(dark)} } }\n`;
}
