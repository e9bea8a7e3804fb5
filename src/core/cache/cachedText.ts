import { buildCache } from "./buildCache.ts";

/**
 * `compute()` through the build cache: a text result keyed by `kind` and `inputs` (the digests
 * and records it is computed from) and the code version. Without a build cache (tests, the dev
 * server) it is computed every time.
 */
export async function cachedText(kind: string, inputs: readonly string[], compute: () => Promise<string>): Promise<string> {
  const disk = buildCache();
  if (!disk) return compute();
  const key = disk.keyOf(kind, inputs);
  const stored = await disk.get(kind, key);
  if (stored) return stored.toString("utf8");
  const text = await compute();
  await disk.set(kind, key, Buffer.from(text, "utf8"));
  return text;
}
