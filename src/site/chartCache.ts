import settings from "virtual:runfolio/options";
import type { ChartMemo } from "../core/blocks/blockTypes.ts";
import { buildCache } from "../core/cache/buildCache.ts";
import { chartMemo } from "../core/cache/chartMemo.ts";
import { historyDigest } from "../core/runs/loadRuns.ts";

/** Charts through the build cache when the build has one (see docs/performance.md). */
export function siteChartMemo(): ChartMemo | undefined {
  const cache = buildCache();
  return cache ? chartMemo(cache, (run) => historyDigest(settings.dataRoot, run)) : undefined;
}
