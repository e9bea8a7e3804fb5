import type { ChartMemo } from "../blocks/blockTypes.ts";
import type { Run } from "../run.ts";
import type { DiskCache } from "./diskCache.ts";

/**
 * Charts drawn through the build cache: an entry is keyed by the chart's inputs (every field of
 * its request, the runs' records included) and the digests of the runs' history files, and holds
 * the drawing's result (static SVG, shipped points, legend, problems) as JSON.
 *
 * A memo serves one report's render (or one check): each run's digest is asked for once in it, not
 * once per chart and once more per chart's check (a report of five charts over 1,000 runs made
 * 10,000 `stat` calls on every build).
 */
export function chartMemo(cache: DiskCache, historyDigest: (run: Run) => Promise<string>): ChartMemo {
  const digestOf = new Map<string, Promise<string>>();
  const digestOnce = (run: Run): Promise<string> => {
    let digest = digestOf.get(run.id);
    if (!digest) {
      digest = historyDigest(run);
      digestOf.set(run.id, digest);
    }
    return digest;
  };
  return async <T>(kind: string, inputs: unknown, runs: readonly Run[], draw: () => Promise<T>): Promise<T> => {
    const digests = await Promise.all(runs.map(digestOnce));
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
