/**
 * The site root a page states for its scripts: the nearest `data-base` around `el` (every page has
 * one on `<html>`; a relative-links build rewrites it relative to the page). Site paths from JSON
 * resolve against it with core/paths/siteHref.ts.
 */
export function siteRootOf(el: Element): string {
  return el.closest("[data-base]")?.getAttribute("data-base") ?? document.documentElement.getAttribute("data-base") ?? "/";
}
