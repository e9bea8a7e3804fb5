import { describe, expect, it } from "vitest";
import { curveAt, meanArea, meanCurve } from "./meanCurve.ts";

describe("mean curves of a group", () => {
  it("reads a ROC curve linearly between its points, the highest rate where a false positive rate repeats", () => {
    const x = [0.5, 0, 0, 1];
    const y = [1, 0, 0.5, 1];
    expect([0, 0.25, 0.5, 1].map((at) => curveAt("roc", x, y, at))).toEqual([0.5, 0.75, 1, 1]);
  });

  it("reads a PR curve as its best precision at that recall or more, and nothing beyond its last recall", () => {
    const recall = [1, 0.5, 0.5, 0];
    const precision = [0.5, 0.667, 1, 1];
    expect([0, 0.5, 0.75, 1].map((at) => curveAt("pr", recall, precision, at))).toEqual([1, 1, 0.5, 0.5]);
    expect(curveAt("pr", [0.4, 0], [1, 1], 0.5)).toBeNaN();
  });

  it("averages the runs at every grid point (hand-computed)", () => {
    const m = meanCurve("roc", [
      { x: [0, 0, 1], y: [0, 1, 1] },
      { x: [0, 1], y: [0, 1] },
    ]);
    expect(m.x.length).toBe(101);
    // At fpr 0: (1 + 0) / 2; at 0.5: (1 + 0.5) / 2, the second curve being the diagonal.
    expect([m.y[0], m.y[50], m.y[100]]).toEqual([0.5, 0.75, 1]);
  });

  it("gives the mean and sample standard deviation of the known areas", () => {
    const m = meanArea([0.8, 0.9, null])!;
    // mean 0.85; deviations ±0.05: sample variance 2 · 0.0025 / 1 = 0.005.
    expect(m.n).toBe(2);
    expect(m.mean).toBeCloseTo(0.85, 12);
    expect(m.sd).toBeCloseTo(Math.sqrt(0.005), 12);
    expect(meanArea([null])).toBeNull();
  });
});
