/**
 * Small numeric helpers shared by the series modules: order statistics on typed arrays and the
 * t critical values used for 95% confidence bands. Pure; browser-safe.
 */

/**
 * Rearranges `a[lo..hi]` in place so that `a[k]` holds the value it would have if that range were
 * sorted, everything before it is ≤ and everything after it is ≥ (Hoare partition with a
 * median-of-three pivot; linear on average, and balanced on runs of equal values).
 */
export function selectInPlace(a: Float64Array, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three into a[mid]
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // now a[lo..j] ≤ pivot ≤ a[i..hi], and j < i
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Median of `a[0..n-1]` (mean of the two middle values for even n); NaN for n = 0. Reorders the
 * first n entries of `a`. Values must be finite.
 */
export function medianInPlace(a: Float64Array, n = a.length): number {
  if (n === 0) return NaN;
  const k = n >>> 1;
  const upper = selectInPlace(a, k, 0, n - 1);
  if (n % 2 === 1) return upper;
  let lower = a[0];
  for (let i = 1; i < k; i++) if (a[i] > lower) lower = a[i];
  return lower + (upper - lower) / 2;
}

/**
 * Two-sided 95% critical values of Student's t distribution, t(0.975, df), for df = 1…30
 * (index df − 1), to four decimals.
 */
export const T_CRITICAL_95: readonly number[] = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604,
  2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555,
  2.0518, 2.0484, 2.0452, 2.0423,
];

/** t(0.975, df): the table for df 1–30, the normal 1.96 above; NaN for df < 1. */
export function tCritical95(df: number): number {
  if (!(df >= 1)) return NaN;
  const d = Math.floor(df);
  return d <= 30 ? T_CRITICAL_95[d - 1] : 1.96;
}
