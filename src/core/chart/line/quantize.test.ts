import { describe, expect, it } from "vitest";
import { niceAtLeast, roundToStep, xRoundingStep, yRoundingStep } from "./quantize.ts";

describe("yRoundingStep(columns)", () => {
  it("is the smallest 1/2/5 × 10^k giving at least 10,000 steps across the range", () => {
    expect(yRoundingStep([Float64Array.from([-0.009, 1.0087])])).toBe(0.0002);
    expect(yRoundingStep([Float64Array.from([-0.1, 0.89])])).toBe(0.0001);
    expect(yRoundingStep([Float64Array.from([-120, 380, NaN])])).toBe(0.05);
  });

  it("keeps 1,000 steps below the smallest value of an all-positive series (log axes)", () => {
    expect(yRoundingStep([Float64Array.from([10, 0.01])])).toBe(0.00001);
    // the band counts too
    expect(yRoundingStep([Float64Array.from([2, 3]), Float64Array.from([0.5]), Float64Array.from([4])])).toBe(0.0005);
  });

  it("handles constant, empty and all-gap series", () => {
    expect(yRoundingStep([Float64Array.from([0.25, 0.25])])).toBe(0.000005);
    expect(yRoundingStep([Float64Array.from([0, 0])])).toBe(1);
    expect(yRoundingStep([Float64Array.from([NaN])])).toBe(0);
    expect(yRoundingStep([])).toBe(0);
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

describe("roundToStep(v, step) and niceAtLeast(v)", () => {
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
