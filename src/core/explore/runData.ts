import { compareText } from "../format/compareText.ts";
import { downsampleSeries } from "../chart/downsampleSeries.ts";
import { seriesFromHistory } from "../series/seriesFromHistory.ts";
import { ownRecord } from "../ownRecord.ts";
import { exactPoints, RUN_DATA_POINTS } from "../series/exactPoints.ts";
import type { History, Run } from "../run.ts";


/** One metric's downsampled history: `y` is `null` where the line breaks (a gap). */
export interface MetricSeries {
  x: number[];
  y: (number | null)[];
  /**
   * How many values the run logged for this metric (NaN aside): the rows its every-logged-point
   * CSV has. When `x` holds as many, the points are exactly what was logged (see `exactPoints`).
   */
  logged: number;
  /** Each point's unix time in seconds (null where not logged), only when the points are every logged point and the run logs wall time. */
  t?: (number | null)[];
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
    const ys = history.metrics[metric];
    if (!ys) continue;
    const exact = exactPoints(history, metric, points);
    if (exact) {
      if (exact.length === 0) continue;
      const time = history.time;
      metrics[metric] = {
        x: Array.from(exact, (i) => history.step[i]!),
        y: Array.from(exact, (i) => ys[i]!),
        logged: exact.length,
        ...(time ? { t: Array.from(exact, (i) => (Number.isFinite(time[i]!) ? time[i]! : null)) } : {}),
      };
      continue;
    }
    const s = seriesFromHistory(history, { kind: "step" }, metric);
    if (!s || s.x.length === 0) continue;
    const d = downsampleSeries(s.x, s.y, points);
    metrics[metric] = { x: Array.from(d.x), y: Array.from(d.y, (v) => (Number.isFinite(v) ? v : null)), logged: loggedCount(ys) };
  }
  return { run, history: { x: "step", points, metrics } };
}

function loggedCount(ys: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < ys.length; i++) if (!Number.isNaN(ys[i]!)) n++;
  return n;
}
