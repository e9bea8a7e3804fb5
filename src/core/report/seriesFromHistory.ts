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
 * The points of one metric against the chosen x. Rows where the metric was not logged or is
 * not finite are left out, so a metric logged every 250 steps draws as one line; a run whose
 * values turn NaN simply ends there. Returns null when the history cannot give this x.
 */
export function seriesFromHistory(history: History, x: XAxis, metric: string): { x: Float64Array; y: Float64Array } | null {
  const ys = history.metrics[metric];
  if (!ys) return null;
  let xs: Float64Array;
  let scale = 1;
  let shift = 0;
  if (x.kind === "step") xs = history.step;
  else if (x.kind === "metric") {
    const m = history.metrics[x.metric];
    if (!m) return null;
    xs = m;
  } else {
    if (!history.time) return null;
    xs = history.time;
    if (x.kind === "time") scale = 1000;
    else {
      shift = firstFinite(history.time);
      if (Number.isNaN(shift)) return null;
      scale = 1 / 3600;
    }
  }
  let n = 0;
  for (let i = 0; i < ys.length; i++) if (Number.isFinite(ys[i]!) && Number.isFinite(xs[i]!)) n++;
  const outX = new Float64Array(n);
  const outY = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < ys.length; i++) {
    const yv = ys[i]!;
    const xv = xs[i]!;
    if (Number.isFinite(yv) && Number.isFinite(xv)) {
      outX[j] = (xv - shift) * scale;
      outY[j] = yv;
      j++;
    }
  }
  return { x: outX, y: outY };
}

function firstFinite(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!)) return a[i]!;
  return NaN;
}
