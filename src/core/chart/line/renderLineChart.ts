import { buildLineChart } from "../index.ts";
import { lineLegend, lineLegendHtml } from "./legend.ts";
import { lineChartSvg } from "./lineChartSvg.ts";
import { renderLineChartTable } from "./table.ts";
import { encodeLineChartData } from "../lineChartWire.ts";
import type { LineChartData } from "../lineChartData.ts";
import type { ChartParts } from "../../blocks/blockTypes.ts";
import type { History, Run } from "../../run.ts";
import type { SmoothSpec } from "../../series/index.ts";
import { LISTED_SOURCE_RUNS, renderChartFigure, type FullDataLinks, type FullDataOffer } from "../../render/renderChartFigure.ts";
import { seriesFromHistory, xAxisLabel, type XAxis } from "../../series/seriesFromHistory.ts";
import { chartColumns, groupedLineSeries, historyIsExact, type ChartProblem, type GatheredLines, type LineGroup, type LineSeries, type LineSeriesSource } from "./groupedLineSeries.ts";

export type { ChartProblem } from "./groupedLineSeries.ts";

export interface LineChartRequest {
  id: string;
  title: string;
  runs: readonly Run[];
  metrics: readonly string[];
  x: XAxis;
  scale: { x: "linear" | "log"; y: "linear" | "log" };
  height: number;
  /** Width of the static SVG's viewBox, which the page scales to its box. __Default:__ the line chart's default (640). */
  width?: number;
  points: number;
  readHistory: (run: Run, metrics?: readonly string[]) => Promise<History>;
  /** A run's history facts without reading it (grouped charts plan their reads with them). */
  readFacts?: LineSeriesSource["readFacts"];
  colors: ReadonlyMap<string, string>;
  /** One line per group of runs (mean and band), instead of one per run. */
  group?: LineGroup;
  smoothing?: SmoothSpec;
  /** Said under the chart (e.g. runs left out by max_runs). */
  notes?: readonly string[];
  /**
   * The page loads the chart's points from this run's published JSON under `base` when the chart
   * comes near the viewport (run pages, whose charts each draw one metric of that run): the page
   * carries the static SVG and the chart without its points.
   */
  pointsFrom?: { base: string; run: string };
  /** Offer every logged point of the chart's runs and metrics (see `FullDataOffer`). */
  fullData?: FullDataLinks;
  /** Where a grouped chart keeps each group's line (the chart's memo gives it; see chartMemo.ts). */
  parts?: ChartParts;
}

type Series = LineSeries;

/**
 * Runs × metrics → each run's points of each metric, and what cannot be drawn (what
 * `lineChartProblems` finds one run at a time for a check).
 */
export async function lineChartSeries(req: Pick<LineChartRequest, "runs" | "metrics" | "x" | "readHistory" | "colors">): Promise<{ series: Series[]; missing: Map<string, number>; problems: ChartProblem[]; histories: (History | null)[] }> {
  const series: Series[] = [];
  const problems: ChartProblem[] = [];
  const withoutTime: string[] = [];
  const missing = new Map<string, number>();
  const histories = await readHistories(req);
  for (const [k, run] of req.runs.entries()) {
    const wanted = req.metrics.filter((m) => run.metrics.includes(m));
    for (const m of req.metrics) if (!wanted.includes(m)) missing.set(m, (missing.get(m) ?? 0) + 1);
    if (wanted.length === 0) continue;
    const history = histories[k]!;
    if ((req.x.kind === "time" || req.x.kind === "relative") && !history.time) {
      withoutTime.push(run.name);
      continue;
    }
    for (const metric of wanted) {
      const points = seriesFromHistory(history, req.x, metric);
      if (!points || points.x.length === 0) continue;
      series.push({ runId: run.id, runName: run.name, metric, color: req.colors.get(run.id) ?? "#888888", x: points.x, y: points.y });
    }
  }
  if (withoutTime.length) problems.push({ kind: "noTime", runs: withoutTime });
  for (const metric of req.metrics) {
    if (!series.some((s) => s.metric === metric)) problems.push({ kind: "noPoints", metric });
  }
  return { series, missing, problems, histories };
}

/**
 * Everything drawing `req` depends on besides the runs' histories, as plain data (what a chart
 * cache keys an entry by). Every field of the request is in it, so a new one cannot be forgotten.
 */
export function lineChartInputs(req: LineChartRequest): unknown {
  const { readHistory: _read, readFacts: _facts, parts: _parts, runs, colors, group, fullData, ...rest } = req;
  return {
    ...rest,
    // The links themselves, not the function making them: they change with the built commit.
    fullData: fullData ? { base: fullData.base, links: runs.flatMap((run) => run.source.files.map((file) => fullData.sourceHref(file))) } : null,
    runs: runs.map((run) => ({ run, color: colors.get(run.id) ?? null, groupKey: group ? group.keyOf(run) : null })),
    group: group ? { ...group, keyOf: null, colors: [...group.colors] } : null,
  };
}

/** Runs × metrics → series → static SVG, legend and hydration payload, as one figure. */
export async function renderLineChart(req: LineChartRequest): Promise<{ html: string; svg: string; payload: unknown; problems: ChartProblem[] }> {
  // A grouped chart gathers its lines one run at a time; one line per run needs every run's points.
  const { series: drawn, notes: gatherNotes, missing, problems, read, exact } = req.group ? await groupedLineSeries(req, req.group, { exactness: !!req.fullData, ...(req.parts ? { parts: req.parts } : {}) }) : await runLines(req);
  if (drawn.length === 0) return { html: "", svg: "", payload: null, problems };
  const extraNotes: string[] = [...(req.notes ?? []), ...gatherNotes];

  const built = buildLineChart({
    id: req.id,
    title: req.title,
    x: {
      kind: req.x.kind,
      ...(req.x.kind === "metric" ? { metric: req.x.metric } : {}),
      label: xAxisLabel(req.x),
    },
    yLabel: req.metrics.length === 1 ? req.metrics[0]! : "value",
    scale: req.scale,
    series: drawn,
    maxPoints: req.points,
    height: req.height,
    ...(req.width ? { width: req.width } : {}),
    ...(req.group ? { legendTitle: req.group.label } : {}),
    ...(req.smoothing ? { smoothing: req.smoothing } : {}),
  });
  const svg = lineChartSvg(built);
  const notes = [...extraNotes, ...(built.notes ?? [])];
  for (const [metric, count] of missing) {
    notes.push(`${count} of ${req.runs.length} selected runs do not log ${metric}.`);
  }
  const full = req.fullData ? fullDataOffer(req, read, exact, req.fullData) : undefined;
  const payload = { data: encodeLineChartData(req.pointsFrom ? withoutPoints(built.data) : built.data), ...(req.pointsFrom ? { from: { run: req.pointsFrom.run } } : {}), ...(full?.kind === "csv" ? { full: { runs: req.runs.filter((_, k) => read[k]).map((r) => r.id), metrics: csvMetrics(req) } } : {}) };
  const html = renderChartFigure({
    id: req.id,
    kind: "line",
    title: req.title,
    svg,
    legend: lineLegendHtml(lineLegend(built.data)),
    payload,
    notes,
    fallback: renderLineChartTable(built.data, built.render),
    toolbar: true,
    ...(full ? { fullData: full } : {}),
    ...(req.pointsFrom ? { dataBase: req.pointsFrom.base } : {}),
  });
  return { html, svg, payload, problems };
}

/** The chart as the page gets it when it loads the points itself (`pointsFrom`). */
function withoutPoints(data: LineChartData): LineChartData {
  return { ...data, series: data.series.map((s) => ({ ...s, x: [], y: [] })) };
}

/** The metrics of the chart's every-logged-point CSV: those drawn, and the one on x. */
const csvMetrics = chartColumns;

/** One line per run and metric, from every run's history. */
async function runLines(req: LineChartRequest): Promise<GatheredLines> {
  const { series, missing, problems, histories } = await lineChartSeries(req);
  const columns = csvMetrics(req);
  const exact = !!req.fullData && req.runs.every((run, k) => !histories[k] || historyIsExact(run, histories[k], columns));
  return { series, notes: [], missing, problems, read: histories.map((h) => h !== null), exact };
}

/**
 * A CSV built in the page when each run's published JSON holds every point it logged of the
 * chart's metrics (see `exactPoints`); else the runs' source files (beyond the first, which holds
 * the run's metadata, when a run has several).
 */
function fullDataOffer(req: LineChartRequest, read: readonly boolean[], exact: boolean, links: FullDataLinks): FullDataOffer {
  if (exact) return { kind: "csv", base: links.base };
  const withData = req.runs.filter((_, k) => read[k]);
  const listed = withData.length <= LISTED_SOURCE_RUNS ? withData : [];
  const files = listed.flatMap((run) => (run.source.files.length > 1 ? run.source.files.slice(1) : run.source.files).map((file) => ({ run: run.name, file, href: links.sourceHref(file) })));
  return { kind: "sources", files, more: withData.length - listed.length };
}

/**
 * The history of each run that logs a wanted metric (null for the others), all read at once: a
 * read is at least a `stat` (is the cached parse still the file?), and one after another they
 * waited on the file system once per run. Throws the first failure in run order, as reading one
 * by one would.
 */
async function readHistories(req: Pick<LineChartRequest, "runs" | "metrics" | "x" | "readHistory">): Promise<(History | null)[]> {
  // Only the columns drawn: the y metrics and a metric on x.
  const columns = req.x.kind === "metric" && !req.metrics.includes(req.x.metric) ? [...req.metrics, req.x.metric] : req.metrics;
  const settled = await Promise.allSettled(
    req.runs.map((run) => (req.metrics.some((m) => run.metrics.includes(m)) ? req.readHistory(run, columns) : null)),
  );
  return settled.map((r) => {
    if (r.status === "rejected") throw r.reason;
    return r.value;
  });
}
