import settings from "virtual:runfolio/options";
import type { ChartMemo } from "../core/blocks/blockTypes.ts";
import { buildCache } from "../core/cache/buildCache.ts";
import { chartMemo } from "../core/cache/chartMemo.ts";
import type { Run } from "../core/run.ts";
import { historyDigest } from "../core/runs/loadRuns.ts";

/**
 * Charts through the build cache when the build has one (see docs/performance.md). `digestOf`: the
 * render's runs' history digests, when its reads share them (`digestsOnce`).
 */
export function siteChartMemo(digestOf: (run: Run) => Promise<string> = (run) => historyDigest(settings.dataRoot, run)): ChartMemo | undefined {
  const cache = buildCache();
  return cache ? chartMemo(cache, digestOf) : undefined;
}
