import { describe, expect, it } from "vitest";
import { groupStats } from "./groupStats.ts";

describe("groupStats(values, agg, band)", () => {
  it("computes mean ± standard error", () => {
    // mean 2, sample sd 1, se 1/sqrt(3)
    const r = groupStats([1, 2, 3], "mean", "stderr")!;
    expect(r.value).toBe(2);
    expect(r.upper - r.value).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(r.n).toBe(3);
  });
  it("uses the t distribution for a 95% interval of few runs", () => {
    const r = groupStats([1, 2, 3], "mean", "ci95")!;
    expect(r.upper - r.value).toBeCloseTo(4.303 / Math.sqrt(3), 3);
  });
  it("takes min/max bands and other centres", () => {
    expect(groupStats([5, 1, 3], "median", "minmax")).toEqual({ value: 3, lower: 1, upper: 5, n: 3 });
    expect(groupStats([5, 1, 3], "max", "none")).toEqual({ value: 5, lower: 5, upper: 5, n: 3 });
  });
  it("ignores gaps and returns null with no values", () => {
    expect(groupStats([NaN, 4], "mean", "stddev")).toEqual({ value: 4, lower: 4, upper: 4, n: 1 });
    expect(groupStats([NaN], "mean", "stderr")).toBeNull();
  });
});
