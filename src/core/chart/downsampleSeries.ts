/**
 * Min/max bucket downsampling over the series' own order (the order points were logged, which is
 * x order for steps and wall time). Typed arrays in, typed arrays out, no per-point objects.
 *
 * Kept points: the first and last valid point, and the minimum and maximum of every bucket of the
 * points in between (so the global minimum and maximum are kept by construction). A valid point has
 * a finite x and y; anything else is a gap. Wherever the original has a gap between two kept points,
 * exactly one gap marker (a point with `y = NaN`, at the x of the first gap point) is emitted between
 * them, so a line drawn through the output never bridges a gap. Leading and trailing gaps are dropped.
 *
 * Bounds: at most `maxPoints` points. A series of at most `maxPoints` points is returned unchanged
 * (copied). First and last valid points are always kept; the global min and max are kept whenever
 * the budget allows one bucket: `maxPoints ≥ 4` without interior gaps, `maxPoints ≥ 7` always.
 */
export interface Series {
  x: Float64Array;
  y: Float64Array;
}

/** The smallest budget the downsampler accepts: first, last and a gap marker between them. */
export const MIN_POINTS = 3;

export function downsampleSeries(x: Float64Array, y: Float64Array, maxPoints: number): Series {
  if (x.length !== y.length) throw new RangeError(`x and y differ in length (${x.length} ≠ ${y.length})`);
  if (!Number.isInteger(maxPoints) || maxPoints < MIN_POINTS) {
    throw new RangeError(`maxPoints must be an integer ≥ ${MIN_POINTS}, got ${maxPoints}`);
  }
  const n = x.length;
  if (n <= maxPoints) return { x: x.slice(), y: y.slice() };

  let lo = 0;
  while (lo < n && !isValid(x, y, lo)) lo++;
  if (lo === n) return { x: new Float64Array(0), y: new Float64Array(0) };
  let hi = n - 1;
  while (!isValid(x, y, hi)) hi--;

  const gapRuns = countGapRuns(x, y, lo, hi);
  const kept = keptIndices(x, y, lo, hi, bucketCount(maxPoints, gapRuns), gapRuns > 0);
  return withGapMarkers(x, y, kept, gapRuns > 0);
}

/**
 * The same selection as `downsampleSeries`, as indices into x/y: a gap marker is the index of the
 * first gap point (read its y as NaN). Lets a caller carry aligned arrays (a band, run counts)
 * along with the kept points. A series of at most `maxPoints` points gives every index.
 */
export function downsampleIndices(x: Float64Array, y: Float64Array, maxPoints: number): Int32Array {
  if (x.length !== y.length) throw new RangeError(`x and y differ in length (${x.length} ≠ ${y.length})`);
  if (!Number.isInteger(maxPoints) || maxPoints < MIN_POINTS) {
    throw new RangeError(`maxPoints must be an integer ≥ ${MIN_POINTS}, got ${maxPoints}`);
  }
  const n = x.length;
  if (n <= maxPoints) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  let lo = 0;
  while (lo < n && !isValid(x, y, lo)) lo++;
  if (lo === n) return new Int32Array(0);
  let hi = n - 1;
  while (!isValid(x, y, hi)) hi--;
  const gapRuns = countGapRuns(x, y, lo, hi);
  const kept = keptIndices(x, y, lo, hi, bucketCount(maxPoints, gapRuns), gapRuns > 0);
  // Without gaps between lo and hi there are no markers to add.
  if (gapRuns === 0) return kept;
  const out = new Int32Array(2 * kept.length);
  let m = 0;
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k]!;
    if (k > 0) {
      for (let g = kept[k - 1]! + 1; g < i; g++) {
        if (isValid(x, y, g)) continue;
        out[m++] = g;
        break;
      }
    }
    out[m++] = i;
  }
  return out.slice(0, m);
}

function isValid(x: Float64Array, y: Float64Array, i: number): boolean {
  // v − v is 0 exactly for finite v (NaN for NaN and ±Infinity): Number.isFinite without the call.
  const a = x[i]!;
  const b = y[i]!;
  return a - a === 0 && b - b === 0;
}

function countGapRuns(x: Float64Array, y: Float64Array, lo: number, hi: number): number {
  let runs = 0;
  let inGap = false;
  for (let i = lo; i <= hi; i++) {
    const gap = !isValid(x, y, i);
    if (gap && !inGap) runs++;
    inGap = gap;
  }
  return runs;
}

/**
 * Output = kept + markers, with kept ≤ 2 + 2·B and markers ≤ min(kept − 1, gapRuns). Take the
 * larger B of the two bounds that hold: markers ≤ gapRuns (few gaps, nearly the whole budget goes
 * to points) and markers ≤ kept − 1 (many gaps: at most one marker between two kept points).
 */
function bucketCount(maxPoints: number, gapRuns: number): number {
  const fewGaps = Math.floor((maxPoints - 2 - gapRuns) / 2);
  const manyGaps = Math.floor((maxPoints - 3) / 4);
  return Math.max(fewGaps, manyGaps, 0);
}

/**
 * Sorted indices of the kept valid points: lo, each bucket's min and max, hi. `gaps`: whether
 * [lo, hi] has invalid points (when not, the buckets are scanned without checking each point).
 */
function keptIndices(x: Float64Array, y: Float64Array, lo: number, hi: number, buckets: number, gaps: boolean): Int32Array {
  const inner = hi - lo - 1;
  const b = Math.min(buckets, Math.max(inner, 0));
  const out = new Int32Array(2 + 2 * b);
  let k = 0;
  out[k++] = lo;
  for (let j = 0; j < b; j++) {
    const start = lo + 1 + Math.floor((j * inner) / b);
    const end = lo + 1 + Math.floor(((j + 1) * inner) / b);
    let iMin = -1;
    let iMax = -1;
    if (gaps) {
      for (let i = start; i < end; i++) {
        if (!isValid(x, y, i)) continue;
        if (iMin < 0 || y[i]! < y[iMin]!) iMin = i;
        if (iMax < 0 || y[i]! > y[iMax]!) iMax = i;
      }
    } else if (start < end) {
      // Every point is valid: the first one starts both extremes (ties keep the earliest).
      iMin = iMax = start;
      let yMin = y[start]!;
      let yMax = yMin;
      for (let i = start + 1; i < end; i++) {
        const v = y[i]!;
        if (v < yMin) {
          yMin = v;
          iMin = i;
        }
        if (v > yMax) {
          yMax = v;
          iMax = i;
        }
      }
    }
    if (iMin < 0) continue;
    if (iMin === iMax) out[k++] = iMin;
    else if (iMin < iMax) {
      out[k++] = iMin;
      out[k++] = iMax;
    } else {
      out[k++] = iMax;
      out[k++] = iMin;
    }
  }
  if (hi !== lo) out[k++] = hi;
  return out.subarray(0, k);
}

function withGapMarkers(x: Float64Array, y: Float64Array, kept: Int32Array, gaps: boolean): Series {
  const cap = 2 * kept.length;
  const ox = new Float64Array(cap);
  const oy = new Float64Array(cap);
  let m = 0;
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k]!;
    if (k > 0 && gaps) {
      for (let g = kept[k - 1]! + 1; g < i; g++) {
        if (isValid(x, y, g)) continue;
        ox[m] = x[g]!;
        oy[m++] = NaN;
        break;
      }
    }
    ox[m] = x[i]!;
    oy[m++] = y[i]!;
  }
  return { x: ox.slice(0, m), y: oy.slice(0, m) };
}
