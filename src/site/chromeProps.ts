import settings from "virtual:runfolio/options";
import type { FooterProps, HeaderProps, NavLink } from "../core/site/componentProps.ts";
import { href, searchHref } from "./urls.ts";
import { provenance } from "./provenance.ts";

/** The header's props for a page (see core/site/componentProps.ts). */
export function headerProps(pageTitle: string, pathname: string): HeaderProps {
  const { site } = settings;
  const nav: NavLink[] = [
    { label: "Reports", href: href("") },
    { label: "Runs", href: href("runs/") },
  ];
  if (site.pages.search) nav.push({ label: "Search", href: searchHref() });
  if (site.repository) nav.push({ label: "Repository", href: site.repository, external: true });
  return { siteTitle: site.title, pageTitle, homeHref: href(""), nav, pathname };
}

export function footerProps(): FooterProps {
  return {
    siteTitle: settings.site.title,
    commit: provenance.commit === null ? null : { full: provenance.commit, short: provenance.shortCommit!, url: provenance.commitUrl },
    uncommitted: provenance.uncommitted,
  };
}
