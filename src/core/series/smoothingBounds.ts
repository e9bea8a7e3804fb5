/**
 * The allowed range of each smoothing parameter, in one place: the block schema rejects values
 * outside it (a positioned diagnostic), the build checks the spec it smooths with, and the page's
 * slider spans it. The slider's usual span is narrower (a slider over 0–1000 could not pick σ=2);
 * it widens to the block's own value, so the slider always shows what the chart draws.
 */
import type { SmoothSpec } from "./smooth.ts";

export interface ParamBounds {
  min: number;
  max: number;
  /** `min` itself is not allowed (σ = 0 would be no smoothing: write `kind: none`). */
  minExclusive: boolean;
  /** The slider's usual upper end and step; its lower end is `min`, which means "no smoothing". */
  sliderMax: number;
  sliderStep: number;
}

export const SMOOTHING_BOUNDS = {
  /** EMA and time-weighted EMA: the weight of the past; 1 would never move. */
  weight: { min: 0, max: 0.999, minExclusive: false, sliderMax: 0.99, sliderStep: 0.01 },
  /** Gaussian σ, in points. */
  sigma: { min: 0, max: 1000, minExclusive: true, sliderMax: 20, sliderStep: 0.5 },
  /** Running mean window, in points (an integer). */
  window: { min: 1, max: 100000, minExclusive: false, sliderMax: 101, sliderStep: 1 },
} as const satisfies Record<string, ParamBounds>;

export type SmoothingParam = keyof typeof SMOOTHING_BOUNDS;

/** The parameter a smoothing kind takes; `none` takes none. */
export function smoothingParamOf(kind: SmoothSpec["kind"]): SmoothingParam | null {
  switch (kind) {
    case "ema":
    case "twema":
      return "weight";
    case "gaussian":
      return "sigma";
    case "running":
      return "window";
    default:
      return null;
  }
}

export function inSmoothingBounds(param: SmoothingParam, v: number): boolean {
  const b: ParamBounds = SMOOTHING_BOUNDS[param];
  return (b.minExclusive ? v > b.min : v >= b.min) && v <= b.max;
}

/** The rule in words, completing "`smooth.sigma` …": `must be above 0 and at most 1000`. */
export function smoothingBoundsText(param: SmoothingParam): string {
  const b: ParamBounds = SMOOTHING_BOUNDS[param];
  return b.minExclusive ? `must be above ${b.min} and at most ${b.max}` : `must be between ${b.min} and ${b.max}`;
}

/** The parameter of `spec` outside its bounds, or null when the spec is in range. */
export function smoothingProblem(spec: SmoothSpec): { param: SmoothingParam; detail: string; found: number } | null {
  const param = smoothingParamOf(spec.kind);
  if (!param) return null;
  const found = smoothingParamValue(spec);
  return inSmoothingBounds(param, found) ? null : { param, detail: smoothingBoundsText(param), found };
}

/** The value of the spec's parameter (0 for `none`: no smoothing). */
export function smoothingParamValue(spec: SmoothSpec | undefined): number {
  switch (spec?.kind) {
    case "ema":
    case "twema":
      return spec.weight;
    case "gaussian":
      return spec.sigma;
    case "running":
      return spec.window;
    default:
      return 0;
  }
}
