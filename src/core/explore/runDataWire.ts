/**
 * The form `/data/runs/<id>.json` is published in: `RunData` with every number column (a metric's
 * `x`, `y` and `t`, the shared `time`) in the compact lossless form of `numberColumn.ts` (a step
 * grid as `{"a": [start, step, count]}`, decimals as integer deltas `{"e": k, "d": "…"}`, anything
 * else a plain array). Noisy histories take about two thirds of the bytes of plain JSON arrays.
 * Every reader of the file (run page charts, compare page, "every logged point" CSV) decodes it
 * with `decodeRunData`; a plain array still reads as itself. The browser imports this module.
 */
import { decodeNumberColumn, encodeNumberColumn, type NumberColumn } from "../chart/numberColumn.ts";
import { ownRecord } from "../ownRecord.ts";
import type { Run } from "../run.ts";
import type { MetricSeries, RunData } from "./runData.ts";

export interface MetricSeriesWire {
  x: NumberColumn;
  y: NumberColumn;
  logged: number;
  t?: NumberColumn;
}

export interface RunDataWire {
  run: Run;
  history: {
    x: "step";
    points: number;
    metrics: Record<string, MetricSeriesWire>;
    time?: { step: NumberColumn; t: NumberColumn };
  };
}

export function encodeRunData(data: RunData): RunDataWire {
  const metrics = ownRecord<MetricSeriesWire>();
  for (const [name, s] of Object.entries(data.history.metrics)) {
    const wire: MetricSeriesWire = { x: encodeNumberColumn(s.x), y: encodeNumberColumn(s.y), logged: s.logged };
    if (s.t) wire.t = encodeNumberColumn(s.t);
    metrics[name] = wire;
  }
  const { time } = data.history;
  return {
    run: data.run,
    history: { x: "step", points: data.history.points, metrics, ...(time ? { time: { step: encodeNumberColumn(time.step), t: encodeNumberColumn(time.t) } } : {}) },
  };
}

/** The run's data as published, decoded; throws on a file that is not one (a clear error for the page to show). */
export function decodeRunData(value: unknown): RunData {
  const wire = value as Partial<RunDataWire> | null;
  const history = wire?.history;
  if (!wire || typeof wire !== "object" || !wire.run || !history || typeof history.metrics !== "object" || history.metrics === null) {
    throw new Error("not a run's published data (no run or no history)");
  }
  const metrics = ownRecord<MetricSeries>();
  for (const [name, s] of Object.entries(history.metrics)) {
    const series: MetricSeries = { x: steps(decodeColumn(s.x, name)), y: decodeColumn(s.y, name), logged: s.logged };
    if (s.t !== undefined) series.t = decodeColumn(s.t, name);
    metrics[name] = series;
  }
  const time = history.time ? { step: steps(decodeColumn(history.time.step, "time")), t: decodeColumn(history.time.t, "time") } : undefined;
  return { run: wire.run, history: { x: "step", points: history.points ?? 0, metrics, ...(time ? { time } : {}) } };
}

function decodeColumn(column: NumberColumn | undefined, where: string): (number | null)[] {
  if (column === null || typeof column !== "object") throw new Error(`the run's published data has no column for ${where}`);
  return decodeNumberColumn(column);
}

/** Steps are never gaps: a null here means the file is damaged. */
function steps(column: (number | null)[]): number[] {
  for (const v of column) if (v === null) throw new Error("the run's published data has a step that is not a number");
  return column as number[];
}
