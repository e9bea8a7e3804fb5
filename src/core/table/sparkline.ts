import { GAP } from "../format/formatValue.ts";
import { escapeHtml } from "../render/escapeHtml.ts";
import { formatNumberAs, type ColumnFormat } from "./formatCell.ts";

export interface SparkPoint {
  x: number;
  /** NaN is a gap: the line breaks there. */
  y: number;
}

/**
 * About `max` points of a history: the first and last, and each bucket's minimum and maximum in
 * step order, so spikes survive. Gaps (NaN) are kept where they fall in a kept position only.
 */
export function downsampleSparkline(steps: ArrayLike<number>, values: ArrayLike<number>, max = 50): SparkPoint[] {
  const n = Math.min(steps.length, values.length);
  const all: SparkPoint[] = [];
  for (let i = 0; i < n; i++) all.push({ x: steps[i]!, y: Number.isFinite(values[i]!) ? values[i]! : Number.NaN });
  // Leading and trailing gaps say nothing a reader can see.
  let lo = 0;
  let hi = all.length;
  while (lo < hi && Number.isNaN(all[lo]!.y)) lo++;
  while (hi > lo && Number.isNaN(all[hi - 1]!.y)) hi--;
  const pts = all.slice(lo, hi);
  if (pts.length <= max) return pts;
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  const out: SparkPoint[] = [pts[0]!];
  const inner = pts.length - 2;
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    let min = -1;
    let maxI = -1;
    let gap = false;
    for (let i = start; i < end; i++) {
      const y = pts[i]!.y;
      if (Number.isNaN(y)) {
        gap = true;
        continue;
      }
      if (min < 0 || y < pts[min]!.y) min = i;
      if (maxI < 0 || y > pts[maxI]!.y) maxI = i;
    }
    if (min < 0) {
      if (gap) out.push({ x: pts[start]!.x, y: Number.NaN });
      continue;
    }
    const [a, b2] = min <= maxI ? [min, maxI] : [maxI, min];
    out.push(pts[a]!);
    if (b2 !== a) out.push(pts[b2]!);
    if (gap) out.push({ x: pts[end - 1]!.x, y: Number.NaN });
  }
  out.push(pts[pts.length - 1]!);
  return out;
}

const WIDTH = 96;
const HEIGHT = 20;
const PAD = 1.5;

/** A tiny inline SVG line of `points`, named by its first and last values for screen readers. */
export function renderSparkline(metric: string, points: readonly SparkPoint[], format: ColumnFormat, unit: string | null = null): string {
  const finite = points.filter((p) => !Number.isNaN(p.y));
  if (finite.length === 0) return "";
  const xs = finite.map((p) => p.x);
  const ys = finite.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => (x1 === x0 ? WIDTH / 2 : PAD + ((x - x0) / (x1 - x0)) * (WIDTH - 2 * PAD));
  const sy = (y: number) => (y1 === y0 ? HEIGHT / 2 : HEIGHT - PAD - ((y - y0) / (y1 - y0)) * (HEIGHT - 2 * PAD));
  let d = "";
  let pen = false;
  for (const p of points) {
    if (Number.isNaN(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${round(sx(p.x))} ${round(sy(p.y))}`;
    pen = true;
  }
  const first = finite[0]!;
  const last = finite[finite.length - 1]!;
  const u = unit ? (unit === "%" ? "%" : ` ${unit}`) : "";
  const label = `${metric}: ${formatNumberAs(first.y, format)}${u} → ${formatNumberAs(last.y, format)}${u}`;
  const dot = `<circle cx="${round(sx(last.x))}" cy="${round(sy(last.y))}" r="1.6"/>`;
  return (
    `<svg class="rf-spark" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(label)}">` +
    `<path d="${d}"/>${dot}</svg>`
  );
}

/** Text of a sparkline cell for runs without the metric. */
export const NO_SPARKLINE = GAP;

function round(v: number): string {
  return String(Math.round(v * 10) / 10);
}
