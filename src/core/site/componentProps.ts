import type { Run } from "../run.ts";

/**
 * What each overridable component is given (docs/own-astro-site.md). A component that replaces one
 * of Runfolio's declares `type Props = HeaderProps` (or the others) and gets type-checked against
 * what the pages pass. Links are final: the base path is already in them.
 */

export interface NavLink {
  label: string;
  href: string;
  /** A link off the site (the repository). */
  external?: boolean;
}

export interface HeaderProps {
  /** The site's title (runfolio.config.json or the `title` option). */
  siteTitle: string;
  /** The page's own title (a report's, a run's name, "Runs", …). */
  pageTitle: string;
  /** The site's home page (the list of reports). */
  homeHref: string;
  /** Runfolio's navigation: Reports, Runs, Search (when built) and the repository (when set). */
  nav: NavLink[];
  /** The path of the page being rendered, for marking the current link. */
  pathname: string;
}

export interface FooterProps {
  siteTitle: string;
  /** The commit the site is built from, null outside git. */
  commit: { full: string; short: string; url: string | null } | null;
  /** Whether runs/ or reports/ have changes not committed. */
  uncommitted: boolean;
}

/**
 * The run page's sections (metrics, summary, config, system, group, and any a later version adds)
 * arrive as the default slot: render `<slot />` to keep them, put your own around them, or leave
 * the slot out to replace them.
 */
export interface RunPageSectionsProps {
  run: Run;
}
