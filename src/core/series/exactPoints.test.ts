import { describe, expect, it } from "vitest";
import type { History } from "../run.ts";
import { exactPoints } from "./exactPoints.ts";

const h = (step: number[], m: number[]): History => ({ step: Float64Array.from(step), time: null, metrics: { m: Float64Array.from(m) } });

describe("exactPoints(history, metric, points)", () => {
  it("gives the rows of every logged value, gaps (NaN) left out, when they fit", () => {
    expect([...exactPoints(h([0, 1, 2, 3], [1, NaN, 3, 4]), "m", 3)!]).toEqual([0, 2, 3]);
    expect([...exactPoints(h([0, 1], [NaN, NaN]), "m")!]).toEqual([]);
  });

  it("is null when more were logged than fit, a value is ±Infinity, a step is not finite, or the metric is absent", () => {
    expect(exactPoints(h([0, 1, 2, 3], [1, 2, 3, 4]), "m", 3)).toBeNull();
    expect(exactPoints(h([0, 1], [1, -Infinity]), "m")).toBeNull();
    expect(exactPoints(h([0, NaN], [1, 2]), "m")).toBeNull();
    expect(exactPoints(h([0], [1]), "other")).toBeNull();
  });
});
