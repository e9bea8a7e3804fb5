/**
 * The file stamps of `fileDigests.ts` kept from one build to the next in the build cache, so a
 * rebuild on the same machine hashes only the files that changed since (a fresh checkout, as in
 * CI, gives every file a new identity: there each file is read and hashed once per build).
 * One entry, rewritten by every complete build with the stamps of the files that build saw.
 */
import { adoptFileStamps, fileStamps } from "../files/fileDigests.ts";
import { cacheMessages } from "./cacheMessages.ts";
import type { DiskCache } from "./diskCache.ts";

const KIND = "file-stamps";
const HEX64 = /^[0-9a-f]{64}$/;

/** The payload each cache's table was restored from: an unchanged table is kept, not written again. */
const restored = new WeakMap<DiskCache, string>();

function keyOf(cache: DiskCache): string {
  return cache.keyOf(KIND, ["v1"]);
}

/** The stamps in an entry's payload, or null when it is not a list of [path, identity, digest]. */
export function parseFileStamps(payload: string): [string, string, string][] | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const ok = value.every((row: unknown) => Array.isArray(row) && row.length === 3 && row.every((cell) => typeof cell === "string") && HEX64.test(row[2] as string));
  return ok ? (value as [string, string, string][]) : null;
}

/**
 * Adopts the stamps the last build saved. A damaged entry is ignored with the cache's warning;
 * one that passes its checksum but does not hold stamps is ignored with CACHE006.
 */
export async function restoreFileStamps(cache: DiskCache): Promise<number> {
  const key = keyOf(cache);
  const payload = await cache.get(KIND, key);
  if (!payload) return 0;
  const text = payload.toString("utf8");
  const stamps = parseFileStamps(text);
  if (!stamps) {
    cache.warnAbout(KIND, key, cacheMessages.badFileStamps());
    return 0;
  }
  adoptFileStamps(stamps);
  restored.set(cache, text);
  return stamps.length;
}

/** Saves this process's stamps for the next build (after a complete build, before pruning). */
export async function saveFileStamps(cache: DiskCache): Promise<void> {
  const text = JSON.stringify(fileStamps());
  if (restored.get(cache) === text) cache.keep(KIND, keyOf(cache));
  else await cache.set(KIND, keyOf(cache), Buffer.from(text, "utf8"));
}
