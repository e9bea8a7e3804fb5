/**
 * Smoothing of one series for line charts: TensorBoard's debiased EMA, a time-weighted EMA for
 * uneven x spacing, Gaussian kernel smoothing and a centred running mean. Pure TypeScript over
 * typed arrays, no DOM and no allocation per point: the browser calls it when a reader moves the
 * smoothing slider. Formulas, parameter ranges and worked examples: docs/smoothing.md.
 *
 * Shared conventions (all kinds):
 * - A point is *valid* when both its x and y are finite. Every other point is a gap: its output is
 *   NaN and it does not touch the smoother's state. Each kind is defined on the subsequence of
 *   valid points; "n points" and "window" count valid points only.
 * - The output is a Float64Array of the input's length (new, or the caller's `out`), aligned index
 *   for index with `y`.
 * - A series whose valid values are all equal comes out exactly equal (every kind is written as
 *   `value + Σ weight·(difference)`, so there is no rounding drift on constants).
 * - Bad parameters are programming errors (`RangeError`); the block schema validates user input.
 */

import { medianInPlace } from "./stats.ts";

export type SmoothSpec =
  | { kind: "none" }
  /** TensorBoard's smoothing: per-point weight 0 ≤ weight < 1 (UI range 0–0.999). */
  | { kind: "ema"; weight: number }
  /**
   * Time-weighted EMA: `weight` is the decay per `unit` of x. `unit` defaults to the series'
   * median spacing of consecutive valid x values, so evenly spaced series match `ema`. Pass the
   * same `unit` to every series of a chart to smooth them over the same x distance whatever their
   * logging frequency.
   */
  | { kind: "twema"; weight: number; unit?: number }
  /** Gaussian kernel, sigma in points (valid points), cut at ⌊3·sigma⌋; sigma ≥ 0. */
  | { kind: "gaussian"; sigma: number }
  /** Centred moving average over `window` points (integer ≥ 1), truncated at the ends. */
  | { kind: "running"; window: number };

export type SmoothKind = SmoothSpec["kind"];

/**
 * Smooths y (aligned with x) as `spec` says. `out`, when given, receives the result and is
 * returned (length must match; it may be `y` itself): the browser can reuse one buffer per series
 * while a slider moves instead of allocating.
 */
export function smooth(x: Float64Array, y: Float64Array, spec: SmoothSpec, out?: Float64Array): Float64Array {
  const n = y.length;
  if (x.length !== n) throw new RangeError(`x and y differ in length (${x.length} ≠ ${n})`);
  if (out !== undefined && out.length !== n) throw new RangeError(`out has length ${out.length}, expected ${n}`);
  const o = out ?? new Float64Array(n);
  switch (spec.kind) {
    case "none":
      return copyValid(x, y, o);
    case "ema":
      return ema(x, y, checkWeight(spec.weight), o);
    case "twema":
      return twema(x, y, checkWeight(spec.weight), spec.unit, o);
    case "gaussian":
      return gaussian(x, y, spec.sigma, o);
    case "running":
      return running(x, y, spec.window, o);
    default: {
      const never: never = spec;
      throw new RangeError(`unknown smoothing kind ${JSON.stringify((never as { kind: unknown }).kind)}`);
    }
  }
}

function checkWeight(w: number): number {
  if (!(w >= 0 && w < 1)) throw new RangeError(`smoothing weight must be in [0, 1), got ${w}`);
  return w;
}

/** True when v is finite (NaN and ±Infinity give NaN under subtraction). */
function finite(v: number): boolean {
  return v - v === 0;
}

function copyValid(x: Float64Array, y: Float64Array, out: Float64Array): Float64Array {
  const n = y.length;
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    out[i] = finite(yi) && finite(x[i]) ? yi : NaN;
  }
  return out;
}

/**
 * s_k = s_{k-1} + (y_k − s_{k-1}) / D_k with D_k = w·D_{k-1} + 1, D_0 = 0: the running form of
 * TensorBoard's `last = last·w + (1 − w)·y; out = last / (1 − w^k)` (D_k = (1 − w^k)/(1 − w)).
 */
function ema(x: Float64Array, y: Float64Array, w: number, out: Float64Array): Float64Array {
  const n = y.length;
  let s = 0;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    if (!finite(yi) || !finite(x[i])) {
      out[i] = NaN;
      continue;
    }
    d = w * d + 1;
    s = d === 1 ? yi : s + (yi - s) / d;
    out[i] = s;
  }
  return out;
}

/**
 * As `ema`, but between consecutive valid points the decay is w^(Δx / unit) instead of w, with
 * Δx = max(x_k − x_{k-1}, 0): D_k = w^(Δx/unit)·D_{k-1} + 1, s_k = s_{k-1} + (y_k − s_{k-1}) / D_k.
 */
function twema(
  x: Float64Array,
  y: Float64Array,
  w: number,
  unitIn: number | undefined,
  out: Float64Array,
): Float64Array {
  let unit: number;
  if (unitIn === undefined) unit = medianSpacing(x, y);
  else if (unitIn > 0 && finite(unitIn)) unit = unitIn;
  else throw new RangeError(`twema unit must be a finite number > 0, got ${unitIn}`);
  const n = y.length;
  let s = 0;
  let d = 0;
  let prevX = 0;
  let lastDx = unit;
  let lastDecay = w; // w^(unit/unit), exactly w
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    const xi = x[i];
    if (!finite(yi) || !finite(xi)) {
      out[i] = NaN;
      continue;
    }
    if (d === 0) {
      d = 1;
      s = yi;
    } else {
      const dx = xi > prevX ? xi - prevX : 0;
      if (dx !== lastDx) {
        lastDx = dx;
        lastDecay = Math.pow(w, dx / unit);
      }
      d = lastDecay * d + 1;
      s = d === 1 ? yi : s + (yi - s) / d;
    }
    prevX = xi;
    out[i] = s;
  }
  return out;
}

/**
 * Median of the positive differences x_k − x_{k-1} between consecutive valid points; 1 when there
 * is none (fewer than two valid points, or all at the same x: the unit then does not matter).
 */
export function medianSpacing(x: Float64Array, y: Float64Array): number {
  const n = y.length;
  // First pass, no allocation: count positive spacings and see whether they are all equal
  // (steps logged every k, the usual case).
  let m = 0;
  let first = NaN;
  let even = true;
  let prev = NaN;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (!finite(xi) || !finite(y[i])) continue;
    const dx = xi - prev; // NaN for the first valid point
    prev = xi;
    if (!(dx > 0)) continue;
    if (m++ === 0) first = dx;
    else if (dx !== first) even = false;
  }
  if (m === 0) return 1;
  if (even) return first;
  const diffs = new Float64Array(m);
  m = 0;
  prev = NaN;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (!finite(xi) || !finite(y[i])) continue;
    const dx = xi - prev;
    prev = xi;
    if (dx > 0) diffs[m++] = dx;
  }
  return medianInPlace(diffs, m);
}

/** Indices and values of the valid points, packed. */
function compact(x: Float64Array, y: Float64Array): { idx: Int32Array; v: Float64Array; m: number } {
  const n = y.length;
  const idx = new Int32Array(n);
  const v = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i];
    if (finite(yi) && finite(x[i])) {
      idx[m] = i;
      v[m++] = yi;
    }
  }
  return { idx, v, m };
}


/**
 * out_j = y_j + Σ_{|k−j| ≤ h} g_k·(y_k − y_j) / Σ_{|k−j| ≤ h} g_k over valid points k, with
 * g_k = exp(−(k−j)² / (2σ²)), h = ⌊3σ⌋; near the ends only the existing neighbours count, so the
 * weights are renormalised over what is there.
 */
function gaussian(x: Float64Array, y: Float64Array, sigma: number, out: Float64Array): Float64Array {
  if (!(sigma >= 0 && finite(sigma))) throw new RangeError(`gaussian sigma must be a finite number ≥ 0, got ${sigma}`);
  const { idx, v, m } = compact(x, y);
  out.fill(NaN);
  const h = Math.min(Math.floor(3 * sigma), Math.max(m - 1, 0));
  if (h < 1) {
    for (let j = 0; j < m; j++) out[idx[j]] = v[j];
    return out;
  }
  const kernel = new Float64Array(h + 1);
  const inv = -1 / (2 * sigma * sigma);
  let full = 1;
  kernel[0] = 1;
  for (let k = 1; k <= h; k++) {
    kernel[k] = Math.exp(k * k * inv);
    full += 2 * kernel[k];
  }
  for (let j = 0; j < m; j++) {
    const c = v[j];
    const left = Math.min(h, j);
    const right = Math.min(h, m - 1 - j);
    let num = 0;
    for (let k = 1; k <= left; k++) num += kernel[k] * (v[j - k] - c);
    for (let k = 1; k <= right; k++) num += kernel[k] * (v[j + k] - c);
    let den = full;
    if (left < h || right < h) {
      den = 1;
      for (let k = 1; k <= left; k++) den += kernel[k];
      for (let k = 1; k <= right; k++) den += kernel[k];
    }
    out[idx[j]] = c + num / den;
  }
  return out;
}

/**
 * Centred mean over the valid points j − b … j + a, b = ⌊window/2⌋, a = window − 1 − b, clipped to
 * the series (an even window reaches one point further back than forward).
 */
function running(x: Float64Array, y: Float64Array, window: number, out: Float64Array): Float64Array {
  if (!(Number.isInteger(window) && window >= 1)) {
    throw new RangeError(`running window must be an integer ≥ 1, got ${window}`);
  }
  const { idx, v, m } = compact(x, y);
  out.fill(NaN);
  if (m === 0) return out;
  if (window === 1) {
    for (let j = 0; j < m; j++) out[idx[j]] = v[j];
    return out;
  }
  const before = Math.floor(window / 2);
  const after = window - 1 - before;
  // Prefix sums of deviations from the first value: exact on constant series.
  const offset = v[0];
  const prefix = new Float64Array(m + 1);
  for (let j = 0; j < m; j++) prefix[j + 1] = prefix[j] + (v[j] - offset);
  for (let j = 0; j < m; j++) {
    const lo = j - before > 0 ? j - before : 0;
    const hi = j + after < m - 1 ? j + after : m - 1;
    out[idx[j]] = offset + (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
  }
  return out;
}
