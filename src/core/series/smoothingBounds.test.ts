import { describe, expect, it } from "vitest";
import { inSmoothingBounds, smoothingBoundsText, smoothingParamOf, smoothingProblem } from "./smoothingBounds.ts";

describe("smoothing bounds", () => {
  it("allows weight 0 to 0.999, sigma above 0 to 1000, window 1 to 100000, ends included as stated", () => {
    expect([0, 0.5, 0.999, -0.001, 1].map((v) => inSmoothingBounds("weight", v))).toEqual([true, true, true, false, false]);
    expect([0, 0.001, 1000, 1000.5].map((v) => inSmoothingBounds("sigma", v))).toEqual([false, true, true, false]);
    expect([0, 1, 100000, 100001].map((v) => inSmoothingBounds("window", v))).toEqual([false, true, true, false]);
    expect([NaN, Infinity].map((v) => inSmoothingBounds("sigma", v))).toEqual([false, false]);
  });

  it("words each rule for the diagnostic", () => {
    expect(smoothingBoundsText("weight")).toBe("must be between 0 and 0.999");
    expect(smoothingBoundsText("sigma")).toBe("must be above 0 and at most 1000");
    expect(smoothingBoundsText("window")).toBe("must be between 1 and 100000");
  });

  it("names the parameter of each kind and the one out of range in a spec", () => {
    expect(["ema", "twema", "gaussian", "running", "none"].map((k) => smoothingParamOf(k as "ema"))).toEqual(["weight", "weight", "sigma", "window", null]);
    expect(smoothingProblem({ kind: "gaussian", sigma: 50 })).toBeNull();
    expect(smoothingProblem({ kind: "running", window: 150000 })).toEqual({ param: "window", detail: "must be between 1 and 100000", found: 150000 });
    expect(smoothingProblem({ kind: "none" })).toBeNull();
  });
});
