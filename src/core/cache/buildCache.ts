/**
 * Where the build cache lives, which code version keys it, and the one `DiskCache` of this
 * process (set by the integration, read by run loading and the pages: on globalThis, so that
 * the copies of this module Vite makes for the content layer and the pages share it).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { DiskCache } from "./diskCache.ts";

/**
 * `node_modules/.cache/runfolio/` under the app's root, or `runfolio/` inside RUNFOLIO_CACHE_DIR
 * when set (that variable moves Astro's own cache folder too).
 */
export function buildCacheDir(env: Record<string, string | undefined>, appRoot: string): string {
  const dir = env.RUNFOLIO_CACHE_DIR;
  return dir ? path.join(path.resolve(appRoot, dir), "runfolio") : path.join(appRoot, "node_modules", ".cache", "runfolio");
}

const CODE_FILE = /\.(ts|mts|js|mjs|astro|css|json)$/;

/**
 * SHA-256 over the app's source files (`src/`) and its lock file: any change to Runfolio or to
 * a dependency's version makes every entry a miss, so results of other code are never reused.
 */
export function codeVersionOf(appRoot: string): string {
  const hash = createHash("sha256");
  const src = path.join(appRoot, "src");
  const files = existsSync(src)
    ? readdirSync(src, { recursive: true, encoding: "utf8" })
        .filter((f) => CODE_FILE.test(f) && !/\.test\.ts$/.test(f))
        .map((f) => f.split(path.sep).join("/"))
        .sort()
    : [];
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(path.join(src, f))).update("\0");
  for (const f of ["package-lock.json", "package.json"]) {
    const file = path.join(appRoot, f);
    if (existsSync(file)) hash.update(`${f}\0`).update(readFileSync(file));
  }
  return hash.digest("hex");
}

const KEY = Symbol.for("runfolio.buildCache");

/** Sets (or, with null, removes) this process's build cache. */
export function setBuildCache(cache: DiskCache | null): void {
  (globalThis as unknown as Record<symbol, DiskCache | null>)[KEY] = cache;
}

/** This process's build cache, or null when there is none (tests, `runfolio check`). */
export function buildCache(): DiskCache | null {
  return (globalThis as unknown as Record<symbol, DiskCache | null | undefined>)[KEY] ?? null;
}
