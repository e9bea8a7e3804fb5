import { buildCache } from "./buildCache.ts";
import { cacheMessages } from "./cacheMessages.ts";
import { decodeJsonWithTexts, encodeJsonWithTexts } from "./jsonWithTexts.ts";

/**
 * `compute()` through the build cache, for a result that is plain JSON data: keyed by `kind`,
 * `inputs` (the digests and records it is computed from) and the code version, stored with its
 * long strings out of line (jsonWithTexts.ts). An entry that
 * passes its checksum but does not hold what `valid` accepts is ignored with CACHE007 and computed
 * again. Without a build cache (tests, the dev server) it is computed every time.
 */
export async function cachedJson<T>(kind: string, inputs: readonly string[], valid: (value: unknown) => value is T, compute: () => Promise<T>): Promise<T> {
  const disk = buildCache();
  if (!disk) return compute();
  const key = disk.keyOf(kind, inputs);
  const stored = await disk.get(kind, key);
  if (stored) {
    const value = decodeJsonWithTexts(stored);
    if (valid(value)) return value;
    disk.warnAbout(kind, key, cacheMessages.invalidResult(kind));
  }
  const result = await compute();
  await disk.set(kind, key, encodeJsonWithTexts(result));
  return result;
}
