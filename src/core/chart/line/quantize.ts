/**
 * How precisely a line chart's interactive points are shipped. The page's weight is mostly the
 * points' digits; noise in the last digits costs bytes a reader never sees. So y is rounded to a
 * step tied to the series' range (see `yRoundingStep`), and x of a downsampled series to a step
 * finer than its buckets (see `xRoundingStep`). Rounded values are decimals, so `numberColumn`
 * ships them as small integer deltas.
 */

/** Steps across a series' y range: far finer than a chart's few hundred pixel rows. */
const RANGE_STEPS = 1e4;
/** Steps below the smallest value of an all-positive series, so a log axis stays exact at its bottom. */
const VALUE_STEPS = 1e3;
/** Never finer than this fraction of the range (a series with a tiny positive floor). */
const FINEST = 1e-9;

/**
 * The y step of one series, a 1, 2 or 5 × 10^k, from its scanned range (lowest, highest and
 * smallest positive finite value of the line and its band, `scanSeries`): at least 10,000 steps
 * across the range, and for an all-positive series at least 1,000 below its smallest value, so a
 * log axis spanning decades stays exact where it is lowest. 0: no finite values.
 */
export function yRoundingStep(lo: number, hi: number, minPositive: number): number {
  if (!(lo <= hi)) return 0;
  const range = hi - lo;
  if (range === 0) return lo === 0 ? 1 : niceAtLeast(Math.abs(lo) / (10 * RANGE_STEPS));
  let step = niceAtLeast(range / RANGE_STEPS);
  if (lo > 0) step = Math.min(step, Math.max(niceAtLeast(minPositive / VALUE_STEPS), niceAtLeast(range * FINEST)));
  return step;
}

/**
 * The step x of a downsampled series is rounded to: the smallest 1, 2 or 5 × 10^k at least
 * `span / points` (half a bucket of the downsampler, well under a pixel), never finer than 1 when
 * x is whole numbers (steps) so whole steps stay whole.
 */
export function xRoundingStep(span: number, points: number, wholeNumbers: boolean): number {
  const step = niceAtLeast(span / Math.max(1, points));
  if (step === 0) return wholeNumbers ? 1 : 0;
  return wholeNumbers ? Math.max(1, step) : step;
}

/** The smallest 1, 2 or 5 × 10^k that is at least `v` (> 0); 0 for anything else. */
export function niceAtLeast(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 0;
  const k = Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) {
    const step = roundToNice(m * 10 ** k);
    if (step >= v * (1 - 1e-12)) return step;
  }
  return roundToNice(10 ** (k + 1));
}

/**
 * A step to round to (a 1/2/5 × 10^k step, or 0: no rounding) with the power of ten that gives
 * clean decimals (0.30693 → 0.3069 at 0.0001), worked out once per step, not per value (a
 * logarithm per value was a measurable part of building a chart).
 */
export interface StepRounding {
  step: number;
  scale: number;
}

export function stepRounding(step: number): StepRounding {
  if (!(step > 0)) return { step: 0, scale: 1 };
  return { step, scale: 10 ** -Math.min(Math.floor(Math.log10(step)), 0) };
}

/**
 * v rounded to a multiple of the step (v itself without a step, or when not finite). A plain
 * function rather than a closure per step: the loops over every shipped point then inline it.
 */
export function roundToStep(v: number, r: StepRounding): number {
  if (!(r.step > 0) || v - v !== 0) return v;
  return Math.round(Math.round(v / r.step) * r.step * r.scale) / r.scale;
}

/** Cleans float noise off 1/2/5 × 10^k (e.g. 5 × 10^-3 = 0.005000000000000001). */
function roundToNice(step: number): number {
  return Number(step.toPrecision(1));
}
