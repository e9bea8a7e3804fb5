import { describe, expect, it } from "vitest";
import { computeScalar } from "./scalar.ts";
import { mulberry32 } from "./random.ts";

const values = [
  { runId: "p/a", name: "a", value: 2.3 },
  { runId: "p/b", name: "b", value: null },
  { runId: "p/c", name: "c", value: 2.1 },
  { runId: "p/d", name: "d", value: NaN },
  { runId: "p/e", name: "e", value: 2.5 },
  { runId: "p/f", name: "f", value: 2.1 },
];

describe("computeScalar(input)", () => {
  it("min and max name the run (first in input order on ties) and skip gaps", () => {
    expect(computeScalar({ values, reduce: "min" })).toEqual({ value: 2.1, runId: "p/c", name: "c", n: 4 });
    expect(computeScalar({ values, reduce: "max" })).toEqual({ value: 2.5, runId: "p/e", name: "e", n: 4 });
  });

  it("last is the last run with a value", () => {
    expect(computeScalar({ values: [...values, { runId: "p/g", name: "g", value: null }], reduce: "last" })).toEqual({
      value: 2.1,
      runId: "p/f",
      name: "f",
      n: 4,
    });
  });

  it("mean and median over the runs with a value", () => {
    expect(computeScalar({ values, reduce: "mean" }).value).toBeCloseTo(2.25, 12);
    expect(computeScalar({ values, reduce: "median" })).toEqual({ value: (2.1 + 2.3) / 2, n: 4 });
    expect(computeScalar({ values: values.slice(0, 3), reduce: "median" })).toEqual({ value: 2.2, n: 2 });
    expect(computeScalar({ values: values.slice(0, 5), reduce: "median" })).toEqual({ value: 2.3, n: 3 });
    expect(computeScalar({ values: [0.1, 0.1, 0.1].map((value, i) => ({ runId: `${i}`, name: `${i}`, value })), reduce: "mean" }).value).toBe(0.1);
  });

  it("has no value when no run has one", () => {
    expect(computeScalar({ values: [{ runId: "p/b", name: "b", value: null }], reduce: "min" })).toEqual({ value: null, n: 0 });
    expect(computeScalar({ values: [], reduce: "mean" })).toEqual({ value: null, n: 0 });
  });
});

describe("mulberry32(seed)", () => {
  it("repeats for a seed and stays in [0, 1)", () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    for (let i = 0; i < 100; i++) {
      const v = a();
      expect(v).toBe(b());
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });
});
