/**
 * What a line chart cannot draw (runs without wall time on a time axis, metrics with no point),
 * from each run's history in turn: `runfolio check` and the build's check ask this of every chart,
 * and a chart over every run must not hold every history (it is what `lineChartSeries` finds).
 * From the runs' history facts when they tell (x is step or time): then no column is read.
 */
import type { Run } from "../../run.ts";
import { seriesFromHistory } from "../../series/seriesFromHistory.ts";
import { seriesFactsOf } from "../../series/historyFacts.ts";
import { chartColumns, factsOfRuns, type ChartProblem, type LineSeriesSource } from "./groupedLineSeries.ts";
import { readInOrder } from "./readInOrder.ts";

export async function lineChartProblems(req: LineSeriesSource): Promise<ChartProblem[]> {
  const wantedOf = (run: Run) => req.metrics.filter((m) => run.metrics.includes(m));
  const toRead = [...req.runs.keys()].filter((k) => wantedOf(req.runs[k]!).length > 0);
  const withoutTime: string[] = [];
  const drawn = new Set<string>();
  const problems = () => {
    const list: ChartProblem[] = [];
    if (withoutTime.length) list.push({ kind: "noTime", runs: withoutTime });
    for (const metric of req.metrics) if (!drawn.has(metric)) list.push({ kind: "noPoints", metric });
    return list;
  };
  if (await problemsFromFacts(req, toRead, (run) => withoutTime.push(run.name), (metric) => drawn.add(metric))) return problems();
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
  return problems();
}

/**
 * Finds the problems from the runs' facts; false (nothing reported) when x is a metric, or a run's
 * facts are not known or do not know one of its columns.
 */
async function problemsFromFacts(req: LineSeriesSource, toRead: readonly number[], noTime: (run: Run) => void, drawn: (metric: string) => void): Promise<boolean> {
  if (req.x.kind === "metric") return false;
  const facts = await factsOfRuns(req, toRead);
  if (!facts) return false;
  const needsTime = req.x.kind === "time" || req.x.kind === "relative";
  const found: { noTime: Run[]; drawn: string[] } = { noTime: [], drawn: [] };
  for (const [i, k] of toRead.entries()) {
    const run = req.runs[k]!;
    if (needsTime && !facts[i]!.time) {
      found.noTime.push(run);
      continue;
    }
    for (const metric of req.metrics) {
      if (!run.metrics.includes(metric)) continue;
      const series = seriesFactsOf(facts[i]!, metric, req.x);
      if (!series) return false;
      if (series.points > 0) found.drawn.push(metric);
    }
  }
  found.noTime.forEach(noTime);
  found.drawn.forEach(drawn);
  return true;
}
