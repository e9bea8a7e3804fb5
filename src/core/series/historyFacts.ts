/**
 * What a line chart must know of a run's history before reading its columns, computed once when
 * the history is parsed and kept in its cache entry's header: per metric and x axis (step, wall
 * time), how many points `seriesFromHistory` gives and, when their x is in order, the grid facts
 * `GridScan` would find in them. With these a chart's check reads no column at all, and a grouped
 * chart over long runs knows its grids before its first read, so it reads each run once
 * (groupedLineSeries.ts). Exactly what the columns give: tested against the columns themselves.
 */
import type { History } from "../run.ts";
import { ownRecord } from "../ownRecord.ts";
import { exactPoints } from "./exactPoints.ts";
import type { XAxis } from "./seriesFromHistory.ts";

/** The points of one metric against one x, as `prepareRun` would make them. */
export interface SeriesFacts {
  /** Rows where both x and the metric are finite (what `seriesFromHistory` keeps). */
  points: number;
  /**
   * Null unless those rows' x never decreases: the prepared run's x values are then known
   * without sorting. Distinct x values (repeated x is one point), the first and the last x kept
   * (of equal values the first, as `prepareRun` keeps it), and whether every x is an integer.
   */
  inOrder: { distinct: number; lo: number; hi: number; integer: boolean } | null;
}

export interface MetricFacts {
  /** Whether `exactPoints` finds the metric's points (its published JSON holds every one). */
  exact: boolean;
  step: SeriesFacts;
  /** Against wall time; null when the history has none. */
  time: SeriesFacts | null;
}

export interface HistoryFacts {
  rows: number;
  time: boolean;
  metrics: Record<string, MetricFacts>;
}

export function historyFacts(history: History): HistoryFacts {
  const metrics = ownRecord<MetricFacts>();
  for (const [name, ys] of Object.entries(history.metrics)) {
    metrics[name] = {
      exact: exactPoints(history, name) !== null,
      step: seriesFacts(history.step, ys),
      time: history.time ? seriesFacts(history.time, ys) : null,
    };
  }
  return { rows: history.step.length, time: history.time !== null, metrics };
}

function seriesFacts(xs: Float64Array, ys: Float64Array): SeriesFacts {
  let points = 0;
  let distinct = 0;
  let lo = NaN;
  let hi = NaN;
  let integer = true;
  let inOrder = true;
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
    points++;
    if (!inOrder) continue;
    if (points === 1) {
      lo = hi = x;
      distinct = 1;
    } else if (x < hi) inOrder = false;
    else if (x !== hi) {
      hi = x;
      distinct++;
    }
    if (integer && !Number.isInteger(x)) integer = false;
  }
  // −0 does not survive JSON (the header's form); such a series is scanned from its points.
  const signed = Object.is(lo, -0) || Object.is(hi, -0);
  return { points, inOrder: inOrder && points > 0 && !signed ? { distinct, lo, hi, integer } : null };
}

/**
 * Facts as one array of numbers (and the metric names), for a memory that holds every run's: a
 * third of the objects' size (about 0.6 KB for five metrics, where the objects took 1.9 KB).
 */
export interface PackedHistoryFacts {
  rows: number;
  time: boolean;
  names: readonly string[];
  /** Per metric `PACKED_METRIC` numbers: exact, then the step facts, then the time facts. */
  values: readonly number[];
}

/** exact; per axis: points (−1: no such axis), in order, distinct, lo, hi, integer. */
const PACKED_SERIES = 6;
const PACKED_METRIC = 1 + 2 * PACKED_SERIES;

export function packHistoryFacts(facts: HistoryFacts): PackedHistoryFacts {
  const names = Object.keys(facts.metrics);
  const values: number[] = [];
  for (const name of names) {
    const m = facts.metrics[name]!;
    values.push(m.exact ? 1 : 0);
    packSeries(values, m.step);
    packSeries(values, m.time);
  }
  return { rows: facts.rows, time: facts.time, names, values };
}

function packSeries(values: number[], s: SeriesFacts | null): void {
  if (!s) values.push(-1, 0, 0, 0, 0, 0);
  else if (!s.inOrder) values.push(s.points, 0, 0, 0, 0, 0);
  else values.push(s.points, 1, s.inOrder.distinct, s.inOrder.lo, s.inOrder.hi, s.inOrder.integer ? 1 : 0);
}

export function unpackHistoryFacts(packed: PackedHistoryFacts): HistoryFacts {
  const metrics = ownRecord<MetricFacts>();
  for (const [i, name] of packed.names.entries()) {
    const at = i * PACKED_METRIC;
    metrics[name] = {
      exact: packed.values[at] === 1,
      step: unpackSeries(packed.values, at + 1)!,
      time: unpackSeries(packed.values, at + 1 + PACKED_SERIES),
    };
  }
  return { rows: packed.rows, time: packed.time, metrics };
}

function unpackSeries(v: readonly number[], at: number): SeriesFacts | null {
  const points = v[at]!;
  if (points < 0) return null;
  if (v[at + 1] !== 1) return { points, inOrder: null };
  return { points, inOrder: { distinct: v[at + 2]!, lo: v[at + 3]!, hi: v[at + 4]!, integer: v[at + 5] === 1 } };
}

/**
 * The facts of `metric` against `x`, or null when the facts cannot tell: x is another metric, or
 * the history has no such column (a run that lists it is then read: its reader may add columns).
 */
export function seriesFactsOf(facts: HistoryFacts, metric: string, x: XAxis): SeriesFacts | null {
  if (x.kind === "metric") return null;
  const m = Object.hasOwn(facts.metrics, metric) ? facts.metrics[metric]! : null;
  if (!m) return null;
  if (x.kind === "step") return m.step;
  return m.time ?? { points: 0, inOrder: null };
}

/** `facts` if `value` is facts as `historyFacts` writes them (read back from a cache entry's header), else null. */
export function asHistoryFacts(value: unknown): HistoryFacts | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Partial<HistoryFacts>;
  if (!Number.isSafeInteger(v.rows) || v.rows! < 0 || typeof v.time !== "boolean" || typeof v.metrics !== "object" || v.metrics === null) return null;
  const metrics = ownRecord<MetricFacts>();
  for (const [name, m] of Object.entries(v.metrics as Record<string, unknown>)) {
    const facts = asMetricFacts(m, v.time);
    if (!facts) return null;
    metrics[name] = facts;
  }
  return { rows: v.rows!, time: v.time, metrics };
}

function asMetricFacts(value: unknown, time: boolean): MetricFacts | null {
  if (typeof value !== "object" || value === null) return null;
  const m = value as Partial<MetricFacts>;
  const step = asSeriesFacts(m.step);
  const timeFacts = m.time === null ? null : asSeriesFacts(m.time);
  if (typeof m.exact !== "boolean" || !step || (time ? !timeFacts : m.time !== null)) return null;
  return { exact: m.exact, step, time: timeFacts };
}

function asSeriesFacts(value: unknown): SeriesFacts | null {
  if (typeof value !== "object" || value === null) return null;
  const s = value as Partial<SeriesFacts>;
  if (!Number.isSafeInteger(s.points) || s.points! < 0) return null;
  if (s.inOrder === null) return { points: s.points!, inOrder: null };
  const o = s.inOrder as Partial<NonNullable<SeriesFacts["inOrder"]>> | undefined;
  if (!o || !Number.isSafeInteger(o.distinct) || !Number.isFinite(o.lo) || !Number.isFinite(o.hi) || typeof o.integer !== "boolean") return null;
  return { points: s.points!, inOrder: { distinct: o.distinct!, lo: o.lo!, hi: o.hi!, integer: o.integer } };
}
