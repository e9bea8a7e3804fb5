import { describe, expect, it } from "vitest";
import { aggregateSeries, type AggregateOptions } from "./aggregate.ts";
import { evenGrid, interpolateOnGrid, prepareRun, unionGrid } from "./grid.ts";
import { T_CRITICAL_95, tCritical95 } from "./stats.ts";

const f = (...v: number[]) => Float64Array.from(v);

function expectClose(actual: Float64Array, expected: number[], digits = 10): void {
  expect(Array.from(actual).length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i], `index ${i}`).toBeNaN();
    else expect(actual[i], `index ${i}`).toBeCloseTo(e, digits);
  });
}

// Three runs on different step grids:
//   A: steps 0, 10, 20, 30     values 1, 2, 3, 4
//   B: steps 0, 5, 20          values 3, 4, 5       (ends early, at 20)
//   C: steps 10, 30            values 0, 2          (starts late, at 10)
// Union grid: 0, 5, 10, 20, 30. On it:
//   A: 1, 1.5, 2, 3, 4
//   B: 3, 4, 4 + 1·(5/15) = 4.3333333333, 5, —
//   C: —, —, 0, 1, 2
const A = { x: f(0, 10, 20, 30), y: f(1, 2, 3, 4) };
const B = { x: f(0, 5, 20), y: f(3, 4, 5) };
const C = { x: f(10, 30), y: f(0, 2) };
const runs = [A, B, C];
const agg = (o: AggregateOptions) => aggregateSeries(runs, o);

describe("aggregateSeries", () => {
  it("puts the runs on the union grid and counts contributors", () => {
    const out = agg({ agg: "mean", band: "none" });
    expect(Array.from(out.x)).toEqual([0, 5, 10, 20, 30]);
    expect(Array.from(out.count)).toEqual([2, 2, 3, 3, 2]);
    expect(out.ended).toEqual([4]); // B stops after step 20
    // (1+3)/2, (1.5+4)/2, (2+4.3333333333+0)/3, (3+5+1)/3, (4+2)/2
    expectClose(out.center, [2, 2.75, 2.1111111111, 3, 3]);
    expectClose(out.lower, Array.from(out.center));
    expectClose(out.upper, Array.from(out.center));
  });

  it("median, min and max", () => {
    expectClose(agg({ agg: "median", band: "none" }).center, [2, 2.75, 2, 3, 3]);
    expectClose(agg({ agg: "min", band: "none" }).center, [1, 1.5, 0, 1, 2]);
    expectClose(agg({ agg: "max", band: "none" }).center, [3, 4, 4.3333333333, 5, 4]);
  });

  it("stddev, stderr and ci95 bands around the centre", () => {
    // step 0: values 1, 3 → mean 2, sample sd √2 = 1.4142135624, stderr √2/√2 = 1, ci95 12.7062·1
    // step 20: values 3, 5, 1 → mean 3, ss = 0 + 4 + 4 = 8, sd = √(8/2) = 2,
    //          stderr 2/√3 = 1.1547005384, ci95 4.3027·2/√3 = 4.9683300065
    const sd = agg({ agg: "mean", band: "stddev" });
    expect(sd.lower[0]).toBeCloseTo(2 - 1.4142135624, 9);
    expect(sd.upper[0]).toBeCloseTo(2 + 1.4142135624, 9);
    expect(sd.lower[3]).toBeCloseTo(1, 12);
    expect(sd.upper[3]).toBeCloseTo(5, 12);

    const se = agg({ agg: "mean", band: "stderr" });
    expect(se.lower[0]).toBeCloseTo(1, 12);
    expect(se.upper[0]).toBeCloseTo(3, 12);
    expect(se.upper[3]).toBeCloseTo(3 + 1.1547005384, 9);

    const ci = agg({ agg: "mean", band: "ci95" });
    expect(ci.lower[0]).toBeCloseTo(2 - 12.7062, 9);
    expect(ci.upper[3]).toBeCloseTo(3 + 4.9683300065, 9);
  });

  it("minmax band spans the contributing runs", () => {
    const out = agg({ agg: "mean", band: "minmax" });
    expectClose(out.lower, [1, 1.5, 0, 1, 2]);
    expectClose(out.upper, [3, 4, 4.3333333333, 5, 4]);
  });

  it("one run: the centre is the run and the band collapses", () => {
    for (const band of ["stderr", "stddev", "minmax", "ci95", "none"] as const) {
      const out = aggregateSeries([{ x: f(0, 1, 2), y: f(0.1, 0.7, 0.3) }], { agg: "mean", band });
      expect(Array.from(out.center)).toEqual([0.1, 0.7, 0.3]);
      expect(Array.from(out.lower)).toEqual([0.1, 0.7, 0.3]);
      expect(Array.from(out.upper)).toEqual([0.1, 0.7, 0.3]);
      expect(Array.from(out.count)).toEqual([1, 1, 1]);
    }
  });

  it("does not interpolate across a gap; the run drops out inside it", () => {
    const gappy = { x: f(0, 1, 2, 3), y: f(1, NaN, 3, 4) };
    const full = { x: f(0, 0.5, 1, 2, 3), y: f(0, 0, 0, 0, 0) };
    const out = aggregateSeries([gappy, full], { agg: "mean", band: "none" });
    expect(Array.from(out.x)).toEqual([0, 0.5, 1, 2, 3]);
    expect(Array.from(out.count)).toEqual([2, 1, 1, 2, 2]);
    expect(out.ended).toEqual([1]);
    expectClose(out.center, [0.5, 0, 0, 1.5, 2]);
  });

  it("uses an even grid when the union is larger than gridPoints; integer steps stay integers", () => {
    const long = { x: Float64Array.from({ length: 101 }, (_, i) => i), y: new Float64Array(101).fill(1) };
    const short = { x: Float64Array.from({ length: 51 }, (_, i) => i), y: new Float64Array(51).fill(3) };
    const out = aggregateSeries([long, short], { agg: "mean", band: "minmax", gridPoints: 5 });
    expect(Array.from(out.x)).toEqual([0, 25, 50, 75, 100]);
    expect(Array.from(out.count)).toEqual([2, 2, 2, 1, 1]); // short ends exactly at 50
    expect(out.ended).toEqual([3]);
    expect(Array.from(out.center)).toEqual([2, 2, 2, 1, 1]);
    expect(Array.from(out.lower)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(out.upper)).toEqual([3, 3, 3, 1, 1]);
  });

  it("empty input and bad options", () => {
    const out = aggregateSeries([], { agg: "mean", band: "stderr" });
    expect(out.x.length).toBe(0);
    expect(out.ended).toEqual([]);
    expect(() => aggregateSeries(runs, { agg: "mean", band: "none", gridPoints: 1 })).toThrow(RangeError);
    expect(() => aggregateSeries(runs, { agg: "avg" as "mean", band: "none" })).toThrow(RangeError);
    expect(() => aggregateSeries([{ x: f(1), y: f() }], { agg: "mean", band: "none" })).toThrow(RangeError);
  });

  it("grid points come from valid points only; count 0 (even grid inside a gap) gives NaN", () => {
    const g = aggregateSeries(
      [{ x: f(0, 1, 2, 3), y: f(1, 1, NaN, 1) }, { x: f(2.5), y: f(7) }],
      { agg: "mean", band: "stderr" },
    );
    expect(Array.from(g.x)).toEqual([0, 1, 2.5, 3]); // x = 2 holds no valid point
    expect(Array.from(g.count)).toEqual([1, 1, 1, 1]);
    expect(Array.from(g.center)).toEqual([1, 1, 7, 1]);

    const y = f(1, 1, 1, NaN, NaN, NaN, NaN, NaN, 1, 1, 1);
    const x = Float64Array.from({ length: 11 }, (_, i) => i);
    const out = aggregateSeries([{ x, y }], { agg: "mean", band: "stderr", gridPoints: 3 });
    expect(Array.from(out.x)).toEqual([0, 5, 10]);
    expect(Array.from(out.count)).toEqual([1, 0, 1]);
    expect(out.ended).toEqual([1]);
    expectClose(out.center, [1, NaN, 1]);
    expectClose(out.lower, [1, NaN, 1]);
  });
});

describe("grid helpers", () => {
  it("prepareRun sorts unsorted x, keeps the last value at a repeated x and marks gaps", () => {
    const r = prepareRun(f(2, 0, 1), f(20, 0, 10));
    expect(Array.from(r.x)).toEqual([0, 1, 2]);
    expect(Array.from(r.y)).toEqual([0, 10, 20]);
    const d = prepareRun(f(0, 1, 1, 2), f(0, 5, 1, 2));
    expect(Array.from(d.y)).toEqual([0, 1, 2]);
    const g = prepareRun(f(NaN, 0, 1, NaN, 2, 3, 4), f(9, 0, 1, 5, 2, NaN, 4));
    expect(Array.from(g.x)).toEqual([0, 1, 2, 4]);
    expect(Array.from(g.broken)).toEqual([0, 1, 1, 0]);
  });

  it("interpolateOnGrid never extrapolates", () => {
    const r = prepareRun(f(10, 20), f(1, 3));
    expectClose(interpolateOnGrid(r, f(0, 10, 15, 20, 25)), [NaN, 1, 2, 3, NaN]);
  });

  it("unionGrid and evenGrid", () => {
    expect(Array.from(unionGrid([prepareRun(f(3, 1), f(0, 0)), prepareRun(f(1, 2), f(0, 0))]))).toEqual([1, 2, 3]);
    expect(Array.from(evenGrid(0, 100, 4, true))).toEqual([0, 33, 67, 100]);
    expect(Array.from(evenGrid(0, 1, 3))).toEqual([0, 0.5, 1]);
    expect(Array.from(evenGrid(0, 2, 5, true))).toEqual([0, 1, 2]); // 0, 0.5→1, 1, 1.5→2, 2 deduplicated
    expect(Array.from(evenGrid(4, 4, 10))).toEqual([4]);
  });

  it("t critical values", () => {
    expect(T_CRITICAL_95.length).toBe(30);
    expect(tCritical95(1)).toBe(12.7062);
    expect(tCritical95(30)).toBe(2.0423);
    expect(tCritical95(31)).toBe(1.96);
    expect(tCritical95(0)).toBeNaN();
  });
});
