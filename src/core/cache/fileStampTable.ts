/**
 * The file stamps of `fileDigests.ts` kept from one build to the next in the build cache, so a
 * rebuild on the same machine hashes only the files that changed since (a fresh checkout, as in
 * CI, gives every file a new identity: there each file is read and hashed once per build).
 * One entry, rewritten by every complete build with the stamps of the files that build saw.
 */
import { adoptFileStamps, fileStamps } from "../files/fileDigests.ts";
import { cacheMessages } from "./cacheMessages.ts";
import { parsedJson, restoreTable, saveTable, type CacheTable } from "./cacheTable.ts";
import type { DiskCache } from "./diskCache.ts";

const HEX64 = /^[0-9a-f]{64}$/;

const table: CacheTable<[string, string, string][]> = { kind: "file-stamps", parse: parseFileStamps, invalid: cacheMessages.badFileStamps };

/** The stamps in an entry's payload, or null when it is not a list of [path, identity, digest]. */
export function parseFileStamps(payload: string): [string, string, string][] | null {
  const value = parsedJson(payload);
  if (!Array.isArray(value)) return null;
  const ok = value.every((row: unknown) => Array.isArray(row) && row.length === 3 && row.every((cell) => typeof cell === "string") && HEX64.test(row[2] as string));
  return ok ? (value as [string, string, string][]) : null;
}

/**
 * Adopts the stamps the last build saved. A damaged entry is ignored with the cache's warning;
 * one that passes its checksum but does not hold stamps is ignored with CACHE006.
 */
export async function restoreFileStamps(cache: DiskCache): Promise<number> {
  const stamps = await restoreTable(cache, table);
  if (!stamps) return 0;
  adoptFileStamps(stamps);
  return stamps.length;
}

/** Saves this process's stamps for the next build (after a complete build, before pruning). */
export async function saveFileStamps(cache: DiskCache): Promise<void> {
  await saveTable(cache, table.kind, JSON.stringify(fileStamps()));
}
