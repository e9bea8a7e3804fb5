/**
 * The CRC-32 of every cache entry a build verified, kept for the next build: an entry whose bytes
 * still have the CRC-32 its SHA-256 was checked against is not hashed again. A rebuild of 10,000
 * unchanged runs reads ~30,000 entries; their SHA-256 cost ~0.6 s of it (docs/performance.md).
 * A CRC-32 still catches any damage a disk or a copy does to an entry; the SHA-256 is computed
 * whenever the bytes differ from what was verified.
 */
import { cacheMessages } from "./cacheMessages.ts";
import { isEntryPath, parsedJson, restoreTable, saveTable, type CacheTable } from "./cacheTable.ts";
import type { DiskCache } from "./diskCache.ts";

/** The rows of an entry's payload, or null when it is not a list of [entry path, CRC-32]. */
export function parseVerifiedEntries(text: string): [string, number][] | null {
  const value = parsedJson(text);
  if (!Array.isArray(value)) return null;
  const ok = value.every(
    (row: unknown) => Array.isArray(row) && row.length === 2 && isEntryPath(row[0]) && Number.isInteger(row[1]) && (row[1] as number) >= 0 && (row[1] as number) <= 0xffffffff,
  );
  return ok ? (value as [string, number][]) : null;
}

const table: CacheTable<[string, number][]> = { kind: "verified-entries", parse: parseVerifiedEntries, invalid: cacheMessages.badVerifiedEntries };

/** Adopts the table the last complete build saved (a bad one is ignored: CACHE010). Returns its rows. */
export async function restoreVerifiedEntries(cache: DiskCache): Promise<number> {
  const rows = await restoreTable(cache, table);
  if (!rows) return 0;
  cache.adoptVerifiedEntries(rows);
  return rows.length;
}

/** Saves the entries this build verified or wrote (after a complete build, before pruning). */
export async function saveVerifiedEntries(cache: DiskCache): Promise<void> {
  // Not the table's own entry: it is read before the table is known, and its every change would change the table.
  const rows = cache.verifiedEntries().filter(([file]) => !file.startsWith(`${table.kind}/`));
  await saveTable(cache, table.kind, JSON.stringify(rows));
}
