/**
 * The charts of a run page's evaluation plots (`plots/*.json`: the last step of each), its
 * distributions (`histograms/*.jsonl`: percentile bands) and its system metrics (`system.jsonl`:
 * one line chart per family, one series per GPU), as chart figures the page hydrates.
 */
import { buildConfusionSpec, confusionPanelSize } from "../chart/buildConfusionSpec.ts";
import { buildCurveSpec } from "../chart/buildCurveSpec.ts";
import { buildDistributionSpec } from "../chart/buildDistributionSpec.ts";
import type { DatasetChart } from "../chart/chartCommon.ts";
import { levelColors } from "../chart/fieldColors.ts";
import { renderLineChart } from "../chart/line/renderLineChart.ts";
import { drawDatasetChart } from "../chart/gridVariants.ts";
import { systemFamily } from "../chart/systemMetrics.ts";
import { formatNumber } from "../format/formatValue.ts";
import { compareText } from "../format/compareText.ts";
import { SYSTEM_PREFIX, type RunDataReader } from "../plots/runData.ts";
import type { RunPlot } from "../plots/runPlot.ts";
import { renderChartFigure } from "../render/renderChartFigure.ts";
import type { History, Run } from "../run.ts";
import { legendOf } from "../chart/datasetLegend.ts";

export interface RunChart {
  title: string;
  html: string;
}

/**
 * A run page's panel (a cell of its chart grid, 22–27rem wide): drawn at about that size, so its
 * picture is barely scaled and its plot stays over 200 px tall, on a phone too.
 */
const PANEL = { width: 400, height: 300 };

async function figure(id: string, title: string, chart: DatasetChart): Promise<RunChart> {
  const { spec, svg } = await drawDatasetChart(chart);
  return { title, html: renderChartFigure({ id, kind: "vega", title, svg, ...legendOf(chart), payload: { spec, datasets: chart.datasets }, notes: chart.notes }) };
}

/** Each plot's last step (plots are sorted by name, then step). */
function latestPlots(run: Run): RunPlot[] {
  const last = new Map<string, RunPlot>();
  for (const plot of run.plots ?? []) last.set(plot.name, plot);
  return [...last.values()];
}

export async function runPlotCharts(run: Run, color: string): Promise<RunChart[]> {
  const out: RunChart[] = [];
  for (const [i, plot] of latestPlots(run).entries()) {
    const id = `plot-${i + 1}`;
    const title = `${plot.name}${plot.step === null ? "" : ` (step ${plot.step})`}`;
    if (plot.type === "confusion") {
      out.push(await figure(id, title, buildConfusionSpec({ id, panels: [{ title, labels: plot.labels, matrix: plot.matrix }], normalize: false, size: Math.min(300, confusionPanelSize(plot.labels.length)) })));
      continue;
    }
    const area = plot.type === "roc" ? "AUC" : "AP";
    const labels = plot.curves.map((c) => `${c.class ?? plot.name} (${area} ${c.area === null ? "n/a" : formatNumber(Math.round(c.area * 1000) / 1000)})`);
    const colors = plot.curves.length > 1 ? levelColors(labels) : new Map([[labels[0]!, color]]);
    const series = plot.curves.map((c, k) => ({ label: labels[k]!, color: colors.get(labels[k]!)!, x: c.x, y: c.y }));
    out.push(await figure(id, title, buildCurveSpec({ id, type: plot.type, series, ...PANEL })));
  }
  return out;
}

export async function runDistributionCharts(run: Run, color: string, reader: RunDataReader): Promise<RunChart[]> {
  const out: RunChart[] = [];
  for (const [i, ref] of (run.histograms ?? []).entries()) {
    const series = await reader.histograms(run, ref.key);
    if (!series || !series.counts.some((c) => c.some((v) => v > 0))) continue;
    const id = `distribution-${i + 1}`;
    out.push(await figure(id, ref.key, buildDistributionSpec({ id, key: ref.key, style: "bands", runs: [{ name: run.name, color, series }], ...PANEL })));
  }
  return out;
}

/** `gpu.0.utilization` → GPU 0; other metrics are the run's own line. */
function deviceOf(metric: string): string | null {
  const m = /^gpu\.(\d+)\./.exec(metric);
  return m ? `GPU ${m[1]}` : null;
}

export async function runSystemCharts(run: Run, color: string, reader: RunDataReader): Promise<RunChart[]> {
  if (!run.system) return [];
  const samples = await reader.system(run);
  if (!samples) return [];
  const families = new Map<string, string[]>();
  for (const metric of run.system.metrics) {
    const family = systemFamily(metric);
    families.set(family, [...(families.get(family) ?? []), metric]);
  }
  const order = (f: string): string => (f.startsWith("cpu.") ? "0" : f.startsWith("memory.") ? "1" : f.startsWith("gpu.") ? "2" : "3") + f;
  const out: RunChart[] = [];
  let i = 0;
  for (const family of [...families.keys()].sort((a, b) => compareText(order(a), order(b)))) {
    const members = families.get(family)!.sort((a, b) => compareText(a, b));
    // One line per device, each a "run" of the chart so that it has its own colour and legend entry.
    const lines = members.map((metric) => ({ metric, run: { ...run, id: `${run.id}/${metric}`, name: deviceOf(metric) ?? run.name, metrics: [SYSTEM_PREFIX + family] } }));
    const byId = new Map(lines.map((l) => [l.run.id, l.metric]));
    const colors = lines.length > 1 ? new Map(lines.map((l) => [l.run.id, levelColors(lines.map((x) => x.run.name)).get(l.run.name)!])) : new Map([[lines[0]!.run.id, color]]);
    const readHistory = async (r: Run): Promise<History> => ({ step: new Float64Array(samples.time.length).fill(NaN), time: samples.time, metrics: { [SYSTEM_PREFIX + family]: samples.metrics[byId.get(r.id)!]! } });
    const id = `system-${++i}`;
    const chart = await renderLineChart({ id, title: family, runs: lines.map((l) => l.run), metrics: [SYSTEM_PREFIX + family], x: { kind: "relative" }, scale: { x: "linear", y: "linear" }, width: 400, height: 240, points: 1000, readHistory, colors });
    if (chart.html) out.push({ title: family, html: chart.html });
  }
  return out;
}
