import type { History } from "../run.ts";

export type XAxis = { kind: "step" } | { kind: "time" } | { kind: "relative" } | { kind: "metric"; metric: string };

export function parseXAxis(x: string | undefined): XAxis {
  if (x === undefined || x === "step") return { kind: "step" };
  if (x === "time" || x === "relative") return { kind: x };
  return { kind: "metric", metric: x };
}

export function xAxisLabel(x: XAxis): string {
  switch (x.kind) {
    case "step":
      return "step";
    case "time":
      return "wall time";
    case "relative":
      return "hours since start";
    case "metric":
      return x.metric;
  }
}

/**
 * The points of one metric against the chosen x (wall time stays in unix seconds: the chart
 * builder turns it into a time axis or hours since start). Rows where the metric was not logged or is
 * not finite are left out, so a metric logged every 250 steps draws as one line; a run whose
 * values turn NaN simply ends there. Returns null when the history cannot give this x.
 */
export function seriesFromHistory(history: History, x: XAxis, metric: string): { x: Float64Array; y: Float64Array } | null {
  const ys = history.metrics[metric];
  if (!ys) return null;
  const xs = x.kind === "step" ? history.step : x.kind === "metric" ? history.metrics[x.metric] : history.time;
  if (!xs) return null;
  let n = 0;
  for (let i = 0; i < ys.length; i++) if (Number.isFinite(ys[i]!) && Number.isFinite(xs[i]!)) n++;
  // Every point is finite (most metrics): the columns themselves, read-only downstream.
  if (n === ys.length) return { x: xs, y: ys };
  const outX = new Float64Array(n);
  const outY = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < ys.length; i++) {
    const yv = ys[i]!;
    const xv = xs[i]!;
    if (Number.isFinite(yv) && Number.isFinite(xv)) {
      outX[j] = xv;
      outY[j] = yv;
      j++;
    }
  }
  return { x: outX, y: outY };
}
