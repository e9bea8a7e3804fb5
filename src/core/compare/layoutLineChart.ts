import { layoutLineFrame, type LineFrame } from "../chart/line/frame.ts";
import { linePathD } from "../chart/line/geometry.ts";

export interface LineInput {
  label: string;
  color: string;
  x: ArrayLike<number>;
  /** `null` or NaN breaks the line (a gap). */
  y: ArrayLike<number | null>;
}

export interface LineChartLayout {
  /** Axes, grid and titles for the size (draw with `lineFrameSvg`), in plot coordinates. */
  frame: LineFrame;
  /** SVG path data per line in plot coordinates (a moveto per gap-free piece); "" when it has no point. */
  lines: { label: string; color: string; d: string }[];
}

/**
 * A small overlaid line chart (the compare page) as geometry: the line charts' frame and line
 * code, one path per series. Drawing it is left to the caller (DOM calls in the browser), so no
 * markup is ever built from run names. Null when no series has a finite point.
 */
export function layoutLineChart(
  series: readonly LineInput[],
  size: { width: number; height: number },
  titles: { x: string; y: string },
): LineChartLayout | null {
  const columns = series.map((s) => ({ x: Float64Array.from(s.x), y: Float64Array.from(s.y, (v) => (v === null ? NaN : v)) }));
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const { x, y } of columns) {
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i]!) || !Number.isFinite(y[i]!)) continue;
      x0 = Math.min(x0, x[i]!); x1 = Math.max(x1, x[i]!); y0 = Math.min(y0, y[i]!); y1 = Math.max(y1, y[i]!);
    }
  }
  if (!Number.isFinite(x0)) return null;
  const frame = layoutLineFrame({
    ...size,
    x: { type: "linear", domain: [x0, x1], title: titles.x },
    y: { type: "linear", domain: [y0, y1], title: titles.y },
  });
  const [d0, d1] = frame.x.domain;
  const lines = series.map((s, k) => ({
    label: s.label,
    color: s.color,
    d: linePathD(columns[k]!.x, columns[k]!.y, frame.x.scale, frame.y.scale, d0, d1, frame.plot.width, true),
  }));
  return { frame, lines };
}
