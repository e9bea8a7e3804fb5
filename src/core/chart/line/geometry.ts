/**
 * Line-chart geometry shared by the build (static SVG) and the browser (interactive chart): data
 * → pixel paths. No DOM, no Node APIs. The frame (axes, grid) is `frame.ts`'s; every line, raw
 * line and band is drawn here, reduced with M4 to the plot's pixel columns and written as compact
 * path data (one absolute moveto per piece, relative linetos in 0.1 px).
 */
import { m4 } from "../../series/m4.ts";
import { AsciiText } from "../../format/asciiText.ts";

/** A scale (`frameScale.ts`): data → pixels within the plot group. */
export type PixelScale = (v: number) => number;

/**
 * Path data of a polyline through (x, y) mapped by sx/sy, where sx maps [x0, x1] onto
 * [0, columns] px, linearly (in log space when `logX`): M4 over `columns` pixel columns of
 * [x0, x1] when the series is longer than 2 points per column (then, unless `exact`, only each
 * column's min and max are drawn, see below), one subpath per gap-free
 * piece (a non-finite y, or a point the scales cannot map, e.g. y ≤ 0 on a log axis, breaks the
 * line), 0.1 px precision, consecutive duplicate points dropped. `perColumn`: reduce (as above)
 * once the series has more points than columns, not only when it has more than two a column.
 */
export function linePathD(
  x: Float64Array,
  y: Float64Array,
  sx: PixelScale,
  sy: PixelScale,
  x0: number,
  x1: number,
  columns: number,
  exact = false,
  logX = false,
  perColumn = false,
): string {
  const cols = Math.max(1, Math.round(columns));
  const w = new PathWriter();
  if (!(x.length > (perColumn ? cols : 2 * cols + 2) && Number.isFinite(x0) && Number.isFinite(x1) && x1 > x0)) {
    for (let i = 0; i < x.length; i++) w.point(sx(x[i]!), sy(y[i]!));
    return w.toString();
  }
  if (logX && x0 > 0) {
    // A log axis's pixel columns are equal steps of log x (equal steps of x would put most of a
    // run in its first column): reduce in log space, map back for the pixels.
    const lx = x.map((v) => (v > 0 ? Math.log(v) : NaN));
    return linePathD(lx, y, (v) => sx(Math.exp(v)), sy, Math.log(x0), Math.log(x1), columns, exact, false, perColumn);
  }
  if (!exact) {
    const d = denseColumnsPathD(x, y, sx, sy, x0, x1, cols);
    if (d !== null) return d;
  }
  const r = m4(x, y, x0, x1, cols);
  if (exact) {
    for (let i = 0; i < r.x.length; i++) w.point(sx(r.x[i]!), sy(r.y[i]!));
    return w.toString();
  }
  return denseColumnsPathD(r.x, r.y, sx, sy, x0, x1, cols, true) ?? "";
}

/**
 * A dense line straight from its points: per run of consecutive valid points in one pixel column
 * only its min and max (in order), plus each piece's first and last point — the segments between
 * columns then start at an extreme instead of the column's first point, a sub-pixel difference,
 * for about half the bytes of M4's four points. Every point is drawn at its pixel column's
 * centre on a half-pixel grid: the same pixels, and x steps of exactly 1 px compress to a few
 * bits where exact sub-pixel positions cost a digit each. One pass, no M4 output in between
 * (the same result as grouping M4's). Null when a point lies outside [x0, x1] (a zoomed view):
 * M4 keeps only where the line leaves and enters, and `allowOutside` reads its output.
 */
export function denseColumnsPathD(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  sx: PixelScale,
  sy: PixelScale,
  x0: number,
  x1: number,
  cols: number,
  allowOutside = false,
): string | null {
  // One tight loop over up to millions of points a chart: no closure per point, each value read
  // once, the column of a point computed from x alone.
  // About two points per column (min and max), and a few more where pieces start and end.
  const w = new PathWriter(2, 2 * cols + 8);
  const scale = cols / (x1 - x0);
  const n = x.length;
  let i = 0;
  let prevValid = false;
  while (i < n) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (!(xi - xi === 0 && yi - yi === 0)) {
      w.point(NaN, NaN);
      prevValid = false;
      i++;
      continue;
    }
    const c = columnOf(xi, x0, x1, scale, cols);
    if (!allowOutside && (c < 0 || c >= cols)) return null;
    let j = i;
    let lo = i;
    let hi = i;
    let ylo = yi;
    let yhi = yi;
    let nextValid = false;
    while (j + 1 < n) {
      const xn = x[j + 1]!;
      const yn = y[j + 1]!;
      if (!(xn - xn === 0 && yn - yn === 0)) break;
      nextValid = true;
      if (columnOf(xn, x0, x1, scale, cols) !== c) break;
      nextValid = false;
      j++;
      if (yn < ylo) {
        ylo = yn;
        lo = j;
      }
      if (yn > yhi) {
        yhi = yn;
        hi = j;
      }
    }
    // The column's pixel centre: x maps linearly onto the columns (in log space on a log axis),
    // so the column found above is the pixel column; only a point outside the plot needs sx.
    const centre = c >= 0 && c < cols ? c + 0.5 : columnCentre(sx(xi), cols);
    if (!prevValid && i !== lo && i !== hi) w.point(centre, sy(yi));
    const a = lo < hi ? lo : hi;
    const b = lo < hi ? hi : lo;
    w.point(centre, sy(y[a]!));
    if (b !== a) w.point(centre, sy(y[b]!));
    if (!nextValid && j !== lo && j !== hi) w.point(centre, sy(y[j]!));
    prevValid = nextValid;
    i = j + 1;
  }
  return w.toString();
}

/** The pixel column of x in [x0, x1] (`scale` = columns per unit of x): −1 before it, `cols` after it. */
function columnOf(v: number, x0: number, x1: number, scale: number, cols: number): number {
  if (v < x0) return -1;
  if (v > x1) return cols;
  const c = Math.floor((v - x0) * scale);
  return c >= cols ? cols - 1 : c;
}

/** The centre of the pixel column a pixel x falls in, on the half-pixel grid. */
function columnCentre(px: number, cols: number): number {
  const c = Math.floor(px);
  return (c >= cols ? cols - 1 : c) + 0.5;
}

/**
 * Closed area between `lower` and `upper` (aligned with x), one polygon per piece where both are
 * finite and mappable. Points closer than half a pixel column to the previous kept one are merged
 * (min of lower, max of upper), so a long band costs about one vertex per pixel column and side.
 */
export function bandPathD(
  x: Float64Array,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  sx: PixelScale,
  sy: PixelScale,
): string {
  let d = "";
  const n = x.length;
  const xs: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  const flush = (): void => {
    if (xs.length >= 2) {
      const w = new PathWriter();
      for (let k = 0; k < xs.length; k++) w.point(xs[k]!, hi[k]!);
      for (let k = xs.length - 1; k >= 0; k--) w.point(xs[k]!, lo[k]!);
      d += `${w.toString()}Z`;
    }
    xs.length = lo.length = hi.length = 0;
  };
  for (let i = 0; i < n; i++) {
    const X = sx(x[i]!);
    const L = sy(lower[i]!);
    const U = sy(upper[i]!);
    if (!(Number.isFinite(X) && Number.isFinite(L) && Number.isFinite(U)) || !finiteValue(lower[i]) || !finiteValue(upper[i])) {
      flush();
      continue;
    }
    const k = xs.length - 1;
    if (k >= 1 && Math.abs(X - xs[k]!) < 0.5) {
      // pixel y grows downwards: the upper edge is the smaller pixel value
      if (U < hi[k]!) hi[k] = U;
      if (L > lo[k]!) lo[k] = L;
      continue;
    }
    xs.push(X);
    lo.push(L);
    hi.push(U);
  }
  flush();
  return d;
}

function finiteValue(v: number | null | undefined): boolean {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * Accumulates points on a grid of 1/`perPixel` px (tenths by default): `M` starts each piece,
 * then relative `l` commands with separators SVG does not need (`l.5-1.2 3,4`). Non-finite points
 * end the current piece.
 */
export class PathWriter {
  private readonly out: AsciiText;
  private px = 0;
  private py = 0;
  private open = false;
  private relative = false;
  /** The open piece has only its moveto so far. */
  private single = false;
  private readonly perPixel: 2 | 10;

  /** `points`: how many points are expected, when known (sizes the text once). */
  constructor(perPixel: 2 | 10 = 10, points = 128) {
    this.perPixel = perPixel;
    this.out = new AsciiText(8 * points);
  }

  point(x: number, y: number): void {
    if (!(x - x === 0 && y - y === 0)) {
      this.endPiece();
      return;
    }
    // Clamp far-away points (a zoomed view) so the numbers stay short and renderers stay exact;
    // grid units then fit int32, which keeps the digit arithmetic on integers.
    const X = Math.round(clamp(x) * this.perPixel) | 0;
    const Y = Math.round(clamp(y) * this.perPixel) | 0;
    if (!this.open) {
      this.out.char(77); // M
      this.pair(X, Y);
      this.open = true;
      this.relative = false;
      this.single = true;
    } else {
      if (X === this.px && Y === this.py) return;
      this.single = false;
      const dx = X - this.px;
      if (!this.relative) this.out.char(108); // l
      else if (!(dx < 0)) this.out.char(32); // a minus sign separates by itself
      this.pair(dx, Y - this.py);
      this.relative = true;
    }
    this.px = X;
    this.py = Y;
  }

  toString(): string {
    this.endPiece();
    return this.out.toString();
  }

  /**
   * A piece of one point (a lone logged value between gaps, a single-point series, or a whole
   * series in one pixel) ends in a ring of radius `DOT_RADIUS` around it: a line through one point
   * draws nothing, and a round-capped zero-length segment is a dot only as wide as the line.
   */
  private endPiece(): void {
    if (this.open && this.single) for (let i = 0; i < DOT.length; i++) this.out.char(DOT.charCodeAt(i));
    this.open = false;
    this.single = false;
  }

  /** Two numbers in grid units: `5,-12` → `.5-1.2` in tenths. */
  private pair(x: number, y: number): void {
    this.pixels(x);
    if (!(y < 0)) this.out.char(44); // ,
    this.pixels(y);
  }

  /** Grid units as pixels without a leading zero: 5 tenths → `.5`, −5 → `-.5`, 25 halves → `12.5`. */
  private pixels(n: number): void {
    if (n < 0) {
      this.out.char(45); // -
      n = -n;
    }
    const per = this.perPixel;
    const whole = (n / per) | 0;
    const r = n - whole * per;
    if (whole !== 0 || r === 0) this.out.integer(whole);
    if (r !== 0) {
      this.out.char(46); // .
      this.out.char(48 + (r * 10) / per);
    }
  }
}

/** Radius, px, of the ring that marks a lone point. */
export const DOT_RADIUS = 2.5;
/** The ring as relative path commands from the point: two half circles. */
const DOT = `m-${DOT_RADIUS} 0a${DOT_RADIUS} ${DOT_RADIUS} 0 1 0 ${2 * DOT_RADIUS} 0a${DOT_RADIUS} ${DOT_RADIUS} 0 1 0-${2 * DOT_RADIUS} 0`;

function clamp(v: number): number {
  return v < -1e5 ? -1e5 : v > 1e5 ? 1e5 : v;
}

/** Stroke dash arrays (px) per metric, in the order of the chart's sorted metric list. */
export const METRIC_DASHES: readonly (readonly number[])[] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [1, 3], [10, 4]];

export function dashFor(metricIndex: number): string {
  const d = METRIC_DASHES[metricIndex % METRIC_DASHES.length]!;
  return d.length ? d.join(",") : "";
}

/** Data extent of the finite values of several arrays (optionally only where x is in [x0, x1], or values > 0). */
export function extent(
  arrays: readonly { x: ArrayLike<number>; values: ArrayLike<number | null> }[],
  x0 = -Infinity,
  x1 = Infinity,
  positiveOnly = false,
): [number, number] | null {
  const range = { lo: Infinity, hi: -Infinity };
  for (const { x, values } of arrays) widenExtent(x, values, x0, x1, positiveOnly, range);
  return range.lo <= range.hi ? [range.lo, range.hi] : null;
}

function widenExtent(
  x: ArrayLike<number>,
  values: ArrayLike<number | null>,
  x0: number,
  x1: number,
  positiveOnly: boolean,
  range: { lo: number; hi: number },
): void {
  let { lo, hi } = range;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const xi = x[i]!;
    if (typeof v !== "number" || !Number.isFinite(v) || !(xi >= x0 && xi <= x1)) continue;
    if (positiveOnly && v <= 0) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  range.lo = lo;
  range.hi = hi;
}

/** Index of the point of x (sorted ascending, NaN-free) nearest to v; for unsorted x a linear scan. */
export function nearestIndex(x: ArrayLike<number>, v: number, sorted: boolean): number {
  const n = x.length;
  if (n === 0) return -1;
  if (!sorted) {
    let best = 0;
    for (let i = 1; i < n; i++) if (Math.abs(x[i]! - v) < Math.abs(x[best]! - v)) best = i;
    return best;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(x[lo - 1]! - v) <= Math.abs(x[lo]! - v)) return lo - 1;
  return lo;
}
