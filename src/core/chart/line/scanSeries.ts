/**
 * One pass over a line chart's series for what several steps of building it need (see
 * `scanSeries`). Typed arrays in, numbers out; no DOM, no vega.
 */

/** What `scanSeries` finds in one pass over a series; ±Infinity and −1 when there is nothing. */
export interface SeriesStats {
  /** Range of the finite values of y and the band. */
  yLo: number;
  yHi: number;
  /** Smallest positive value of y and the band. */
  minPositive: number;
  /** Range of the finite x, and whether they are all whole numbers. */
  xLo: number;
  xHi: number;
  whole: boolean;
  /** Range of x where a line or a band is drawn. */
  drawnXLo: number;
  drawnXHi: number;
  /** Index of the last point with finite x and y, and of the smallest y among those. */
  last: number;
  min: number;
}

/**
 * One pass over a series (after hiding what its axes cannot show) for everything later steps
 * need: the y range and smallest positive value (the shipped precision), the x range and whether
 * x is whole numbers (the x rounding of a downsampled series), the x range of points that draw
 * something (the domain), and the last and the smallest point (the data table). A separate
 * function so V8 optimises the loop once per call instead of replacing it on the stack.
 */
export function scanSeries(x: Float64Array, y: Float64Array, lower?: Float64Array, upper?: Float64Array): SeriesStats {
  let yLo = Infinity;
  let yHi = -Infinity;
  let minPositive = Infinity;
  let xLo = Infinity;
  let xHi = -Infinity;
  let whole = true;
  let drawnXLo = Infinity;
  let drawnXHi = -Infinity;
  let last = -1;
  let min = -1;
  const band = lower !== undefined && upper !== undefined;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const xOk = xi - xi === 0;
    if (xOk) {
      if (xi < xLo) xLo = xi;
      if (xi > xHi) xHi = xi;
      if (whole && !Number.isInteger(xi)) whole = false;
    }
    const yi = y[i]!;
    let drawn = false;
    if (yi - yi === 0) {
      if (yi < yLo) yLo = yi;
      if (yi > yHi) yHi = yi;
      if (yi > 0 && yi < minPositive) minPositive = yi;
      if (xOk) {
        drawn = true;
        last = i;
        if (min < 0 || yi < y[min]!) min = i;
      }
    }
    if (band) {
      const lo = lower[i]!;
      const hi = upper[i]!;
      const loOk = lo - lo === 0;
      const hiOk = hi - hi === 0;
      if (loOk) {
        if (lo < yLo) yLo = lo;
        if (lo > yHi) yHi = lo;
        if (lo > 0 && lo < minPositive) minPositive = lo;
      }
      if (hiOk) {
        if (hi < yLo) yLo = hi;
        if (hi > yHi) yHi = hi;
        if (hi > 0 && hi < minPositive) minPositive = hi;
      }
      if (loOk && hiOk && xOk) drawn = true;
    }
    if (drawn) {
      if (xi < drawnXLo) drawnXLo = xi;
      if (xi > drawnXHi) drawnXHi = xi;
    }
  }
  return { yLo, yHi, minPositive, xLo, xHi, whole, drawnXLo, drawnXHi, last, min };
}
