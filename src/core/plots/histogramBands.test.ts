import { describe, expect, it } from "vitest";
import { histogramBands, histogramPercentile, seriesBands, thinIndices } from "./histogramBands.ts";

describe("histogramPercentile", () => {
  // Bins [0,1) 1, [1,2) 2, [2,3) 1, [3,4) 0: 4 values.
  const edges = [0, 1, 2, 3, 4];
  const counts = [1, 2, 1, 0];

  it("interpolates inside the bin where the cumulative count reaches the share (hand-computed)", () => {
    // 50 %: 2 of 4 → 1 below bin [1,2) of 2 → 1 + 1 · (2 − 1) / 2 = 1.5
    expect(histogramPercentile(edges, counts, 0.5)).toBe(1.5);
    // 16 %: 0.64 of 4 → inside [0,1) of 1 → 0.64
    expect(histogramPercentile(edges, counts, 0.16)).toBeCloseTo(0.64, 12);
    // 84 %: 3.36 of 4 → 3 below bin [2,3) of 1 → 2.36
    expect(histogramPercentile(edges, counts, 0.84)).toBeCloseTo(2.36, 12);
    // 31 %: 1.24 → 1 + 0.24 / 2 = 1.12
    expect(histogramPercentile(edges, counts, 0.31)).toBeCloseTo(1.12, 12);
  });

  it("takes 0 and 100 % from the edges of the first and last bins with a count", () => {
    expect(histogramPercentile([-5, -1, 0, 1, 9], [0, 3, 1, 0], 0)).toBe(-1);
    expect(histogramPercentile([-5, -1, 0, 1, 9], [0, 3, 1, 0], 1)).toBe(1);
  });

  it("skips empty bins inside the distribution and is null without counts", () => {
    // 50 % of [2, 0, 2] is reached exactly at the end of the first bin.
    expect(histogramPercentile([0, 1, 2, 3], [2, 0, 2], 0.5)).toBe(1);
    expect(histogramPercentile([0, 1, 2, 3], [2, 0, 2], 0.75)).toBe(2.5);
    expect(histogramPercentile([0, 1], [0], 0.5)).toBeNull();
  });

  it("gives TensorBoard's nine bands for one bin of uniform counts", () => {
    expect(histogramBands([0, 10000], [7])!.map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000]);
  });
});

describe("seriesBands", () => {
  it("keeps at most the asked steps, always the first and last, and leaves empty histograms out", () => {
    expect(thinIndices(5, 3)).toEqual([0, 2, 4]);
    expect(thinIndices(2, 3)).toEqual([0, 1]);
    const bands = seriesBands({ key: "w", steps: [0, 1, 2], edges: [[0, 2], [0, 2], [0, 2]], counts: [[4], [0], [1]] }, 10);
    expect(bands.map((b) => [b.step, b.values[4]])).toEqual([[0, 1], [2, 1]]);
  });
});
