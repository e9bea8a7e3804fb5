import { formatNumber } from "../format/formatValue.ts";

export interface LineInput {
  label: string;
  color: string;
  x: ArrayLike<number>;
  /** `null` or NaN breaks the line (a gap). */
  y: ArrayLike<number | null>;
}

export interface Tick {
  /** Pixel position along the axis. */
  at: number;
  label: string;
}

export interface LineChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  /** SVG path data per line (several `M` segments where the line has gaps); "" when it has no point. */
  lines: { label: string; color: string; d: string }[];
}

/**
 * A small overlaid line chart as geometry: nice ticks and one path per series. Drawing it is left
 * to the caller (DOM calls in the browser), so no markup is ever built from run names.
 */
export function layoutLineChart(series: readonly LineInput[], size: { width: number; height: number }): LineChartLayout | null {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]!, y = s.y[i];
      if (!Number.isFinite(x) || y === null || y === undefined || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  if (!Number.isFinite(x0)) return null;
  if (x0 === x1) { x0 -= 1; x1 += 1; }
  if (y0 === y1) { const pad = Math.abs(y0) * 0.05 || 1; y0 -= pad; y1 += pad; }
  const yt = niceTicks(y0, y1, 5);
  const xt = niceTicks(x0, x1, 5);
  y0 = Math.min(y0, yt[0]!); y1 = Math.max(y1, yt[yt.length - 1]!);
  const plot = { left: 52, top: 8, right: size.width - 10, bottom: size.height - 24 };
  const sx = (x: number) => plot.left + ((x - x0) / (x1 - x0)) * (plot.right - plot.left);
  const sy = (y: number) => plot.bottom - ((y - y0) / (y1 - y0)) * (plot.bottom - plot.top);
  const r = (n: number) => Math.round(n * 10) / 10;
  const lines = series.map((s) => {
    const parts: string[] = [];
    let pen = false;
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]!, y = s.y[i];
      if (!Number.isFinite(x) || y === null || y === undefined || !Number.isFinite(y)) { pen = false; continue; }
      parts.push(`${pen ? "L" : "M"}${r(sx(x))} ${r(sy(y))}`);
      pen = true;
    }
    return { label: s.label, color: s.color, d: parts.join("") };
  });
  return {
    width: size.width,
    height: size.height,
    plot,
    xTicks: xt.filter((t) => t >= x0 && t <= x1).map((t) => ({ at: r(sx(t)), label: formatNumber(t) })),
    yTicks: yt.map((t) => ({ at: r(sy(t)), label: formatNumber(t) })),
    lines,
  };
}

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 × 10^k). */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.floor(lo / step) * step;
  const out: number[] = [];
  for (let v = first; v <= hi + step * 1e-9 && out.length < 50; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1]! < hi) out.push(Number((out[out.length - 1]! + step).toPrecision(12)));
  return out;
}
