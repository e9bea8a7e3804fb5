import { describe, expect, it } from "vitest";
import { logAxisTicks } from "./logAxis.ts";

describe("logAxisTicks(values)", () => {
  it("labels every decade and the 3× steps of a learning-rate sweep, in one notation", () => {
    expect(logAxisTicks([1e-4, 3e-4, 1e-3, 3e-3])).toEqual({ values: [1e-4, 3e-4, 1e-3, 3e-3], format: "~e" });
  });
  it("labels only decades over three or more decades", () => {
    expect(logAxisTicks([0.5, 2, 700, 4000])!.values).toEqual([1, 10, 100, 1000]);
    expect(logAxisTicks([0.5, 4000])!.format).toBe(",~g");
  });
  it("adds 2× and 5× within a single decade", () => {
    expect(logAxisTicks([1.5, 8])!.values).toEqual([2, 5]);
  });
  it("thins decades over very wide spans, keeping whole decades", () => {
    const t = logAxisTicks([1e-30, 1e30])!.values;
    expect(t.length).toBeLessThanOrEqual(12);
    expect(t).toContain(1);
    for (const v of t) expect(Math.log10(v) % 1).toBeCloseTo(0, 9);
  });
  it("ignores non-positive values and gives up on none", () => {
    expect(logAxisTicks([0, -1, Number.NaN])).toBeNull();
    expect(logAxisTicks([0, 1e-3, 1e-2])!.values).toContain(1e-3);
  });
});
