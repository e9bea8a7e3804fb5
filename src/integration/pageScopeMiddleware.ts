/**
 * Renders each page of a build in its own scope (pageScope.ts), named as Astro's incremental
 * manifest names it: the request's path without the site's base.
 */
import { pageScope } from "./pageScope.ts";

interface Context {
  url: URL;
}

export function onRequest(context: Context, next: () => Promise<Response>): Promise<Response> {
  const scope = pageScope();
  if (!scope.ledger) return next();
  const page = pageNameOf(context.url.pathname, import.meta.env.BASE_URL);
  scope.ledger.enter(page);
  return scope.pages.run(page, next);
}

/** `/base/runs/a%20b/` → `/runs/a b`: the path without the base, decoded, without a trailing slash. */
export function pageNameOf(pathname: string, base: string): string {
  const prefix = base.replace(/\/+$/, "");
  const inside = prefix && (pathname === prefix || pathname.startsWith(`${prefix}/`)) ? pathname.slice(prefix.length) : pathname;
  const trimmed = inside.replace(/\/+$/, "");
  let decoded = trimmed;
  try {
    decoded = decodeURI(trimmed);
  } catch {
    // Not percent-encoded as URLs are: the path as it is.
  }
  return decoded === "" ? "/" : decoded;
}
