/**
 * Where a run's page and files live on the built site, as paths relative to the site root: no
 * leading slash and no base path — each caller puts its base in front (`href()` at build, the
 * `data-base` attribute in the browser, the site address in an export). Pure, so the build, the
 * browser modules and the CLI all link to a run the same way.
 *
 * A run id is a path from the file system (`project/sub/run`), so each segment is percent-encoded
 * on its own: `/` stays a separator and any file name (spaces, `#`, `?`, `%`, unicode) makes a
 * working link.
 */
export function encodePathSegments(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** `runs/<id>/`: the run's page. */
export function runPath(id: string): string {
  return `runs/${encodePathSegments(id)}/`;
}

/** `data/runs/<id>.json`: the run's published JSON (metadata, config, summary, downsampled histories). */
export function runDataPath(id: string): string {
  return `data/runs/${encodePathSegments(id)}.json`;
}

/** `og/runs/<id>.png`: the run page's link-preview image. */
export function runPreviewImagePath(id: string): string {
  return `og/runs/${encodePathSegments(id)}.png`;
}

/** `data/files/<file>`: a run's source file (repository-relative), copied as-is. */
export function sourceFilePath(file: string): string {
  return `data/files/${encodePathSegments(file)}`;
}

/**
 * The files the build writes for a run, as the host stores them (not percent-encoded): its page,
 * its JSON and its preview image. Keep in step with the paths above.
 */
export function runOutputFiles(id: string): string[] {
  return [`runs/${id}/index.html`, `data/runs/${id}.json`, `og/runs/${id}.png`];
}

/**
 * The preview image of a run page given the page's own path (`runs/<id>/`, site-relative), or
 * null for any other page. The id part is carried over as the page has it: both paths encode the
 * id the same way, so it needs no decoding (which a `%` in a decoded path would break).
 */
export function runPreviewImagePathOfPage(pagePath: string): string | null {
  const m = /^runs\/(.+)\/$/.exec(pagePath);
  return m ? `og/runs/${m[1]}.png` : null;
}
