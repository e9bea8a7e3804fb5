/**
 * Scale domains every chart kind can draw, whatever the data: the line charts' frame and the
 * vega-lite kinds (scatter, bar) take their numeric domains through here. No d3, no DOM.
 */

export type DomainScaleType = "linear" | "log" | "utc";

/**
 * A domain the scale can map, whatever the data: finite, with a span d3's tick maths can step
 * through. A span that overflows (±1e308) is clamped to half the number range; a single value is widened
 * around it; a span too small to tick (subnormal, or below float precision at its magnitude) is
 * padded; a log domain is kept positive within [1e-250, MAX_VALUE]; a time domain within the dates
 * d3 can step through.
 */
export function usableDomain(type: DomainScaleType, [a, b]: readonly [number, number]): [number, number] {
  let lo = Math.min(a, b);
  let hi = Math.max(a, b);
  if (Number.isNaN(lo) || Number.isNaN(hi)) {
    lo = type === "log" ? 1 : 0;
    hi = type === "log" ? 10 : 1;
  }
  if (type === "log") {
    if (!(lo > 0)) lo = hi > 0 ? hi / 10 : 1;
    if (!(hi > 0)) hi = 10;
    lo = Math.min(Math.max(lo, LOG_MIN), LOG_MAX);
    hi = Math.min(Math.max(hi, LOG_MIN), LOG_MAX);
    // Ends this close have no log ticks between them: widen as for a single value.
    if (hi / lo < 1 + REL_SPAN) return [lo / Math.SQRT2, Math.min(LOG_MAX, hi * Math.SQRT2)];
    return [lo, hi];
  }
  const end = type === "utc" ? MAX_TIME : Number.MAX_VALUE;
  lo = Math.min(Math.max(lo, -end), end);
  hi = Math.min(Math.max(hi, -end), end);
  if (!Number.isFinite(hi - lo)) {
    lo = Math.max(lo, -end / 2);
    hi = Math.min(hi, end / 2);
  }
  const mid = lo / 2 + hi / 2;
  if (lo === hi) {
    const d = type === "utc" ? 60_000 : Math.abs(mid) >= MIN_SPAN ? Math.abs(mid) / 2 : 1;
    return [Math.max(-end, lo - d), Math.min(end, hi + d)];
  }
  const need = type === "utc" ? MIN_TIME_SPAN : Math.max(MIN_SPAN, Math.abs(mid) * REL_SPAN);
  if (hi - lo < need) return [mid - need / 2, mid + need / 2];
  return [lo, hi];
}

/** Least linear span: its tenth is well above the subnormals, where d3's tick steps break down. */
const MIN_SPAN = 1e-290;
/** Least span relative to the values' magnitude: tick labels need about 12 of a double's 15.9 digits. */
const REL_SPAN = 1e-12;
/** Log ends: far from the subnormals; the top may be the largest number (padding is clamped). */
const LOG_MIN = 1e-250;
const LOG_MAX = Number.MAX_VALUE;
/** Least time span, in ms: time ticks go no finer than milliseconds. */
const MIN_TIME_SPAN = 10;
/**
 * Time ends, in ms either side of 1970 (about 190,000 years): a `Date` holds ±8.64e15, but d3's
 * time intervals stop stepping near those ends.
 */
const MAX_TIME = 6e15;

/**
 * The domain to write into a vega-lite scale for data spanning [lo, hi], or null when vega's own
 * (nice, padded) domain is safe: null for ordinary data, a domain for empty, single-valued,
 * subnormal, overflowing or near-overflowing data.
 */
export function vegaDomain(type: "linear" | "log", values: readonly number[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (type === "log" && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return type === "log" ? [1, 10] : [0, 1];
  const domain = usableDomain(type, [lo, hi]);
  const safe = domain[0] === lo && domain[1] === hi && Math.max(Math.abs(lo), Math.abs(hi)) < 1e300 && (type === "log" || hi - lo > Math.max(Math.abs(lo), Math.abs(hi)) * 1e-9);
  return safe ? null : domain;
}
