import { compareText } from "../format/compareText.ts";
import { RUN_PALETTE } from "./runColors.ts";

/** A perceptually ordered sequential ramp (dark violet → yellow) readable on light and dark pages. */
const SEQUENTIAL = ["#440154", "#46327e", "#365c8d", "#277f8e", "#1fa187", "#4ac16d", "#a0da39", "#fde725"];
const MISSING = "#8c8c8c";

function lerpHex(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `#${pa.map((v, i) => Math.round(v + (pb[i]! - v) * t).toString(16).padStart(2, "0")).join("")}`;
}

/** Colour on the sequential ramp for t in [0, 1]. */
export function sequentialColor(t: number): string {
  const x = Math.max(0, Math.min(1, t)) * (SEQUENTIAL.length - 1);
  const i = Math.min(SEQUENTIAL.length - 2, Math.floor(x));
  return lerpHex(SEQUENTIAL[i]!, SEQUENTIAL[i + 1]!, x - i);
}

/**
 * Colours by a field's value: numbers on a sequential ramp (log-spaced when every value is
 * positive and they span more than a decade, as learning rates do), text and booleans from the
 * categorical palette in sorted order, missing values grey. Keys are whatever the caller colours.
 */
export function fieldColors(values: ReadonlyMap<string, unknown>): Map<string, string> {
  const out = new Map<string, string>();
  const nums = [...values.values()].filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const numeric = nums.length > 0 && [...values.values()].every((v) => v === null || v === undefined || typeof v === "number");
  if (numeric) {
    const positive = nums.every((v) => v > 0);
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    const useLog = positive && hi / lo > 10;
    const t = (v: number) => (hi === lo ? 0.5 : useLog ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo));
    for (const [k, v] of values) out.set(k, typeof v === "number" && Number.isFinite(v) ? sequentialColor(t(v)) : MISSING);
    return out;
  }
  const distinct = [...new Set([...values.values()].filter((v) => v !== null && v !== undefined).map(String))].sort(compareText);
  for (const [k, v] of values) {
    out.set(k, v === null || v === undefined ? MISSING : RUN_PALETTE[distinct.indexOf(String(v)) % RUN_PALETTE.length]!);
  }
  return out;
}
