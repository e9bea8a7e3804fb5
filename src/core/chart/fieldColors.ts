import { compareText } from "../format/compareText.ts";
import { hexToRgb, rgbToHex } from "./colorDifference.ts";
import { MISSING_COLOR } from "./chartCommon.ts";
import { RUN_PALETTE } from "./runColors.ts";

/** A perceptually ordered sequential ramp (dark violet → yellow) readable on light and dark pages. */
const SEQUENTIAL = ["#440154", "#46327e", "#365c8d", "#277f8e", "#1fa187", "#4ac16d", "#a0da39", "#fde725"];
/** At most this many distinct numbers count as levels (seeds, a grid sweep), not a continuum. */
export const MAX_DISCRETE_LEVELS = 10;

function lerpHex(a: string, b: string, t: number): string {
  const pa = hexToRgb(a);
  const pb = hexToRgb(b);
  return rgbToHex([0, 1, 2].map((i) => pa[i]! + (pb[i]! - pa[i]!) * t) as unknown as [number, number, number]);
}

/** Colour on the sequential ramp for t in [0, 1]. */
export function sequentialColor(t: number): string {
  const x = Math.max(0, Math.min(1, t)) * (SEQUENTIAL.length - 1);
  const i = Math.min(SEQUENTIAL.length - 2, Math.floor(x));
  return lerpHex(SEQUENTIAL[i]!, SEQUENTIAL[i + 1]!, x - i);
}

/**
 * Whether numbers are levels rather than a continuum: few distinct values that are all integers
 * (seeds, layer counts) or that repeat (a grid sweep: 4 learning rates × 3 seeds), or at most four.
 * Levels get one categorical colour each; a continuum gets the sequential ramp.
 */
export function isDiscreteNumbers(values: readonly number[]): boolean {
  const distinct = new Set(values).size;
  if (distinct === 0 || distinct > MAX_DISCRETE_LEVELS) return false;
  return distinct <= 4 || distinct < values.length || values.every((v) => Number.isInteger(v));
}

/**
 * `count` shades of one hue, darker to lighter around `base` (the middle one is `base` itself when
 * `count` is odd): the runs that share a value are told apart while reading as one family.
 */
export function hueFamily(base: string, count: number): string[] {
  if (count <= 1) return [base];
  const spread = Math.min(0.5, 0.18 * (count - 1));
  return Array.from({ length: count }, (_, i) => {
    const t = -spread / 2 + (spread * i) / (count - 1);
    return t < 0 ? lerpHex(base, "#000000", -t) : lerpHex(base, "#ffffff", t);
  });
}

/**
 * Colours by a field's value, keyed by whatever the caller colours (run ids). Text, booleans and
 * discrete numbers (`isDiscreteNumbers`) take the categorical palette, one hue per value in sorted
 * order; with `families`, keys sharing a value get shades of that hue (`hueFamily`) in key order.
 * Other numbers go on the sequential ramp (log-spaced when every value is positive and they span
 * more than a decade, as learning rates do). Missing values are grey.
 */
export function fieldColors(values: ReadonlyMap<string, unknown>, opts: { families?: boolean } = {}): Map<string, string> {
  const out = new Map<string, string>();
  const present = [...values.values()].filter((v) => v !== null && v !== undefined && !(typeof v === "number" && !Number.isFinite(v)));
  const nums = present.filter((v): v is number => typeof v === "number");
  if (nums.length > 0 && nums.length === present.length && !isDiscreteNumbers(nums)) {
    const positive = nums.every((v) => v > 0);
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    const useLog = positive && hi / lo > 10;
    const t = (v: number) => (hi === lo ? 0.5 : useLog ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo));
    for (const [k, v] of values) out.set(k, typeof v === "number" && Number.isFinite(v) ? sequentialColor(t(v)) : MISSING_COLOR);
    return out;
  }
  const levels = fieldLevels(present);
  const members = new Map<string, string[]>();
  for (const [k, v] of values) {
    const level = present.includes(v) ? String(v) : null;
    if (level === null) out.set(k, MISSING_COLOR);
    else members.set(level, [...(members.get(level) ?? []), k]);
  }
  for (const [level, keys] of members) {
    const base = RUN_PALETTE[levels.indexOf(level) % RUN_PALETTE.length]!;
    const shades = opts.families ? hueFamily(base, keys.length) : keys.map(() => base);
    [...keys].sort(compareText).forEach((k, i) => out.set(k, shades[i]!));
  }
  return out;
}

/** Distinct values as text, numbers ascending, then text in code-point order. */
function fieldLevels(values: readonly unknown[]): string[] {
  const nums = [...new Set(values.filter((v): v is number => typeof v === "number"))].sort((a, b) => a - b);
  const rest = [...new Set(values.filter((v) => typeof v !== "number").map(String))].sort(compareText);
  return [...nums.map(String), ...rest];
}

/** One palette colour per level, in the order given (group keys are already sorted by value). */
export function levelColors(levels: readonly string[]): Map<string, string> {
  return new Map(levels.map((level, i) => [level, RUN_PALETTE[i % RUN_PALETTE.length]!]));
}
