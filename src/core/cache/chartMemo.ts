import type { ChartMemo, ChartParts } from "../blocks/blockTypes.ts";
import type { Run } from "../run.ts";
import type { DiskCache } from "./diskCache.ts";

/** What a chart memo keeps charts and their parts in: the build cache, or the dev server's `MemoryChartStore`. */
export type ChartStore = Pick<DiskCache, "keyOf" | "get" | "set" | "keep" | "getSections" | "setSections">;

/**
 * Charts drawn through the build cache (in the dev server, `MemoryChartStore`): an entry is keyed by the chart's inputs (every field of
 * its request, the runs' records included) and the digests of the runs' history files, and holds
 * the drawing's result (static SVG, shipped points, legend, problems) as JSON.
 *
 * A memo serves one report's render (or one check): each run's digest is asked for once in it, not
 * once per chart and once more per chart's check (a report of five charts over 1,000 runs made
 * 10,000 `stat` calls on every build).
 *
 * A drawing may keep parts of itself in entries of their own (`ChartParts`: a grouped chart's line
 * per group, keyed by that group's runs alone). The chart's entry lists the parts it was made of,
 * and a hit keeps them through `DiskCache.prune`: the next time one run changes, the chart is drawn
 * again from the parts that did not change.
 */
export function chartMemo(cache: ChartStore, historyDigest: (run: Run) => Promise<string>): ChartMemo {
  const digestOnce = digestsOnce(historyDigest);
  const partKey = async (inputs: string, runs: readonly Run[]) => cache.keyOf(PART, [inputs, (await Promise.all(runs.map(digestOnce))).join(",")]);
  return async <T>(kind: string, inputs: unknown, runs: readonly Run[], draw: (parts: ChartParts) => Promise<T>): Promise<T> => {
    const digests = await Promise.all(runs.map(digestOnce));
    const key = cache.keyOf("chart", [kind, JSON.stringify(inputs), digests.join(",")]);
    const stored = await cache.get("chart", key);
    if (stored) {
      const entry = storedChart<T>(stored);
      if (entry) {
        for (const part of entry.parts) cache.keep(PART, part);
        return entry.result;
      }
    }
    const used = new Set<string>();
    const parts: ChartParts = {
      async get(partInputs, partRuns) {
        const k = await partKey(partInputs, partRuns);
        const read = await cache.getSections(PART, k, () => "all");
        if (!read) return null;
        used.add(k);
        return { meta: read.meta, sections: [...read.sections.keys()].sort((a, b) => a - b).map((i) => read.sections.get(i)!) };
      },
      async set(partInputs, partRuns, meta, sections) {
        const k = await partKey(partInputs, partRuns);
        used.add(k);
        await cache.setSections(PART, k, meta, sections);
      },
    };
    const result = await draw(parts);
    await cache.set("chart", key, Buffer.from(JSON.stringify({ result, parts: [...used] }), "utf8"));
    return result;
  };
}

const PART = "chart-part";

/**
 * `historyDigest` asked once per run: one render's view of the runs' history files, which its
 * chart memo, history facts and history reads can share (one `stat` a run, not one per read).
 */
export function digestsOnce(historyDigest: (run: Run) => Promise<string>): (run: Run) => Promise<string> {
  const digestOf = new Map<string, Promise<string>>();
  return (run) => {
    let digest = digestOf.get(run.id);
    if (!digest) {
      digest = historyDigest(run);
      digestOf.set(run.id, digest);
    }
    return digest;
  };
}

/** A chart entry's result and the parts it was drawn from; null for an entry other code wrote. */
function storedChart<T>(stored: Buffer): { result: T; parts: string[] } | null {
  try {
    const entry = JSON.parse(stored.toString("utf8")) as { result?: T; parts?: unknown };
    if (!("result" in entry) || !Array.isArray(entry.parts) || !entry.parts.every((p) => typeof p === "string")) return null;
    return { result: entry.result as T, parts: entry.parts as string[] };
  } catch {
    // A checksummed entry that is not JSON was written by other code: draw again.
    return null;
  }
}
