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

  // One loop with all state in locals: no closures, whose captured variables V8 keeps in a heap
  // context instead of registers (about a fifth faster). Output grows by doubling.
  const scale = columns / (x1 - x0);
  let cap = Math.max(Math.min(n + 1, 4 * columns + 16), 8);
  let ox = new Float64Array(cap);
  let oy = new Float64Array(cap);
  let m = 0;

  // current group (maximal run of consecutive valid points in one column)
  let gCol = 0;
  let gFirst = -1;
  let gLast = -1;
  let gMin = -1;
  let gMax = -1;
  let yMin = 0;
  let yMax = 0;
  let gHasPred = false; // the group's first point is joined to a valid point before it
  let prevValid = false; // the previous input point was valid

  // gap marker state
  let gapSinceKept = false;
  let markerX = NaN;

  // i === n closes the last group.
  for (let i = 0; i <= n; i++) {
    const xi = i < n ? x[i]! : NaN;
    const yi = i < n ? y[i]! : NaN;
    const valid = xi - xi === 0 && yi - yi === 0;
    let col = 0;
    if (valid) {
      if (xi < x0) col = -1;
      else if (xi > x1) col = columns;
      else {
        col = Math.floor((xi - x0) * scale);
        if (col >= columns) col = columns - 1;
      }
    }
    if (gFirst >= 0 && (!valid || col !== gCol)) {
      // Close the group: emit its kept points (each after a pending gap marker), in input order.
      // At most four points and one marker.
      if (m + 5 > cap) {
        cap *= 2;
        ox = grown(ox, cap);
        oy = grown(oy, cap);
      }
      const hasSucc = valid;
      let k0 = -1;
      let k1 = -1;
      let k2 = -1;
      let k3 = -1;
      if (gCol < 0 || gCol >= columns) {
        // outside [x0, x1]: only the points where the line crosses into another column
        if (gHasPred) k0 = gFirst;
        if (hasSucc && (gLast !== gFirst || !gHasPred)) k1 = gLast;
      } else {
        // first ≤ min, max ≤ last by index: the sorted distinct picks
        const lo = gMin < gMax ? gMin : gMax;
        const hi = gMin < gMax ? gMax : gMin;
        k0 = gFirst;
        if (lo !== gFirst) k1 = lo;
        if (hi !== lo) k2 = hi;
        if (gLast !== hi) k3 = gLast;
      }
      for (let s = 0; s < 4; s++) {
        const k = s === 0 ? k0 : s === 1 ? k1 : s === 2 ? k2 : k3;
        if (k < 0) continue;
        if (gapSinceKept) {
          ox[m] = markerX;
          oy[m++] = NaN;
          gapSinceKept = false;
        }
        ox[m] = x[k]!;
        oy[m++] = y[k]!;
      }
      gFirst = -1;
    }
    if (i === n) break;
    if (!valid) {
      prevValid = false;
      if (!gapSinceKept && m > 0) {
        gapSinceKept = true;
        markerX = xi - xi === 0 ? xi : ox[m - 1]!;
      }
      continue;
    }
    if (gFirst < 0) {
      gCol = col;
      gFirst = gLast = gMin = gMax = i;
      yMin = yMax = yi;
      gHasPred = prevValid;
    } else {
      gLast = i;
      if (yi < yMin) {
        yMin = yi;
        gMin = i;
      }
      if (yi > yMax) {
        yMax = yi;
        gMax = i;
      }
    }
    prevValid = true;
  }
  return { x: ox.slice(0, m), y: oy.slice(0, m) };
}

function grown(a: Float64Array<ArrayBuffer>, capacity: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(capacity);
  out.set(a);
  return out;
}
