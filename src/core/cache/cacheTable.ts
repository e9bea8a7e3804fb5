/**
 * A table one complete build leaves in the build cache for the next (file stamps, verified
 * entries, the page ledger): one entry per table, keyed by its kind and the code version. A
 * table that did not change is kept as it is, not written again; one that passes its checksum but
 * does not parse is ignored with the table's own warning.
 */
import type { Message } from "../diagnostics.ts";
import type { DiskCache } from "./diskCache.ts";

export interface CacheTable<T> {
  kind: string;
  /** The table in an entry's payload, or null when it does not hold one. */
  parse: (text: string) => T | null;
  /** The warning for a payload that does not parse. */
  invalid: () => Message;
}

/** An entry's path inside the cache folder, as tables name entries: `kind/ab/abcd….bin`, nothing that leads out of it. */
export function isEntryPath(value: unknown): value is string {
  return typeof value === "string" && /^[a-z0-9-]+\/[0-9a-f]{2}\/[0-9a-f]{64}\.bin$/.test(value);
}

/** A table's text parsed as JSON; undefined when it is not JSON (each table's `parse` then refuses it). */
export function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The payload each cache's tables were restored from, by kind. */
const restored = new WeakMap<DiskCache, Map<string, string>>();

function keyOf(cache: DiskCache, kind: string): string {
  return cache.keyOf(kind, ["v1"]);
}

/** The table the last complete build saved; null when none, or unusable (warned). */
export async function restoreTable<T>(cache: DiskCache, table: CacheTable<T>): Promise<T | null> {
  const key = keyOf(cache, table.kind);
  const payload = await cache.get(table.kind, key);
  if (!payload) return null;
  const text = payload.toString("utf8");
  const value = table.parse(text);
  if (value === null) {
    cache.warnAbout(table.kind, key, table.invalid());
    return null;
  }
  let byKind = restored.get(cache);
  if (!byKind) restored.set(cache, (byKind = new Map()));
  byKind.set(table.kind, text);
  return value;
}

/** Saves a table's text for the next build (after a complete build, before pruning). */
export async function saveTable(cache: DiskCache, kind: string, text: string): Promise<void> {
  if (restored.get(cache)?.get(kind) === text) cache.keep(kind, keyOf(cache, kind));
  else await cache.set(kind, keyOf(cache, kind), Buffer.from(text, "utf8"));
}
