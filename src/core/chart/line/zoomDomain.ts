/**
 * The x range a zoom gesture asks for, in data units: a drag across the plot (brush) or two
 * fingers moving apart or together (pinch). Pure maths over the scale the gesture started on;
 * `null` is "no zoom" (the whole range).
 */
import { roundSignificant } from "../lineChartData.ts";

export type XRange = [number, number];

/** Brushes narrower than this many pixels are clicks, not zooms. */
export const MIN_BRUSH_PX = 4;
/** Fingers closer than this many pixels do not define a pinch. */
export const MIN_PINCH_PX = 8;

/** The range between two pixels of a drag (either order), or null for a click or an empty range. */
export function brushDomain(from: number, to: number, invert: (px: number) => number): XRange | null {
  if (Math.abs(to - from) < MIN_BRUSH_PX) return null;
  const a = invert(Math.min(from, to));
  const b = invert(Math.max(from, to));
  return b > a ? [roundSignificant(a), roundSignificant(b)] : null;
}

/**
 * The x range after a pinch: fingers that started at pixels `from` (under the scale `invert` then)
 * are now at `to`, and the data under each finger stays under it, so the plot's edges (0 and
 * `width`) map back through the same affine move. Clamped to `full` (the data's range) when
 * known, where covering all of it is no zoom. Fingers too close together keep `current`.
 */
export function pinchDomain(
  from: readonly [number, number],
  to: readonly [number, number],
  invert: (px: number) => number,
  width: number,
  full: readonly [number, number] | undefined,
  current: XRange | null,
): XRange | null {
  const spread = to[1] - to[0];
  if (!(Math.abs(spread) > MIN_PINCH_PX) || !(Math.abs(from[1] - from[0]) > MIN_PINCH_PX)) return current;
  const k = (from[1] - from[0]) / spread;
  const a = invert(from[0] + (0 - to[0]) * k);
  const b = invert(from[0] + (width - to[0]) * k);
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  if (!full) return [roundSignificant(lo), roundSignificant(hi)];
  const x0 = Math.max(full[0], lo);
  const x1 = Math.min(full[1], hi);
  if (x0 <= full[0] && x1 >= full[1]) return null;
  return x1 > x0 ? [roundSignificant(x0), roundSignificant(x1)] : current;
}
