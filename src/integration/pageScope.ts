/**
 * Which page is rendering, for the page ledger (core/cache/pageLedger.ts): the middleware
 * (pageScopeMiddleware.ts) runs each page in an AsyncLocalStorage scope, and the build cache's
 * use listener attributes every entry used to the page of the current scope. Shared through
 * globalThis: the middleware runs in Astro's bundle of the pages, a copy of every module apart
 * from the integration's (see renderDiagnostics.ts). Builds only; the dev server has no ledger.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { PageLedger } from "../core/cache/pageLedger.ts";

interface PageScope {
  pages: AsyncLocalStorage<string>;
  ledger: PageLedger | null;
}

const KEY = Symbol.for("runfolio.pageScope");

export function pageScope(): PageScope {
  const g = globalThis as unknown as Record<symbol, PageScope | undefined>;
  return (g[KEY] ??= { pages: new AsyncLocalStorage<string>(), ledger: null });
}

/** The page of the current scope, or undefined (work outside any page: loaders, `getStaticPaths`). */
export function currentPage(): string | undefined {
  return pageScope().pages.getStore();
}
