import type { LineChartSource } from "../blocks/blockTypes.ts";

/** `data/charts/<report>/<chart>.csv`: every logged point a report's line chart draws from. */
export const chartDataPath = (slug: string, chartId: string): string => `data/charts/${encodeURIComponent(slug)}/${encodeURIComponent(chartId)}.csv`;

/** Charts of a report that draw the same runs and metrics (say, linear and log y) share one file. */
const sameChartData = (source: LineChartSource): string => JSON.stringify([source.runIds, source.metrics]);

/**
 * For one report: the chart whose id names each line chart's CSV, the first chart with the same
 * data naming the file. Ask in the order the charts appear.
 */
export function chartDataFileOf(): (source: LineChartSource) => string {
  const first = new Map<string, string>();
  return (source) => {
    const key = sameChartData(source);
    if (!first.has(key)) first.set(key, source.id);
    return first.get(key)!;
  };
}

/** The line charts of a rendered report whose CSV is published: one per distinct runs and metrics. */
export function publishedChartData(lineCharts: readonly LineChartSource[]): LineChartSource[] {
  const seen = new Set<string>();
  return lineCharts.filter((c) => (seen.has(sameChartData(c)) ? false : (seen.add(sameChartData(c)), true)));
}
