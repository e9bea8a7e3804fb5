import { describe, expect, it } from "vitest";
import { scanSeries } from "./scanSeries.ts";
import { niceAtLeast, roundToStep as roundTo, stepRounding, xRoundingStep, yRoundingStep } from "./quantize.ts";

/** The step of a series as the chart finds it: scanned (`scanSeries`), then `yRoundingStep`. */
function stepOf(y: number[], lower?: number[], upper?: number[]): number {
  const x = Float64Array.from(y, (_, i) => i);
  const band = lower && upper ? [Float64Array.from(lower), Float64Array.from(upper)] as const : undefined;
  const { stats: st } = scanSeries(x, Float64Array.from(y), { lower: band?.[0], upper: band?.[1] });
  return yRoundingStep(st.yLo, st.yHi, st.minPositive);
}
const roundToStep = (v: number, step: number) => roundTo(v, stepRounding(step));

describe("yRoundingStep(lo, hi, minPositive) of a scanned series", () => {
  it("is the smallest 1/2/5 × 10^k giving at least 10,000 steps across the range", () => {
    expect(stepOf([-0.009, 1.0087])).toBe(0.0002);
    expect(stepOf([-0.1, 0.89])).toBe(0.0001);
    expect(stepOf([-120, 380, NaN])).toBe(0.05);
  });

  it("keeps 1,000 steps below the smallest value of an all-positive series (log axes)", () => {
    expect(stepOf([10, 0.01])).toBe(0.00001);
    // the band counts too
    expect(stepOf([2, 3], [0.5, 2], [4, 3])).toBe(0.0005);
  });

  it("handles constant, empty and all-gap series", () => {
    expect(stepOf([0.25, 0.25])).toBe(0.000005);
    expect(stepOf([0, 0])).toBe(1);
    expect(stepOf([NaN])).toBe(0);
    expect(stepOf([])).toBe(0);
  });
});

describe("xRoundingStep(span, points, wholeNumbers)", () => {
  it("is half a downsampling bucket, rounded up to 1/2/5 × 10^k", () => {
    expect(xRoundingStep(99_999, 1000, true)).toBe(100);
    expect(xRoundingStep(20_000, 1000, true)).toBe(20);
    expect(xRoundingStep(1.5, 1000, false)).toBe(0.002);
  });

  it("never rounds whole-number x (steps) finer than 1", () => {
    expect(xRoundingStep(800, 1000, true)).toBe(1);
  });
});

describe("roundToStep(v, stepRounding(step)) and niceAtLeast(v)", () => {
  it("gives clean decimals", () => {
    expect(roundToStep(0.30693, 0.0001)).toBe(0.3069);
    expect(roundToStep(0.30693, 0.0002)).toBe(0.307);
    expect(roundToStep(41_237, 100)).toBe(41_200);
    expect(roundToStep(0.123, 0.005)).toBe(0.125);
    expect(roundToStep(NaN, 1)).toBeNaN();
  });

  it("rounds up to 1, 2 or 5 × 10^k", () => {
    expect([0.3, 1, 1.01, 2.5, 7, 99.999, 100].map(niceAtLeast)).toEqual([0.5, 1, 2, 5, 10, 100, 100]);
    expect(niceAtLeast(0)).toBe(0);
  });
});
