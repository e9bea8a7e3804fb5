import { describe, expect, it } from "vitest";
import { m4 } from "./m4.ts";

const f = (...v: number[]) => Float64Array.from(v);
const range = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

function noise(n: number, seed = 5): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
}

describe("m4", () => {
  it("keeps exactly first, max, min, last per column, in x order", () => {
    // 100 points, 10 columns of 10: in each column y is 0 except +100 at offset 3 and −100 at offset 6
    const x = range(100);
    const y = Float64Array.from(x, (v) => (v % 10 === 3 ? 100 : v % 10 === 6 ? -100 : 0));
    const out = m4(x, y, 0, 100, 10);
    expect(out.x.length).toBe(40);
    const expectedX: number[] = [];
    for (let c = 0; c < 10; c++) expectedX.push(10 * c, 10 * c + 3, 10 * c + 6, 10 * c + 9);
    expect(Array.from(out.x)).toEqual(expectedX);
    expect(Array.from(out.y.slice(0, 4))).toEqual([0, 100, -100, 0]);
  });

  it("deduplicates: a monotone series keeps 2 points per column", () => {
    const x = range(100);
    const out = m4(x, x, 0, 99, 10);
    expect(out.x.length).toBe(20);
    expect(out.x[0]).toBe(0);
    expect(out.x[19]).toBe(99);
  });

  it("preserves each column's first, last, min and max on noisy data", () => {
    const n = 100_000;
    const columns = 300;
    const x = range(n);
    const y = noise(n);
    const out = m4(x, y, 0, n - 1, columns);
    expect(out.x.length).toBeLessThanOrEqual(4 * columns);
    expect(out.x.length).toBeGreaterThan(3 * columns);
    expect(out.x[0]).toBe(0);
    expect(out.x[out.x.length - 1]).toBe(n - 1);
    const col = (v: number) => Math.min(Math.floor((v / (n - 1)) * columns), columns - 1);
    const inMin = new Float64Array(columns).fill(Infinity);
    const inMax = new Float64Array(columns).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const c = col(x[i]);
      inMin[c] = Math.min(inMin[c], y[i]);
      inMax[c] = Math.max(inMax[c], y[i]);
    }
    const outMin = new Float64Array(columns).fill(Infinity);
    const outMax = new Float64Array(columns).fill(-Infinity);
    for (let k = 0; k < out.x.length; k++) {
      const c = col(out.x[k]);
      outMin[c] = Math.min(outMin[c], out.y[k]);
      outMax[c] = Math.max(outMax[c], out.y[k]);
      if (k > 0) expect(out.x[k]).toBeGreaterThan(out.x[k - 1]);
      expect(out.y[k]).toBe(y[out.x[k]]);
    }
    expect(Array.from(outMin)).toEqual(Array.from(inMin));
    expect(Array.from(outMax)).toEqual(Array.from(inMax));
  });

  it("a series with at most 4 points per column comes back unchanged", () => {
    const x = f(0, 1, 2, 5, 9);
    const y = f(3, 1, 4, 1, 5);
    const out = m4(x, y, 0, 10, 3);
    expect(Array.from(out.x)).toEqual(Array.from(x));
    expect(Array.from(out.y)).toEqual(Array.from(y));
  });

  it("emits one gap marker where a gap separates columns", () => {
    const x = range(100);
    const y = Float64Array.from(x);
    for (let i = 45; i < 55; i++) y[i] = NaN;
    const out = m4(x, y, 0, 100, 10);
    // 2 points per column (monotone) + 1 marker; columns 4 and 5 keep 40,44 and 55,59
    expect(out.x.length).toBe(21);
    const k = Array.from(out.y).findIndex(Number.isNaN);
    expect(Array.from(out.x.slice(k - 2, k + 3))).toEqual([40, 44, 45, 55, 59]);
    expect(Array.from(out.y).filter(Number.isNaN).length).toBe(1);
  });

  it("a gap inside one column splits it into two summaries", () => {
    const x = range(100);
    const y = Float64Array.from(x);
    y[43] = y[44] = y[45] = NaN;
    const out = m4(x, y, 0, 100, 10);
    expect(out.x.length).toBe(20 + 2 + 1); // column 4: 40, 42 | marker 43 | 46, 49
    const k = Array.from(out.y).findIndex(Number.isNaN);
    expect(Array.from(out.x.slice(k - 2, k + 3))).toEqual([40, 42, 43, 46, 49]);
  });

  it("drops leading and trailing gaps; a non-finite x is a gap too", () => {
    const x = range(20);
    const y = Float64Array.from(x);
    y[0] = y[1] = y[19] = NaN;
    x[10] = NaN;
    const out = m4(x, y, 0, 20, 2);
    // column 0: 2…9, column 1: 11…18, marker at x of the previous kept point (x[10] is NaN)
    expect(Array.from(out.x)).toEqual([2, 9, 9, 11, 18]);
    expect(Number.isNaN(out.y[2])).toBe(true);
  });

  it("keeps the neighbours just outside [x0, x1] so a clipped line reaches the edges", () => {
    const x = range(100);
    const out = m4(x, x, 20, 29.5, 1);
    expect(Array.from(out.x)).toEqual([19, 20, 29, 30]);
    const crossing = m4(f(0, 100), f(0, 1), 40, 60, 10);
    expect(Array.from(crossing.x)).toEqual([0, 100]);
    const away = m4(f(0, 1, 2), f(0, 1, 2), 40, 60, 10);
    expect(away.x.length).toBe(0);
  });

  it("follows an x that moves back and forth, in input order", () => {
    const out = m4(f(0, 10, 5, 15), f(1, 2, 3, 4), 0, 20, 2);
    expect(Array.from(out.x)).toEqual([0, 10, 5, 15]);
  });

  it("puts x = x1 in the last column and rejects bad arguments", () => {
    const out = m4(f(0, 1, 2, 3, 4), f(0, 5, 0, 5, 0), 0, 4, 1);
    expect(Array.from(out.x)).toEqual([0, 1, 4]); // first, max (first of ties), min = first, last
    expect(() => m4(f(0), f(0), 1, 1, 10)).toThrow(RangeError);
    expect(() => m4(f(0), f(0), 0, 1, 0)).toThrow(RangeError);
    expect(() => m4(f(0), f(0, 1), 0, 1, 1)).toThrow(RangeError);
    expect(m4(new Float64Array(0), new Float64Array(0), 0, 1, 5).x.length).toBe(0);
  });
});
