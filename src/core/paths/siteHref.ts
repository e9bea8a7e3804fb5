/**
 * The one rule for site URLs that travel in JSON (a runs table's rows file, the search index, the
 * explorer's and compare page's run links): the JSON holds a site path — relative to the site's
 * root, no leading slash, no base path (`runs/<id>/`, see runPath.ts) — and the browser resolves it
 * against the site root its page states in `data-base`. The build writes that attribute as the base
 * path (`/` or `/my-experiments/`); a relative-links build (RUNFOLIO_LINKS=relative) rewrites it,
 * like every link, relative to the page (`../../`). Pure, so it is tested without a browser.
 */

/**
 * `sitePath` (query and fragment allowed) under `root`. A root stated relative to the page is a
 * site read from a folder, where a folder does not open its `index.html` by itself: a folder path
 * then names its `index.html`, as the page's own rewritten links do. A URL that is no site path —
 * a full URL (an export's links to a published site), a root-absolute one — and the empty string
 * (no link) are returned as they are.
 */
export function siteHref(root: string, sitePath: string): string {
  if (sitePath === "" || sitePath.startsWith("/") || SCHEME.test(sitePath)) return sitePath;
  const folder = root === "" ? "./" : root.endsWith("/") ? root : `${root}/`;
  if (!isRelativeRoot(folder)) return folder + sitePath;
  const cut = sitePath.search(/[?#]/);
  const file = cut < 0 ? sitePath : sitePath.slice(0, cut);
  const suffix = cut < 0 ? "" : sitePath.slice(cut);
  const named = file === "" || file.endsWith("/") ? `${file}index.html` : file;
  // Prefixed even by `./`, so a first segment with a colon (`runs/` never has one) reads as a path.
  return folder + named + suffix;
}

/** Whether a stated site root is relative to its page (`../`, `./`), not root-absolute or a full URL. */
export function isRelativeRoot(root: string): boolean {
  return !root.startsWith("/") && !SCHEME.test(root);
}

const SCHEME = /^[a-z][a-z\d+.-]*:/i;
