import { describe, expect, it } from "vitest";
import { sliderFor, sliderValue, sliderValueOf, specOf } from "./smoothingSlider.ts";

describe("sliderFor(spec)", () => {
  it("spans each kind's usual range when the block's value is inside it", () => {
    expect(sliderFor(undefined)).toEqual({ kind: "ema", min: 0, max: 0.99, step: 0.01, label: "Smoothing (EMA)" });
    expect(sliderFor({ kind: "ema", weight: 0.6 })).toMatchObject({ kind: "ema", min: 0, max: 0.99, step: 0.01 });
    expect(sliderFor({ kind: "gaussian", sigma: 2 })).toMatchObject({ kind: "gaussian", min: 0, max: 20, step: 0.5 });
    expect(sliderFor({ kind: "running", window: 10 })).toMatchObject({ kind: "running", min: 1, max: 101, step: 1 });
    expect(sliderFor({ kind: "twema", weight: 0.3 })).toMatchObject({ kind: "twema", min: 0, max: 0.99, step: 0.01 });
    expect(sliderFor({ kind: "none" })).toMatchObject({ kind: "ema", max: 0.99 });
  });

  it("widens to the block's value past the usual end, so the slider shows what is drawn", () => {
    expect(sliderFor({ kind: "gaussian", sigma: 50 })).toMatchObject({ min: 0, max: 50, step: 0.5 });
    expect(sliderFor({ kind: "running", window: 150 })).toMatchObject({ min: 1, max: 150, step: 1 });
    // 0.995 is not a multiple of 0.01: the step becomes 0.001
    expect(sliderFor({ kind: "ema", weight: 0.995 })).toMatchObject({ max: 0.995, step: 0.001 });
  });

  it("refines the step so an off-grid value is a slider position", () => {
    expect(sliderFor({ kind: "gaussian", sigma: 2.3 })).toMatchObject({ max: 20, step: 0.1 });
    expect(sliderFor({ kind: "ema", weight: 0.625 })).toMatchObject({ max: 0.99, step: 0.001 });
    expect(sliderFor({ kind: "gaussian", sigma: 2.25 })).toMatchObject({ step: 0.01 });
  });
});

describe("sliderValue(def, v)", () => {
  const sigma = sliderFor({ kind: "gaussian", sigma: 2 });
  it("clamps a shared link's value to the range and puts it on the step grid", () => {
    expect(sliderValue(sigma, 50)).toBe(20);
    expect(sliderValue(sigma, -3)).toBe(0);
    expect(sliderValue(sigma, 2.3)).toBe(2.5);
    expect(sliderValue(sigma, 2.2)).toBe(2);
    expect(sliderValue(sigma, NaN)).toBe(0);
    const ema = sliderFor({ kind: "ema", weight: 0.6 });
    expect(sliderValue(ema, 0.6)).toBe(0.6);
    expect(sliderValue(ema, 0.615)).toBe(0.62);
    expect(sliderValue(ema, 0.999)).toBe(0.99);
  });

  it("keeps the block's own value, however far the slider had to widen", () => {
    for (const spec of [{ kind: "gaussian", sigma: 50 }, { kind: "ema", weight: 0.995 }, { kind: "running", window: 150 }, { kind: "gaussian", sigma: 2.3 }] as const) {
      expect(sliderValue(sliderFor(spec), sliderValueOf(spec))).toBe(sliderValueOf(spec));
    }
  });
});

describe("specOf(def, v, base)", () => {
  it("is no smoothing at the lower end and the kind's parameter elsewhere", () => {
    expect(specOf(sliderFor({ kind: "gaussian", sigma: 2 }), 0, undefined)).toEqual({ kind: "none" });
    expect(specOf(sliderFor({ kind: "gaussian", sigma: 2 }), 3.5, undefined)).toEqual({ kind: "gaussian", sigma: 3.5 });
    expect(specOf(sliderFor({ kind: "running", window: 10 }), 1, undefined)).toEqual({ kind: "none" });
    expect(specOf(sliderFor({ kind: "running", window: 10 }), 7, undefined)).toEqual({ kind: "running", window: 7 });
    expect(specOf(sliderFor(undefined), 0.9, undefined)).toEqual({ kind: "ema", weight: 0.9 });
  });

  it("keeps the time-weighted EMA's unit from the block", () => {
    const base = { kind: "twema", weight: 0.5, unit: 60 } as const;
    expect(specOf(sliderFor(base), 0.8, base)).toEqual({ kind: "twema", weight: 0.8, unit: 60 });
  });
});
