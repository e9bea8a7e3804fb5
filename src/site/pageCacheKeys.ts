/**
 * The `cacheKey` of each page a route's `getStaticPaths` returns: Astro's incremental build
 * (which the integration turns on with `RUNFOLIO_INCREMENTAL=1`) copies a page from the last build
 * instead of rendering it when its key and the code it is built from (Astro hashes the page's
 * module graph, Runfolio's options among them) are unchanged. A key must change whenever anything
 * the page shows could:
 * - a run's JSON and its preview card are keyed by exactly what they are made from (the same inputs
 *   their build-cache entries are keyed by), so appending to one run renders only its own;
 * - a run page by what it shows (runPageKey.ts);
 * - every other page by every file under runs/ and reports/ (`dataFilesDigest`), since it may show
 *   any run.
 * Without `RUNFOLIO_INCREMENTAL=1` (the default, the dev server) there are no keys: Astro then
 * never skips, and nothing is hashed for them.
 */
import { createHash } from "node:crypto";
import settings from "virtual:runfolio/options";
import { dataFilesDigest } from "../core/files/dataFilesDigest.ts";

/** Bump to render every keyed page again once (a change of what keys mean). */
const KEYS_VERSION = "1";

/** The folders whose files every page may show. */
const DATA_FOLDERS = ["runs", "reports"];

let dataDigest: Promise<string> | undefined;

/** A key from its parts (each length-prefixed, so no two lists of parts give one key). */
function keyOf(kind: string, parts: readonly string[]): string {
  const hash = createHash("sha256").update(`runfolio-page-v${KEYS_VERSION}\0${kind}`);
  for (const part of parts) hash.update(`\0${part.length}:`).update(part);
  return hash.digest("hex");
}

/**
 * A page made from `parts()` alone; undefined when pages are not skipped (see above), and then
 * `parts` is not called (the dev server asks for a route's paths again and again).
 */
export async function ownInputsKey(kind: string, parts: () => readonly string[] | Promise<readonly string[]>): Promise<string | undefined> {
  return settings.incrementalPages ? keyOf(kind, await parts()) : undefined;
}

/** A page that may show anything under runs/ and reports/: `route` and `params` name it. */
export async function dataRootKey(route: string, params: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  if (!settings.incrementalPages) return undefined;
  dataDigest ??= dataFilesDigest(settings.dataRoot, DATA_FOLDERS);
  return keyOf("data-root", [route, JSON.stringify(Object.entries(params)), await dataDigest]);
}

/** `paths` (a route's `getStaticPaths` result) each keyed by the data root (`dataRootKey`). */
export async function keyedByDataRoot<P extends { params: Readonly<Record<string, string | undefined>> }>(route: string, paths: readonly P[]): Promise<(P & { cacheKey?: string })[]> {
  const out: (P & { cacheKey?: string })[] = [];
  for (const p of paths) {
    const cacheKey = await dataRootKey(route, p.params);
    out.push(cacheKey === undefined ? p : { ...p, cacheKey });
  }
  return out;
}
