import { buildCache } from "./buildCache.ts";

/**
 * `compute()` through the build cache, as UTF-8 bytes: a text result keyed by `kind` and `inputs`
 * (the digests and records it is computed from) and the code version. Bytes, not a string: a
 * route sends them as they are. Decoded and encoded again, a 10,000-run build's run JSONs were
 * ~350 MB of strings that lived across a scavenge and were promoted, and so grew the old
 * generation toward a full collection (docs/performance.md). Without a build cache (tests, the
 * dev server) it is computed every time.
 */
export async function cachedText(kind: string, inputs: readonly string[], compute: () => Promise<string>): Promise<Uint8Array<ArrayBuffer>> {
  const disk = buildCache();
  if (!disk) return Buffer.from(await compute(), "utf8");
  const key = disk.keyOf(kind, inputs);
  const stored = await disk.get(kind, key);
  if (stored) return stored;
  const bytes = Buffer.from(await compute(), "utf8");
  await disk.set(kind, key, bytes);
  return bytes;
}
