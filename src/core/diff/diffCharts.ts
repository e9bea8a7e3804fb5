/**
 * The charts of a diff: for each changed run, its main metrics at the base revision (dashed) and
 * at the head (solid) in one colour; for each new run, its main metrics (solid) over the runs it
 * is compared with, read at the base revision (dashed). Built with the site's line chart, so the
 * PNG of `runfolio diff --md` and the site's /diff/ page draw the same lines. No DOM, no Node APIs.
 */
import { buildLineChart, type LineChart, type LineChartSeriesInput } from "../chart/buildLineChart.ts";
import { runColors } from "../chart/runColors.ts";
import { dashFor } from "../chart/line/geometry.ts";
import { compareText } from "../format/compareText.ts";
import type { History, Run } from "../run.ts";
import { seriesFromHistory, xAxisLabel, type XAxis } from "../series/seriesFromHistory.ts";
import { appendSystemRows, isSystemMetric } from "../chart/systemMetrics.ts";
import { SYSTEM_PREFIX, type SystemSamples } from "../plots/runData.ts";
import { emptyHistory } from "../runs/HistoryBuilder.ts";
import type { MetricChange, SnapshotDiff } from "./diffSnapshots.ts";

/** Metrics charted per run: the ones whose summary changed (or that it is compared on) first. */
export const MAIN_METRICS_PER_RUN = 3;
/** System metrics charted per changed run besides: those whose mean changed most. */
export const SYSTEM_METRICS_PER_RUN = 2;
/** Charts per diff at most (a pull request adding a hundred runs still gets a readable comment). */
export const MAX_DIFF_CHARTS = 24;
/** The two revisions as the charts' second legend ("metric" dash legend): head solid, base dashed. */
export const REVISIONS = ["head", "base"] as const;

export interface DiffChartSpec {
  /** `diff-1`, `diff-2`, … in order. */
  id: string;
  /** The run the chart is about (changed or new). */
  runId: string;
  runName: string;
  metric: string;
  kind: "changed" | "added";
  /** Runs drawn from the base revision, dashed: the run itself, or a new run's peers. */
  base: Run[];
  head: Run;
}

interface RevisionReader {
  runs: readonly Run[];
  history: (run: Run) => Promise<History>;
  system: (run: Run) => Promise<SystemSamples | null>;
}

/** The system metrics of a changed run whose mean changed most (relative change, then absolute). */
function mainSystemMetrics(changes: readonly MetricChange[], head: Run): string[] {
  const size = (m: MetricChange) => (m.ratio === null ? (m.delta === null ? -1 : 0) : Math.abs(m.ratio));
  const logged = changes.filter((m) => head.system?.metrics.includes(m.metric.slice(SYSTEM_PREFIX.length)));
  return [...logged].sort((a, b) => size(b) - size(a) || Math.abs(b.delta ?? 0) - Math.abs(a.delta ?? 0) || compareText(a.metric, b.metric)).slice(0, SYSTEM_METRICS_PER_RUN).map((m) => m.metric);
}

const logsSystem = (run: Run, metric: string): boolean => run.system?.metrics.includes(metric.slice(SYSTEM_PREFIX.length)) ?? false;

/** The metrics of `run` worth a chart: `preferred` first when it logs them, then the rest by name. */
function mainMetrics(run: Run, preferred: readonly string[], alsoIn: readonly Run[]): string[] {
  const logged = (m: string) => run.metrics.includes(m) && (alsoIn.length === 0 || alsoIn.some((r) => r.metrics.includes(m)));
  const first = preferred.filter(logged);
  const rest = [...run.metrics].filter((m) => logged(m) && !first.includes(m)).sort(compareText);
  return [...new Set([...first, ...rest])].slice(0, MAIN_METRICS_PER_RUN);
}

/**
 * Which charts a diff gets: changed runs whose files changed (a notes-only edit draws the same
 * lines twice), then new runs, each with its main metrics, at most `MAX_DIFF_CHARTS` in all.
 */
export function diffChartSpecs(diff: SnapshotDiff, base: Pick<RevisionReader, "runs">, head: Pick<RevisionReader, "runs">): { specs: DiffChartSpec[]; leftOut: number } {
  const baseById = new Map(base.runs.map((r) => [r.id, r]));
  const headById = new Map(head.runs.map((r) => [r.id, r]));
  const wanted: Omit<DiffChartSpec, "id">[] = [];
  for (const c of diff.changed) {
    const before = baseById.get(c.id);
    const after = headById.get(c.id);
    if (!before || !after) continue;
    // History charts only when the history may have changed (a system-only change draws the same lines twice).
    if (c.summary.length > 0 || c.filesOnly || c.fields.some((f) => f.key === "steps" || f.key === "metrics")) {
      const numeric = c.summary.filter((m) => m.delta !== null).map((m) => m.metric);
      for (const metric of mainMetrics(after, numeric, [before])) wanted.push({ runId: c.id, runName: after.name, metric, kind: "changed", base: [before], head: after });
    }
    for (const metric of mainSystemMetrics(c.system, after)) wanted.push({ runId: c.id, runName: after.name, metric, kind: "changed", base: logsSystem(before, metric) ? [before] : [], head: after });
  }
  for (const a of diff.added) {
    const peers = a.peers.map((id) => baseById.get(id)).filter((r): r is Run => r !== undefined);
    for (const metric of mainMetrics(a.run, a.metrics.map((m) => m.metric), [])) {
      wanted.push({ runId: a.run.id, runName: a.run.name, metric, kind: "added", base: peers.filter((p) => p.metrics.includes(metric)), head: a.run });
    }
    for (const { metric } of a.metrics.filter((m) => isSystemMetric(m.metric) && logsSystem(a.run, m.metric))) {
      wanted.push({ runId: a.run.id, runName: a.run.name, metric, kind: "added", base: peers.filter((p) => logsSystem(p, metric)), head: a.run });
    }
  }
  const specs = wanted.slice(0, MAX_DIFF_CHARTS).map((s, i) => ({ ...s, id: `diff-${i + 1}` }));
  return { specs, leftOut: wanted.length - specs.length };
}

export interface DiffChartOptions {
  width?: number;
  height?: number;
  maxPoints?: number;
}

/**
 * One spec's chart: each run in its colour (one per run id over both revisions), the revision as
 * the chart's second legend — head solid, base dashed. Null when no line has a point.
 */
export async function buildDiffChart(spec: DiffChartSpec, base: RevisionReader, head: RevisionReader, options: DiffChartOptions = {}): Promise<LineChart | null> {
  const colors = runColors([spec.head.id, ...spec.base.map((r) => r.id)]);
  const series: LineChartSeriesInput[] = [];
  // System metrics are sampled in time: drawn against hours since each run's first sample.
  const system = isSystemMetric(spec.metric);
  const x: XAxis = system ? { kind: "relative" } : { kind: "step" };
  const historyOf = async (run: Run, reader: RevisionReader): Promise<History> => (system ? appendSystemRows(emptyHistory(), await reader.system(run), [spec.metric]) : reader.history(run));
  const add = async (run: Run, revision: (typeof REVISIONS)[number], reader: RevisionReader) => {
    const points = seriesFromHistory(await historyOf(run, reader), x, spec.metric);
    if (!points || points.x.length === 0) return;
    // The revision is the series' "metric": the chart's dash legend then reads head / base.
    series.push({ runId: run.id, runName: run.name, metric: revision, color: colors.get(run.id)!, x: points.x, y: points.y, legendOrder: run.id === spec.head.id ? 0 : 1 });
  };
  await add(spec.head, "head", head);
  for (const run of spec.base) await add(run, "base", base);
  if (series.length === 0) return null;
  const chart = buildLineChart({
    id: spec.id,
    title: `${spec.runName} · ${spec.metric}`,
    x: { kind: x.kind, label: xAxisLabel(x) },
    yLabel: spec.metric,
    scale: { x: "linear", y: "linear" },
    series,
    maxPoints: options.maxPoints ?? 1000,
    ...(options.width ? { width: options.width } : {}),
    ...(options.height ? { height: options.height } : {}),
  });
  return revisionDashes(chart);
}

/**
 * The line chart sorts its metrics by name (base before head); here the revisions always get the
 * dash legend's order head, base — head solid, base dashed — in the data, the legend and the SVG,
 * also when only one revision has a line.
 */
function revisionDashes(chart: LineChart): LineChart {
  const index = (metric: string) => (metric === "head" ? 0 : 1);
  const series = chart.data.series.map((s) => ({ ...s, m: index(s.metric) }));
  const render = { ...chart.render, series: chart.render.series.map((r, i) => ({ ...r, dash: dashFor(index(chart.data.series[i]!.metric)) })) };
  return { ...chart, data: { ...chart.data, metrics: [...REVISIONS], series }, render };
}
