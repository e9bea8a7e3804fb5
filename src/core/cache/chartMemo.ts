import type { ChartMemo } from "../blocks/blockTypes.ts";
import type { Run } from "../run.ts";
import type { DiskCache } from "./diskCache.ts";

/**
 * Charts drawn through the build cache: an entry is keyed by the chart's inputs (every field of
 * its request, the runs' records included) and the digests of the runs' history files, and holds
 * the drawing's result (static SVG, shipped points, legend, problems) as JSON.
 */
export function chartMemo(cache: DiskCache, historyDigest: (run: Run) => Promise<string>): ChartMemo {
  return async <T>(kind: string, inputs: unknown, runs: readonly Run[], draw: () => Promise<T>): Promise<T> => {
    const digests = await Promise.all(runs.map(historyDigest));
    const key = cache.keyOf("chart", [kind, JSON.stringify(inputs), digests.join(",")]);
    const stored = await cache.get("chart", key);
    if (stored) {
      try {
        return JSON.parse(stored.toString("utf8")) as T;
      } catch {
        // A checksummed entry that is not JSON was written by other code: draw again.
      }
    }
    const result = await draw();
    await cache.set("chart", key, Buffer.from(JSON.stringify(result), "utf8"));
    return result;
  };
}
