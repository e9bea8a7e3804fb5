/**
 * One URL of a built site, rewritten relative to the file it is written in, so the site works
 * from any folder — including opened from disk (`file://`), where `/runs/` would mean the root of
 * the file system and a folder URL would show a file listing instead of its `index.html`.
 */

export interface SiteFileContext {
  /** The file the URL is written in, as a `/`-separated path in the output folder ("reports/x/index.html"). */
  filePath: string;
  /** The base path the site was built with: "/" or "/my-experiments/". */
  base: string;
  /**
   * The output file a site path (percent-encoded, no leading `/`) names. By default a folder
   * ("runs/", or "" for the root) names its `index.html` and anything else names itself; the
   * build passes one that looks at the output, so that `/reports/x` finds `reports/x/index.html`.
   */
  fileFor?: (sitePath: string) => string;
}

/**
 * - `file`: a link to a page or a file; a folder becomes its `index.html`.
 * - `folder`: a prefix that scripts append paths to (the modules' `data-base`); it stays a folder.
 */
export type UrlKind = "file" | "folder";

export const defaultFileFor = (sitePath: string): string => (sitePath === "" || sitePath.endsWith("/") ? `${sitePath}index.html` : sitePath);

/**
 * `url` made relative to `ctx.filePath` when it points into the site: root-absolute under the
 * base (`/runs/p/r/?x=1#h` → `../../runs/p/r/index.html?x=1#h`). Relative folder URLs get their
 * `index.html`. Everything else is returned unchanged: other schemes (`https:`, `mailto:`, `data:`),
 * protocol-relative `//host`, bare fragments and queries, root-absolute URLs outside the base, and
 * paths holding `&` or `\` (a character reference or an oddity that no URL Runfolio writes has).
 */
export function relativeUrl(url: string, ctx: SiteFileContext, kind: UrlKind = "file"): string {
  // HTML strips leading and trailing ASCII whitespace from URL attributes; keep it as written.
  let from = 0;
  let to = url.length;
  while (from < to && isAsciiSpace(url.charCodeAt(from))) from++;
  while (to > from && isAsciiSpace(url.charCodeAt(to - 1))) to--;
  const lead = url.slice(0, from);
  const core = url.slice(from, to);
  const trail = url.slice(to);
  if (core === "" || core.startsWith("#") || core.startsWith("?") || core.startsWith("//")) return url;
  if (/^[a-z][a-z\d+.-]*:/i.test(core)) return url;
  const cut = core.search(/[?#]/);
  const path = cut < 0 ? core : core.slice(0, cut);
  const suffix = cut < 0 ? "" : core.slice(cut);
  if (/[&\\]/.test(path)) return url;

  const rootAbsolute = path.startsWith("/");
  const base = ctx.base.endsWith("/") ? ctx.base : `${ctx.base}/`;
  let joined: string;
  if (rootAbsolute) {
    if (path === base.slice(0, -1)) joined = "";
    else if (path.startsWith(base)) joined = path.slice(base.length);
    else return url;
  } else {
    if (kind === "folder") return url;
    joined = folderOf(ctx.filePath) + path;
  }
  const sitePath = normalizeDotSegments(joined);
  if (sitePath === null) return url;

  let relative: string;
  if (kind === "folder") {
    const folder = sitePath === "" || sitePath.endsWith("/") ? sitePath : `${sitePath}/`;
    relative = relativePath(ctx.filePath, `${folder}index.html`).slice(0, -"index.html".length) || "./";
  } else {
    const target = (ctx.fileFor ?? defaultFileFor)(sitePath);
    if (!rootAbsolute && target === sitePath) return url;
    relative = relativePath(ctx.filePath, target);
  }
  // A first segment with a colon would read as a scheme (`a:b/index.html`).
  if (/^[^/]*:/.test(relative)) relative = `./${relative}`;
  return lead + relative + suffix + trail;
}

/** The path from the folder of `fromFile` to `toFile`, both `/`-separated paths in the output. */
export function relativePath(fromFile: string, toFile: string): string {
  const from = fromFile.split("/").slice(0, -1);
  const to = toFile.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return "../".repeat(from.length - common) + to.slice(common).join("/");
}

const isAsciiSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

const folderOf = (filePath: string): string => filePath.slice(0, filePath.lastIndexOf("/") + 1);

/** `a/./b/../c/` → `a/c/`; null when `..` climbs above the site's root. */
function normalizeDotSegments(path: string): string | null {
  const out: string[] = [];
  const segments = path.split("/");
  for (const [i, s] of segments.entries()) {
    const last = i === segments.length - 1;
    if (s === "." || s === "..") {
      if (s === ".." && out.pop() === undefined) return null;
      // A trailing `.` or `..` names a folder.
      if (last) out.push("");
    } else {
      out.push(s);
    }
  }
  return out.join("/");
}
