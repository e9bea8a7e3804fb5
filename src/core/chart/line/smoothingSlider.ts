/**
 * The line chart's smoothing slider as numbers: which parameter it moves, its range and step, and
 * the smoothing a slider value means. The range is the parameter's usual span (see
 * `smoothingBounds.ts`), widened and refined so the block's own value is a position of the slider:
 * a chart drawn with σ=50 or weight 0.995 shows that value, not the nearest end or step.
 */
import { SMOOTHING_BOUNDS, smoothingParamValue, type SmoothingParam } from "../../series/smoothingBounds.ts";
import type { SmoothSpec } from "../../series/smooth.ts";

export interface SliderDef {
  kind: Exclude<SmoothSpec["kind"], "none">;
  min: number;
  max: number;
  step: number;
  label: string;
}

const LABELS: Record<SliderDef["kind"], string> = {
  gaussian: "Smoothing (σ, points)",
  running: "Smoothing (window, points)",
  twema: "Smoothing (time-weighted EMA)",
  ema: "Smoothing (EMA)",
};

const PARAM: Record<SliderDef["kind"], SmoothingParam> = { gaussian: "sigma", running: "window", twema: "weight", ema: "weight" };

/** The slider for a chart smoothed by `spec`: that kind's parameter, else TensorBoard's EMA weight. */
export function sliderFor(spec: SmoothSpec | undefined): SliderDef {
  const kind = spec && spec.kind !== "none" ? spec.kind : "ema";
  const bounds = SMOOTHING_BOUNDS[PARAM[kind]];
  const value = smoothingParamValue(spec);
  const inRange = Number.isFinite(value) && value >= bounds.min && value <= bounds.max;
  const max = inRange ? Math.max(bounds.sliderMax, value) : bounds.sliderMax;
  const step = inRange ? stepThrough(bounds.min, value, bounds.sliderStep) : bounds.sliderStep;
  return { kind, min: bounds.min, max, step, label: LABELS[kind] };
}

/** `step`, or a power of ten fine enough that `value` lies on the grid `min + k·step`. */
function stepThrough(min: number, value: number, step: number): number {
  if (onGrid(value - min, step)) return step;
  for (let digits = 1; digits <= 12; digits++) {
    const fine = Number(`1e-${digits}`);
    if (fine < step && onGrid(value - min, fine)) return fine;
  }
  return step;
}

function onGrid(offset: number, step: number): boolean {
  const k = offset / step;
  return Math.abs(k - Math.round(k)) < 1e-9 * Math.max(1, Math.abs(k));
}

/** The smoothing parameter of `spec` as the slider shows it (0: none). */
export function sliderValueOf(spec: SmoothSpec | undefined): number {
  return smoothingParamValue(spec);
}

/**
 * A requested value (from a shared link) as a slider position: clamped to the range and put on the
 * step grid, so the line drawn is the one the slider shows. Not a number: the lower end.
 */
export function sliderValue(def: SliderDef, v: number): number {
  if (!Number.isFinite(v)) return def.min;
  const clamped = Math.min(def.max, Math.max(def.min, v));
  if (clamped === def.max || onGrid(clamped - def.min, def.step)) return clamped;
  const k = Math.round((clamped - def.min) / def.step);
  return Number((def.min + k * def.step).toFixed(decimals(def.step) + decimals(def.min)));
}

function decimals(v: number): number {
  const s = String(v);
  const e = /e-(\d+)$/.exec(s);
  if (e) return Number(e[1]);
  const dot = s.indexOf(".");
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * The smoothing a slider value draws: the lower end is none; the block's other settings of the
 * same kind (the time-weighted EMA's unit) are kept.
 */
export function specOf(def: SliderDef, v: number, base: SmoothSpec | undefined): SmoothSpec {
  const weightMax = SMOOTHING_BOUNDS.weight.max;
  switch (def.kind) {
    case "gaussian":
      return v > 0 ? { kind: "gaussian", sigma: v } : { kind: "none" };
    case "running":
      return v > 1 ? { kind: "running", window: Math.round(v) } : { kind: "none" };
    case "twema":
      return v > 0 ? { kind: "twema", weight: Math.min(v, weightMax), ...(base?.kind === "twema" && base.unit ? { unit: base.unit } : {}) } : { kind: "none" };
    default:
      return v > 0 ? { kind: "ema", weight: Math.min(v, weightMax) } : { kind: "none" };
  }
}
