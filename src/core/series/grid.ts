/**
 * Common x grids and per-run linear interpolation onto them, for aggregating runs that were logged
 * at different steps. Pure; typed arrays only.
 */

/**
 * One run prepared for interpolation: its valid points (finite x and y) in strictly increasing x,
 * and for each segment j → j+1 whether a gap lay between the two points (`broken[j] = 1`), in
 * which case nothing is interpolated across it.
 */
export interface PreparedRun {
  x: Float64Array;
  y: Float64Array;
  broken: Uint8Array;
}

function finite(v: number): boolean {
  return v - v === 0;
}

/**
 * Orders a run by x and marks gaps.
 * - x non-decreasing over the points with finite x (the usual case: steps, wall time): logged order
 *   is kept; any invalid point (non-finite x or y) breaks the segment it lies in.
 * - otherwise the points with finite x are stably sorted by x; a finite-x point with a non-finite
 *   y still breaks the segment around its x; points with a non-finite x are dropped (they have no
 *   place on the axis).
 * - several valid points at one x: the last one (in that order) wins, as when a resumed run logs a
 *   step again.
 */
export function prepareRun(x: Float64Array, y: Float64Array): PreparedRun {
  if (x.length !== y.length) throw new RangeError(`x and y differ in length (${x.length} ≠ ${y.length})`);
  const n = x.length;
  let sorted = true;
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (!finite(xi)) continue;
    if (xi < prev) {
      sorted = false;
      break;
    }
    prev = xi;
  }
  let order: Int32Array | null = null;
  if (!sorted) {
    const finiteIdx: number[] = [];
    for (let i = 0; i < n; i++) if (finite(x[i])) finiteIdx.push(i);
    finiteIdx.sort((a, b) => x[a] - x[b] || a - b);
    order = Int32Array.from(finiteIdx);
  }
  const len = order ? order.length : n;
  const ox = new Float64Array(len);
  const oy = new Float64Array(len);
  const broken = new Uint8Array(len);
  let m = 0;
  let gap = false; // an invalid point since the last kept one
  for (let k = 0; k < len; k++) {
    const i = order ? order[k] : k;
    const xi = x[i];
    const yi = y[i];
    if (!finite(xi) || !finite(yi)) {
      if (m > 0) gap = true;
      continue;
    }
    if (m > 0 && ox[m - 1] === xi) {
      oy[m - 1] = yi; // same x again: last wins; a gap between the two is zero-width
      gap = false;
      continue;
    }
    if (m > 0 && gap) broken[m - 1] = 1;
    gap = false;
    ox[m] = xi;
    oy[m] = yi;
    m++;
  }
  if (m > 0) broken[m - 1] = 0;
  // Clean data (every point finite, no x twice) keeps every point: no second copy.
  if (m === len) return { x: ox, y: oy, broken };
  return { x: ox.slice(0, m), y: oy.slice(0, m), broken: broken.slice(0, m) };
}

/**
 * Values of a prepared run at each x of an increasing grid: the run's value where the grid x is
 * one of its points, linear interpolation between two neighbouring points with no gap between
 * them, NaN elsewhere (before its first point, after its last, inside a gap). Never extrapolates.
 */
export function interpolateOnGrid(run: PreparedRun, grid: Float64Array, out = new Float64Array(grid.length)): Float64Array {
  const { x, y, broken } = run;
  const n = x.length;
  let j = 0;
  for (let i = 0; i < grid.length; i++) {
    const g = grid[i];
    if (n === 0 || !(g >= x[0] && g <= x[n - 1])) {
      out[i] = NaN;
      continue;
    }
    while (j + 1 < n && x[j + 1] <= g) j++;
    if (x[j] === g) out[i] = y[j];
    else if (broken[j]) out[i] = NaN;
    else {
      const x0 = x[j];
      const y0 = y[j];
      const y1 = y[j + 1];
      out[i] = y0 === y1 ? y0 : y0 + ((y1 - y0) * (g - x0)) / (x[j + 1] - x0);
    }
  }
  return out;
}

/** Sorted distinct x values of all runs' points. */
export function unionGrid(runs: readonly PreparedRun[]): Float64Array {
  let total = 0;
  for (const r of runs) total += r.x.length;
  const all = new Float64Array(total);
  let k = 0;
  for (const r of runs) {
    all.set(r.x, k);
    k += r.x.length;
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < total; i++) if (m === 0 || all[i] !== all[m - 1]) all[m++] = all[i];
  return all.slice(0, m);
}

/**
 * `points` evenly spaced values from lo to hi inclusive (exact at both ends). With `integer`,
 * values are rounded to integers and duplicates removed (steps stay whole steps), so the result
 * may be shorter. lo = hi gives [lo].
 */
export function evenGrid(lo: number, hi: number, points: number, integer = false): Float64Array {
  if (!(finite(lo) && finite(hi) && hi >= lo)) throw new RangeError(`bad grid range [${lo}, ${hi}]`);
  if (!(Number.isInteger(points) && points >= 2)) throw new RangeError(`grid points must be an integer ≥ 2, got ${points}`);
  if (lo === hi) return Float64Array.of(lo);
  const out = new Float64Array(points);
  const span = hi - lo;
  let m = 0;
  for (let i = 0; i < points; i++) {
    let v = i === points - 1 ? hi : lo + (span * i) / (points - 1);
    if (integer) v = Math.round(v);
    if (m === 0 || v > out[m - 1]) out[m++] = v;
  }
  return m === points ? out : out.slice(0, m);
}
