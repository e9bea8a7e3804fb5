/**
 * The integration's side of Astro's incremental build (pageCacheKeys.ts keys the pages): the page
 * ledger of the build cache (core/cache/pageLedger.ts) and the trust in Astro's manifest of the
 * last build, `incremental-build.json` in Astro's cache folder. Astro writes that manifest when the
 * pages are written, before Runfolio checks what rendering found: a build that then fails (or is
 * killed) leaves a manifest that would let the next build skip the pages that failed it. So a
 * manifest counts only when the ledger a successful build saved names its digest; any other is
 * deleted before pages render, and every page is rendered again.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { DiskCache } from "../core/cache/diskCache.ts";
import { digestOf, PageLedger, restoreLedger, saveLedger, type LedgerState } from "../core/cache/pageLedger.ts";
import { currentPage, pageScope } from "./pageScope.ts";

const MANIFEST = "incremental-build.json";

/** A ledger for this build, told by `cache` of every entry a page uses. */
export function pageLedgerOf(cache: DiskCache): PageLedger {
  const ledger = new PageLedger();
  pageScope().ledger = ledger;
  cache.setUseListener((file) => {
    const page = currentPage();
    if (page !== undefined) ledger.noteUse(page, file);
  });
  return ledger;
}

/** The ledger the last successful build saved (null: none, or damaged). */
export function acceptedManifest(cache: DiskCache): Promise<LedgerState | null> {
  return restoreLedger(cache);
}

async function readManifest(astroCacheDir: string): Promise<Buffer | null> {
  try {
    return await readFile(path.join(astroCacheDir, MANIFEST));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** Deletes Astro's manifest unless `accepted` names it; true when one was deleted. */
export async function distrustUnacceptedManifest(astroCacheDir: string, accepted: LedgerState | null): Promise<boolean> {
  const bytes = await readManifest(astroCacheDir);
  if (!bytes || (accepted?.manifest && digestOf(bytes) === accepted.manifest)) return false;
  await forgetManifest(astroCacheDir);
  return true;
}

export async function forgetManifest(astroCacheDir: string): Promise<void> {
  await rm(path.join(astroCacheDir, MANIFEST), { force: true });
}

/** Every page path in Astro's manifest (`routes[component].paths[path]`); none when it has another shape. */
export function manifestPages(json: unknown): string[] {
  const routes = (json as { routes?: unknown } | null)?.routes;
  if (typeof routes !== "object" || routes === null) return [];
  const pages: string[] = [];
  for (const route of Object.values(routes as Record<string, unknown>)) {
    const paths = (route as { paths?: unknown } | null)?.paths;
    if (typeof paths === "object" && paths !== null) pages.push(...Object.keys(paths));
  }
  return pages;
}

/**
 * After a successful build: keeps the entries of the pages Astro skipped through `prune`, and
 * saves the ledger with the digest of the manifest Astro wrote.
 */
export async function savePageLedger(cache: DiskCache, ledger: PageLedger, previous: LedgerState | null, astroCacheDir: string): Promise<void> {
  const bytes = await readManifest(astroCacheDir);
  let pages: string[] = [];
  if (bytes) {
    try {
      pages = manifestPages(JSON.parse(bytes.toString("utf8")));
    } catch {
      // Not JSON: no page is carried, and Astro ignores such a manifest too.
    }
  }
  const next = ledger.next(previous?.pages ?? new Map(), pages);
  cache.keepFiles(next.kept);
  await saveLedger(cache, { manifest: bytes ? digestOf(bytes) : null, pages: next.pages });
}
