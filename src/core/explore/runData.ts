import { compareText } from "../format/compareText.ts";
import { downsampleSeries } from "../chart/downsampleSeries.ts";
import { roundToStep, stepRounding, yRoundingStep } from "../chart/line/quantize.ts";
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
  /** Each point's unix time in seconds (null where not logged): only for a metric published whole, when the run logs wall time and `history.time` cannot say it. */
  t?: (number | null)[];
}

/** `/data/runs/<id>.json`: the run as in the index, plus each metric's downsampled history by step. */
export interface RunData {
  run: Run;
  history: {
    x: "step";
    points: number;
    metrics: Record<string, MetricSeries>;
    /**
     * The unix time (seconds, null where not logged) at each step of the metrics published whole,
     * once for all of them, when the run logs wall time and those steps never repeat; otherwise
     * each such metric carries its own `t`.
     */
    time?: { step: number[]; t: (number | null)[] };
  };
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
  const whole = new Map<string, Int32Array>();
  for (const metric of run.metrics) {
    const ys = history.metrics[metric];
    if (!ys) continue;
    const exact = exactPoints(history, metric, points);
    if (exact) {
      if (exact.length === 0) continue;
      whole.set(metric, exact);
      metrics[metric] = { x: Array.from(exact, (i) => history.step[i]!), y: Array.from(exact, (i) => ys[i]!), logged: exact.length };
      continue;
    }
    const s = seriesFromHistory(history, { kind: "step" }, metric);
    if (!s || s.x.length === 0) continue;
    const d = downsampleSeries(s.x, s.y, points);
    metrics[metric] = { x: Array.from(d.x), y: roundedLine(d.y), logged: loggedCount(ys) };
  }
  const time = history.time;
  if (!time || whole.size === 0) return { run, history: { x: "step", points, metrics } };
  const at = (i: number) => (Number.isFinite(time[i]!) ? time[i]! : null);
  const rows = sharedRows(history.step, whole.values());
  if (!rows) {
    for (const [metric, exact] of whole) metrics[metric]!.t = Array.from(exact, at);
    return { run, history: { x: "step", points, metrics } };
  }
  return { run, history: { x: "step", points, metrics, time: { step: rows.map((i) => history.step[i]!), t: rows.map(at) } } };
}

/** The rows the given metrics use, in order, when their steps tell them apart (strictly increasing); else null. */
function sharedRows(step: Float64Array, used: Iterable<Int32Array>): number[] | null {
  const mark = new Uint8Array(step.length);
  for (const rows of used) for (const i of rows) mark[i] = 1;
  const rows: number[] = [];
  for (let i = 0; i < step.length; i++) {
    if (!mark[i]) continue;
    if (rows.length && !(step[i]! > step[rows[rows.length - 1]!]!)) return null;
    rows.push(i);
  }
  return rows;
}

/**
 * A downsampled line's values rounded as a chart ships its points (`yRoundingStep`: 10,000 steps
 * across the range): it is a picture of the run, not its data (the source file is), and the
 * digits beyond what a chart can show were a third of the file.
 */
function roundedLine(ys: Float64Array): (number | null)[] {
  let lo = Infinity;
  let hi = -Infinity;
  let minPositive = Infinity;
  for (const v of ys) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v > 0 && v < minPositive) minPositive = v;
  }
  const rounding = stepRounding(yRoundingStep(lo, hi, minPositive));
  return Array.from(ys, (v) => (Number.isFinite(v) ? roundToStep(v, rounding) : null));
}

function loggedCount(ys: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < ys.length; i++) if (!Number.isNaN(ys[i]!)) n++;
  return n;
}
