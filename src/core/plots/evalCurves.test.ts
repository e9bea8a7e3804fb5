import { describe, expect, it } from "vitest";
import { confusionMatrix, normalizeRows, prCurve, rocCurve, thinCurve, trapezoidArea } from "./evalCurves.ts";

// Worked by hand. Scores sorted high to low: 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.7 (pos), 0.2 (neg);
// 3 positives, 2 negatives. Thresholds and cumulative counts:
//   ≥ 0.9: TP 1, FP 0   ≥ 0.8: TP 1, FP 1   ≥ 0.7: TP 3, FP 1 (the tie enters at once)   ≥ 0.2: TP 3, FP 2
const yTrue = [true, false, true, true, false];
const scores = [0.9, 0.8, 0.7, 0.7, 0.2];

describe("rocCurve", () => {
  it("has one point per distinct score, ties grouped, and the trapezoid AUC", () => {
    const roc = rocCurve(yTrue, scores);
    expect(roc.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(roc.tpr.map((v) => +v.toFixed(6))).toEqual([0, 0.333333, 0.333333, 1, 1]);
    expect(roc.thresholds).toEqual([Infinity, 0.9, 0.8, 0.7, 0.2]);
    // Area: 0.5 × 1/3 + 0.5 × 1 = 2/3, the share of (positive, negative) pairs ranked right: 4 of 6.
    expect(roc.auc).toBeCloseTo(2 / 3, 12);
  });

  it("counts a tie between a positive and a negative as half a correct pair", () => {
    // Pairs: (0.5 vs 0.5) half, (0.9 vs 0.5) one: AUC (0.5 + 1) / 2.
    expect(rocCurve([true, false, true], [0.5, 0.5, 0.9]).auc).toBeCloseTo(0.75, 12);
  });

  it("has no AUC without both classes", () => {
    expect(rocCurve([true, true], [0.1, 0.2]).auc).toBeNaN();
    expect(rocCurve([false, false], [0.1, 0.2]).auc).toBeNaN();
  });
});

describe("prCurve", () => {
  it("starts at recall 0 precision 1 and sums precision times the recall gained (average precision)", () => {
    const pr = prCurve(yTrue, scores);
    expect(pr.recall.map((v) => +v.toFixed(6))).toEqual([0, 0.333333, 0.333333, 1, 1]);
    expect(pr.precision).toEqual([1, 1, 0.5, 0.75, 0.6]);
    // AP = 1/3 × 1 + 0 × 1/2 + 2/3 × 3/4 + 0 × 3/5 = 5/6 (scikit-learn: 0.8333…).
    expect(pr.averagePrecision).toBeCloseTo(5 / 6, 12);
  });

  it("is 1 for a perfect ranking and the positive rate's worth for the worst", () => {
    expect(prCurve([true, true, false], [0.9, 0.8, 0.1]).averagePrecision).toBe(1);
    // Positive ranked last: recall jumps 0 → 1 at precision 1/3.
    expect(prCurve([false, false, true], [0.9, 0.8, 0.1]).averagePrecision).toBeCloseTo(1 / 3, 12);
  });

  it("has no AP without positives", () => {
    expect(prCurve([false, false], [0.3, 0.4]).averagePrecision).toBeNaN();
  });
});

describe("confusionMatrix and normalizeRows", () => {
  it("counts true labels in rows and predictions in columns", () => {
    const m = confusionMatrix(["cat", "dog", "fox"], ["cat", "cat", "dog", "dog", "dog", "fox"], ["cat", "dog", "dog", "dog", "cat", "cat"]);
    expect(m).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [1, 0, 0],
    ]);
    expect(normalizeRows(m)).toEqual([
      [0.5, 0.5, 0],
      [1 / 3, 2 / 3, 0],
      [1, 0, 0],
    ]);
  });

  it("leaves a row without examples as gaps, never as zeros", () => {
    expect(normalizeRows([[0, 0], [1, 3]])).toEqual([[null, null], [0.25, 0.75]]);
  });
});

describe("trapezoidArea and thinCurve", () => {
  it("integrates the points as given", () => {
    expect(trapezoidArea([0, 0.5, 1], [0, 1, 1])).toBeCloseTo(0.75, 12);
  });

  it("keeps the ends and at most `max` points", () => {
    const x = Array.from({ length: 101 }, (_, i) => i / 100);
    const thin = thinCurve(x, x, 5);
    expect(thin.x).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(thinCurve([0, 1], [0, 1], 5)).toEqual({ x: [0, 1], y: [0, 1] });
  });
});
