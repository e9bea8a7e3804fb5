import { describe, expect, it } from "vitest";
import { decodeNumberColumn, encodeNumberColumn } from "./numberColumn.ts";

const roundTrip = (v: (number | null)[]) => decodeNumberColumn(JSON.parse(JSON.stringify(encodeNumberColumn(v))));

describe("encodeNumberColumn(values)", () => {
  it("writes a step grid as start, step and count", () => {
    expect(encodeNumberColumn([0, 10, 20, 30])).toEqual({ a: [0, 10, 4] });
    expect(encodeNumberColumn([5, 6, 7])).toEqual({ a: [5, 1, 3] });
  });

  it("writes decimals of one precision as integer deltas at the coarsest power of ten", () => {
    expect(encodeNumberColumn([0.3069, 0.3071, null, 0.3])).toEqual({ e: -4, d: "3069,2,,-71" });
    expect(encodeNumberColumn([41200, 41300, 41300, 41500])).toEqual({ e: 2, d: "412,1,0,2" });
    expect(encodeNumberColumn([-0.5, 2.124, 10.988])).toEqual({ e: -3, d: "-500,2624,8864" });
    expect(encodeNumberColumn([null, null])).toEqual({ e: 15, d: "," });
  });

  it("gives back exactly what it was given, gaps included", () => {
    const cases: (number | null)[][] = [
      [],
      [1],
      [null, null],
      [0.1, 0.2, 0.30000000000000004],
      [1e-7 / 3, 1234567.891, null, 2],
      [1767225600000, 1767225600250, 1767225601000],
      [3.333e-13, 10.123456],
      [Number.MAX_SAFE_INTEGER, 0, -1],
      [0.0005, 0.001, 0.0015, null, 0.002],
      [null, 1, 2, null],
      [null],
    ];
    for (const v of cases) expect(roundTrip(v)).toEqual(v);
  });

  it("falls back to plain numbers when no power of ten is exact", () => {
    expect(encodeNumberColumn([Math.PI, 1, null])).toEqual([Math.PI, 1, null]);
  });

  it("writes non-finite values as gaps", () => {
    expect(roundTrip([1, NaN, Infinity, 3])).toEqual([1, null, null, 3]);
  });

  it("takes no step grid whose step overflows or rounds away its second value", () => {
    // MAX_VALUE - 1 rounds to MAX_VALUE: a step of -MAX_VALUE would read -1 back as 0, and its
    // double overflows to the -Infinity that follows (found by the fuzz run).
    expect(roundTrip([Number.MAX_VALUE, -1, -Infinity])).toEqual([Number.MAX_VALUE, -1, null]);
    expect(roundTrip([Number.MAX_VALUE, -Number.MAX_VALUE, -Infinity, 0])).toEqual([Number.MAX_VALUE, -Number.MAX_VALUE, null, 0]);
  });
});
