import { displayNames } from "../chart/chartCommon.ts";
import { extent } from "../chart/line/geometry.ts";
import type { LineChartData } from "../chart/lineChartData.ts";
import type { MetricSeries } from "../explore/runData.ts";
import type { Run } from "../run.ts";

/**
 * The compare page's chart of one metric as line chart data (the page draws it with the same
 * interactive line chart as every other page): one series per run that logged the metric, in
 * the runs' order, each in the run's colour; runs of the chart sharing a name are shown by id. Null when no
 * series has a finite point.
 */
export function compareChartData(
  id: string,
  metric: string,
  runs: readonly Run[],
  histories: readonly Record<string, Pick<MetricSeries, "x" | "y">>[],
  colors: Readonly<Record<string, string>>,
): LineChartData | null {
  const logged = runs.flatMap((r, i) => (histories[i]?.[metric] ? [{ run: r, s: histories[i]![metric]! }] : []));
  const names = displayNames(logged.map(({ run }) => ({ runId: run.id, name: run.name })));
  const series = logged.map(({ run, s }) => ({ run: run.id, name: names.get(run.id)!, metric, color: colors[run.id] ?? "#888888", x: s.x, y: s.y }));
  // x where y is finite: a run's logged steps without a value widen nothing.
  const x = extent(series.map((s) => ({ x: s.x, values: s.y.map((v, i) => (v === null || !Number.isFinite(v) ? null : s.x[i]!)) })));
  const y = extent(series.map((s) => ({ x: s.x, values: s.y })));
  if (!x || !y) return null;
  return { id, series, xKind: "step", xLabel: "step", yLabel: metric, metrics: [metric], domain: { x, y } };
}
