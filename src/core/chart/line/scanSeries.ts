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

export interface ScannedSeries {
  stats: SeriesStats;
  /** y with NaN where a point cannot be drawn; the given array itself when nothing was hidden. */
  y: Float64Array;
  /** Points hidden because x ≤ 0 on a log x axis, and because y ≤ 0 on a log y axis. */
  hiddenX: number;
  hiddenY: number;
}

export interface ScanOptions {
  /** Band edges, aligned with x: hidden in place where the axes cannot show them (pass copies). */
  lower?: Float64Array;
  upper?: Float64Array;
  xLog?: boolean;
  yLog?: boolean;
}

/**
 * One pass over a series, first hiding what its axes cannot show (a point whose x is not finite,
 * x ≤ 0 on a log x axis, y ≤ 0 on a log y axis: y becomes NaN in a copy made at the first such
 * point; band edges likewise, in place), then finding everything later steps need: the y range and
 * smallest positive value (the shipped precision), the x range and whether x is whole numbers
 * (the x rounding of a downsampled series), the x range of points that draw something (the
 * domain), and the last and the smallest point (the data table). One loop over every logged
 * point where there were two; a function of its own so V8 optimises it once per call instead of
 * replacing it on the stack.
 */
export function scanSeries(x: Float64Array, given: Float64Array, options: ScanOptions = {}): ScannedSeries {
  const { lower, upper } = options;
  const xLog = options.xLog === true;
  const yLog = options.yLog === true;
  let y = given;
  let hiddenX = 0;
  let hiddenY = 0;
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
  let minY = Infinity;
  const band = lower !== undefined && upper !== undefined;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const xOk = xi - xi === 0;
    if (xOk) {
      if (xi < xLo) xLo = xi;
      if (xi > xHi) xHi = xi;
      if (whole && !Number.isInteger(xi)) whole = false;
    }
    const xShown = xOk && !(xLog && xi <= 0);
    let yi = y[i]!;
    if (yi === yi && !(xShown && !(yLog && yi <= 0))) {
      if (xOk && xLog && xi <= 0) hiddenX++;
      else if (xOk) hiddenY++;
      if (y === given) y = given.slice();
      y[i] = yi = NaN;
    }
    let drawn = false;
    if (yi - yi === 0) {
      if (yi < yLo) yLo = yi;
      if (yi > yHi) yHi = yi;
      if (yi > 0 && yi < minPositive) minPositive = yi;
      drawn = true;
      last = i;
      if (min < 0 || yi < minY) {
        min = i;
        minY = yi;
      }
    }
    if (band) {
      let lo = lower[i]!;
      let hi = upper[i]!;
      if (!xShown || (yLog && !(lo > 0 && hi > 0))) lower[i] = upper[i] = lo = hi = NaN;
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
      if (loOk && hiOk) drawn = true;
    }
    if (drawn) {
      if (xi < drawnXLo) drawnXLo = xi;
      if (xi > drawnXHi) drawnXHi = xi;
    }
  }
  return { stats: { yLo, yHi, minPositive, xLo, xHi, whole, drawnXLo, drawnXHi, last, min }, y, hiddenX, hiddenY };
}
