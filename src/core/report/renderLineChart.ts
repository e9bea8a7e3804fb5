import { buildLineChartSpec, compileChart, expandLineChartData } from "../chart/index.ts";
import { renderChartSvg } from "../chart/renderChartSvg.ts";
import type { History, Run } from "../run.ts";
import { renderChartFigure } from "../render/renderChartFigure.ts";
import { seriesFromHistory, xAxisLabel, type XAxis } from "./seriesFromHistory.ts";

export interface LineChartRequest {
  id: string;
  title: string;
  runs: readonly Run[];
  metrics: readonly string[];
  x: XAxis;
  scale: { x: "linear" | "log"; y: "linear" | "log" };
  height: number;
  points: number;
  readHistory: (run: Run) => Promise<History>;
  colors: ReadonlyMap<string, string>;
}

export type ChartProblem = { kind: "noTime"; runs: string[] } | { kind: "noPoints"; metric: string };

/** Runs × metrics → series → vega-lite → vega → static SVG + hydration payload, as one figure. */
export async function renderLineChart(req: LineChartRequest): Promise<{ html: string; problems: ChartProblem[] }> {
  const series: Parameters<typeof buildLineChartSpec>[0]["series"] = [];
  const problems: ChartProblem[] = [];
  const withoutTime: string[] = [];
  const missing = new Map<string, number>();
  for (const run of req.runs) {
    const wanted = req.metrics.filter((m) => run.metrics.includes(m));
    for (const m of req.metrics) if (!wanted.includes(m)) missing.set(m, (missing.get(m) ?? 0) + 1);
    if (wanted.length === 0) continue;
    const history = await req.readHistory(run);
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
  if (series.length === 0) return { html: "", problems };

  const built = buildLineChartSpec({
    id: req.id,
    title: req.title,
    x: {
      kind: req.x.kind,
      ...(req.x.kind === "metric" ? { metric: req.x.metric } : {}),
      label: xAxisLabel(req.x),
    },
    yLabel: req.metrics.length === 1 ? req.metrics[0]! : "value",
    scale: req.scale,
    series,
    maxPoints: req.points,
    height: req.height,
  });
  const spec = compileChart(built.vegaLite);
  const svg = await renderChartSvg(spec, expandLineChartData(built.data));
  const notes = [...(built.notes ?? [])];
  for (const [metric, count] of missing) {
    notes.push(`${count} of ${req.runs.length} selected runs do not log ${metric}.`);
  }
  const html = renderChartFigure({ id: req.id, title: req.title, svg, payload: { spec, data: built.data }, notes });
  return { html, problems };
}
