/**
 * M4 downsampling (Jugel et al., VLDB 2014) for the build-time SVG: per pixel column of the x
 * range, keep the first, minimum, maximum and last point, in their original order. A polyline
 * through the result rasterises like the polyline through the full series at that width.
 *
 * Details:
 * - A valid point has finite x and y; anything else is a gap. Wherever the input has a gap between
 *   two kept points, exactly one gap marker (y = NaN, at the x of the first gap point, or of the
 *   previous kept point if that x is not finite) is emitted between them; leading and trailing gaps
 *   are dropped. A gap also splits a column: the points on each side are summarised separately.
 * - Column of a point: ⌊(x − x0) / (x1 − x0) · columns⌋, with x = x1 in the last column. Points left
 *   of x0 / right of x1 are kept only where the line leaves or enters the range: the last point
 *   before x0 and the first after x1 (when no gap separates them from their neighbour), so a clipped
 *   line still reaches the plot edges.
 * - Points are summarised per maximal run of consecutive valid points in the same column, in input
 *   order. For non-decreasing x (steps, wall time) that is exactly one run per column (per gap-free
 *   piece); for an x that moves back and forth (a metric on x) the output is still a faithful
 *   polyline, only longer.
 * - Size, for non-decreasing x with M output gap markers: at most 4·(columns + M) + 2 kept points
 *   plus M markers; without gaps at most 4·columns + 2 (the 2 only when points lie outside
 *   [x0, x1]). Ties for min/max keep the earliest point.
 */
export function m4(
  x: Float64Array,
  y: Float64Array,
  x0: number,
  x1: number,
  columns: number,
): { x: Float64Array; y: Float64Array } {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`x and y differ in length (${n} ≠ ${y.length})`);
  if (!(Number.isFinite(x0) && Number.isFinite(x1) && x1 > x0)) throw new RangeError(`bad x range [${x0}, ${x1}]`);
  if (!(Number.isInteger(columns) && columns >= 1)) throw new RangeError(`columns must be an integer ≥ 1, got ${columns}`);

  const scale = columns / (x1 - x0);
  const out = new Out(Math.min(n + 1, 4 * columns + 16));
  const pick = new Int32Array(4);

  // current group (maximal run of consecutive valid points in one column)
  let gCol = 0;
  let gFirst = -1;
  let gLast = -1;
  let gMin = -1;
  let gMax = -1;
  let gHasPred = false; // the group's first point is joined to a valid point before it
  let prevValid = false; // the previous input point was valid

  // gap marker state
  let gapSinceKept = false;
  let markerX = NaN;

  const emit = (i: number): void => {
    if (gapSinceKept) {
      out.push(markerX, NaN);
      gapSinceKept = false;
    }
    out.push(x[i], y[i]);
  };

  const close = (hasSucc: boolean): void => {
    if (gFirst < 0) return;
    if (gCol < 0 || gCol >= columns) {
      // outside [x0, x1]: only the points where the line crosses into another column
      if (gHasPred) emit(gFirst);
      if (hasSucc && (gLast !== gFirst || !gHasPred)) emit(gLast);
    } else {
      pick[0] = gFirst;
      pick[1] = gMin;
      pick[2] = gMax;
      pick[3] = gLast;
      // sort 4 indices (insertion), then emit distinct
      for (let a = 1; a < 4; a++) {
        const v = pick[a];
        let b = a - 1;
        while (b >= 0 && pick[b] > v) {
          pick[b + 1] = pick[b];
          b--;
        }
        pick[b + 1] = v;
      }
      for (let a = 0; a < 4; a++) if (a === 0 || pick[a] !== pick[a - 1]) emit(pick[a]);
    }
    gFirst = -1;
  };

  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const yi = y[i];
    if (!(xi - xi === 0 && yi - yi === 0)) {
      if (prevValid) close(false);
      prevValid = false;
      if (!gapSinceKept && out.length > 0) {
        gapSinceKept = true;
        markerX = xi - xi === 0 ? xi : out.lastX();
      }
      continue;
    }
    let col: number;
    if (xi < x0) col = -1;
    else if (xi > x1) col = columns;
    else {
      col = Math.floor((xi - x0) * scale);
      if (col >= columns) col = columns - 1;
    }
    if (gFirst >= 0 && col !== gCol) close(true);
    if (gFirst < 0) {
      gCol = col;
      gFirst = gLast = gMin = gMax = i;
      gHasPred = prevValid;
    } else {
      gLast = i;
      if (yi < y[gMin]) gMin = i;
      if (yi > y[gMax]) gMax = i;
    }
    prevValid = true;
  }
  close(false);
  return out.result();
}

/** Growable pair of Float64Arrays. */
class Out {
  private xs: Float64Array;
  private ys: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.xs = new Float64Array(Math.max(capacity, 4));
    this.ys = new Float64Array(Math.max(capacity, 4));
  }
  push(x: number, y: number): void {
    if (this.length === this.xs.length) {
      const xs = new Float64Array(this.xs.length * 2);
      const ys = new Float64Array(this.ys.length * 2);
      xs.set(this.xs);
      ys.set(this.ys);
      this.xs = xs;
      this.ys = ys;
    }
    this.xs[this.length] = x;
    this.ys[this.length++] = y;
  }
  lastX(): number {
    return this.xs[this.length - 1];
  }
  result(): { x: Float64Array; y: Float64Array } {
    return { x: this.xs.slice(0, this.length), y: this.ys.slice(0, this.length) };
  }
}
