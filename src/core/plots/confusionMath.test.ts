import { describe, expect, it } from "vitest";
import { matrixDifference, normalizeMatrix } from "./confusionMath.ts";

describe("confusion normalisation and difference", () => {
  // rows: true cat (3 cat, 1 dog), true dog (2 cat, 6 dog); columns sum to 5 and 7.
  const m = [[3, 1], [2, 6]];

  it("normalises by rows (recall) and by columns (precision), hand-computed", () => {
    expect(normalizeMatrix(m, "rows")).toEqual([[0.75, 0.25], [0.25, 0.75]]);
    expect(normalizeMatrix(m, "columns")).toEqual([[0.6, 1 / 7], [0.4, 6 / 7]]);
  });

  it("leaves a class without examples blank rather than 0", () => {
    expect(normalizeMatrix([[0, 1], [0, 3]], "columns")).toEqual([[null, 0.25], [null, 0.75]]);
    expect(normalizeMatrix([[0, 0], [1, 3]], "rows")).toEqual([[null, null], [0.25, 0.75]]);
  });

  it("subtracts the first run's matrix from the second's, cell by cell", () => {
    expect(matrixDifference(m, [[4, 0], [1, 7]])).toEqual([[1, -1], [-1, 1]]);
    expect(matrixDifference([[null, 0.5]], [[0.2, 0.25]])).toEqual([[null, -0.25]]);
  });
});
