/**
 * What a line chart cannot draw (runs without wall time on a time axis, metrics with no point),
 * from each run's history in turn: `runfolio check` and the build's check ask this of every chart,
 * and a chart over every run must not hold every history (it is what `lineChartSeries` finds).
 */
import type { Run } from "../../run.ts";
import { seriesFromHistory } from "../../series/seriesFromHistory.ts";
import { chartColumns, type ChartProblem, type LineSeriesSource } from "./groupedLineSeries.ts";
import { readInOrder } from "./readInOrder.ts";

export async function lineChartProblems(req: LineSeriesSource): Promise<ChartProblem[]> {
  const wantedOf = (run: Run) => req.metrics.filter((m) => run.metrics.includes(m));
  const toRead = [...req.runs.keys()].filter((k) => wantedOf(req.runs[k]!).length > 0);
  const withoutTime: string[] = [];
  const drawn = new Set<string>();
  for await (const { k, history } of readInOrder(req, toRead, chartColumns(req))) {
    const run = req.runs[k]!;
    if ((req.x.kind === "time" || req.x.kind === "relative") && !history.time) {
      withoutTime.push(run.name);
      continue;
    }
    for (const metric of wantedOf(run)) {
      if (drawn.has(metric)) continue;
      const points = seriesFromHistory(history, req.x, metric);
      if (points && points.x.length > 0) drawn.add(metric);
    }
  }
  const problems: ChartProblem[] = [];
  if (withoutTime.length) problems.push({ kind: "noTime", runs: withoutTime });
  for (const metric of req.metrics) if (!drawn.has(metric)) problems.push({ kind: "noPoints", metric });
  return problems;
}
