/**
 * A band (an aggregate's min–max or std band) for the build-time SVG, per pixel column: the live
 * chart redraws its band at every point it holds (`bandPathD`); the static SVG draws the full
 * series, where a band at every step of a long run costs four times the bytes of its line.
 */
import { PathWriter, type PixelScale } from "./geometry.ts";

/**
 * Closed area between `lower` and `upper` (aligned with x), one polygon per piece where both are
 * finite and mappable, with one vertex a side per pixel column the piece crosses: at the column's
 * centre (as `denseColumnsPathD` draws a line), the top at the highest and the bottom at the lowest
 * bound of any point in the column, rounded outwards to the half-pixel grid — the band's outline
 * between points is linear, so it covers at least the pixels the full band covers in each column.
 * Columns are whole pixels of `sx` (so equal steps of log x on a log axis); `columns` is the plot
 * width. A piece within one column is drawn across the pixels its points span.
 */
export function columnBandPathD(
  x: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  sx: PixelScale,
  sy: PixelScale,
  columns: number,
): string {
  const cols = Math.max(1, Math.round(columns));
  const n = x.length;
  const cx: number[] = [];
  const top: number[] = [];
  const bottom: number[] = [];
  let firstX = 0;
  let lastX = 0;
  let d = "";
  const flush = (): void => {
    if (cx.length === 1 && lastX !== firstX) {
      cx[0] = Math.round(firstX * 2) / 2;
      cx.push(Math.round(lastX * 2) / 2);
      top.push(top[0]!);
      bottom.push(bottom[0]!);
    }
    if (cx.length >= 2) {
      const w = new PathWriter(2, 2 * cx.length + 2);
      for (let k = 0; k < cx.length; k++) w.point(cx[k]!, top[k]!);
      for (let k = cx.length - 1; k >= 0; k--) w.point(cx[k]!, bottom[k]!);
      d += `${w.toString()}Z`;
    }
    cx.length = top.length = bottom.length = 0;
  };
  let col = NaN;
  for (let i = 0; i < n; i++) {
    const lo = lower[i]!;
    const hi = upper[i]!;
    const X = sx(x[i]!);
    const L = sy(lo);
    const U = sy(hi);
    if (!(X - X === 0 && L - L === 0 && U - U === 0 && lo - lo === 0 && hi - hi === 0)) {
      flush();
      col = NaN;
      continue;
    }
    // pixel y grows downwards; min/max of both bounds, so a crossed band is still covered
    const t = Math.floor(2 * (L < U ? L : U)) / 2;
    const b = Math.ceil(2 * (L < U ? U : L)) / 2;
    const c = columnOf(X, cols);
    const k = cx.length - 1;
    if (k >= 0 && c === col) {
      if (t < top[k]!) top[k] = t;
      if (b > bottom[k]!) bottom[k] = b;
      lastX = X;
      continue;
    }
    if (k < 0) firstX = X;
    lastX = X;
    col = c;
    cx.push(c + 0.5);
    top.push(t);
    bottom.push(b);
  }
  flush();
  return d;
}

/** The pixel column of a pixel x: the right edge belongs to the last column inside the plot. */
function columnOf(px: number, cols: number): number {
  const c = Math.floor(px);
  return c === cols && px <= cols + 1e-6 ? cols - 1 : c;
}
