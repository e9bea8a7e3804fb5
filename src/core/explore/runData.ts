import { compareText } from "../format/compareText.ts";
import { downsampleSeries } from "../chart/downsampleSeries.ts";
import { seriesFromHistory } from "../series/seriesFromHistory.ts";
import { ownRecord } from "../ownRecord.ts";
import type { History, Run } from "../run.ts";

/** Points per metric in a run's published JSON: what a chart can show, not every logged step. */
export const RUN_DATA_POINTS = 1000;

/** One metric's downsampled history: `y` is `null` where the line breaks (a gap). */
export interface MetricSeries {
  x: number[];
  y: (number | null)[];
}

/** `/data/runs/<id>.json`: the run as in the index, plus each metric's downsampled history by step. */
export interface RunData {
  run: Run;
  history: { x: "step"; points: number; metrics: Record<string, MetricSeries> };
}

/** `/data/runs.json`: every run's metadata, config and summary (no histories). */
export interface RunIndex {
  runs: Run[];
}

export function runIndex(runs: readonly Run[]): RunIndex {
  return { runs: [...runs].sort((a, b) => compareText(a.id, b.id)) };
}

export function runData(run: Run, history: History, points = RUN_DATA_POINTS): RunData {
  const metrics = ownRecord<MetricSeries>();
  for (const metric of run.metrics) {
    const s = seriesFromHistory(history, { kind: "step" }, metric);
    if (!s || s.x.length === 0) continue;
    const d = downsampleSeries(s.x, s.y, points);
    metrics[metric] = { x: Array.from(d.x), y: Array.from(d.y, (v) => (Number.isFinite(v) ? v : null)) };
  }
  return { run, history: { x: "step", points, metrics } };
}
