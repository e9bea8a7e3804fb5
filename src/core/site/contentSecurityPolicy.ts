/**
 * The Content-Security-Policy every built page carries in a `<meta http-equiv>`, first in its
 * `<head>`. Scripts and styles come only from the site's own files (Astro writes them as
 * separate files: no inline script or `style` attribute anywhere), so injected markup can run
 * nothing. `data:` images are the PNG export, which draws the chart's SVG through an `<img>`.
 * `frame-ancestors` has no effect in a meta tag: hosts that want it send it as a header
 * (docs/security.md).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");
