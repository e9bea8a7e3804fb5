import { describe, expect, it } from "vitest";
import { downsampleSeries } from "./downsampleSeries.ts";

/** Deterministic pseudo-random noise (Park–Miller), so failures reproduce. */
function noise(n: number, seed = 7): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
}

function range(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i);
}

function argExtreme(y: Float64Array, better: (a: number, b: number) => boolean): number {
  let best = -1;
  for (let i = 0; i < y.length; i++) if (!Number.isNaN(y[i]!) && (best < 0 || better(y[i]!, y[best]!))) best = i;
  return best;
}

/** Every output point is an input point (same x and y, or a gap marker at an input gap). */
function expectSubsequence(x: Float64Array, y: Float64Array, out: { x: Float64Array; y: Float64Array }): void {
  let j = 0;
  for (let k = 0; k < out.x.length; k++) {
    const gap = Number.isNaN(out.y[k]!);
    while (j < x.length && !(x[j] === out.x[k] && (gap ? Number.isNaN(y[j]!) : y[j] === out.y[k]))) j++;
    expect(j, `output point ${k} (${out.x[k]}, ${out.y[k]}) is in the input, in order`).toBeLessThan(x.length);
    j++;
  }
}

/** No line segment between two consecutive valid output points spans a gap of the input. */
function expectNoBridgedGap(x: Float64Array, y: Float64Array, out: { x: Float64Array; y: Float64Array }): void {
  const indexOf = new Map<number, number>();
  x.forEach((v, i) => indexOf.set(v, i));
  for (let k = 1; k < out.x.length; k++) {
    if (Number.isNaN(out.y[k - 1]!) || Number.isNaN(out.y[k]!)) continue;
    const a = indexOf.get(out.x[k - 1]!)!;
    const b = indexOf.get(out.x[k]!)!;
    for (let i = a + 1; i < b; i++) expect(Number.isNaN(y[i]!), `gap at index ${i} bridged`).toBe(false);
  }
}

describe("downsampleSeries(x, y, maxPoints)", () => {
  it("returns a series no longer than the budget unchanged (copies)", () => {
    const x = range(5);
    const y = Float64Array.from([1, NaN, NaN, 2, 3]);
    const out = downsampleSeries(x, y, 5);
    expect([...out.x]).toEqual([...x]);
    expect([...out.y]).toEqual([...y]);
    expect(out.x).not.toBe(x);
  });

  it.each([3, 4, 5, 10, 101, 1000])("keeps at most %i points, with first and last (and min and max from 4)", (maxPoints) => {
    const n = 20_000;
    const x = range(n);
    const y = noise(n).map((v, i) => v + Math.sin(i / 500));
    const out = downsampleSeries(x, y, maxPoints);
    expect(out.x.length).toBeLessThanOrEqual(maxPoints);
    expect(out.x[0]).toBe(0);
    expect(out.x[out.x.length - 1]).toBe(n - 1);
    if (maxPoints >= 4) {
      expect([...out.x]).toContain(argExtreme(y, (a, b) => a < b));
      expect([...out.x]).toContain(argExtreme(y, (a, b) => a > b));
    }
    expectSubsequence(x, y, out);
  });

  it("uses the budget: 1,000 points for 10,000 without gaps is exactly full", () => {
    const out = downsampleSeries(range(10_000), noise(10_000), 1000);
    expect(out.x.length).toBe(1000);
  });

  it("keeps each bucket's min and max in original order", () => {
    // 12 points, budget 6 → 2 buckets over indices 1..10; their extremes are known.
    const y = Float64Array.from([5, 4, 9, 1, 6, 5, 5, 0, 5, 8, 5, 5]);
    const out = downsampleSeries(range(12), y, 6);
    expect([...out.x]).toEqual([0, 2, 3, 7, 9, 11]);
    expect([...out.y]).toEqual([5, 9, 1, 0, 8, 5]);
  });

  it("keeps one gap marker per gap so lines break there", () => {
    const n = 10_000;
    const x = range(n);
    const y = noise(n);
    for (const [a, b] of [[1000, 1200], [5000, 5001], [9000, 9500]] as const) y.fill(NaN, a, b);
    const out = downsampleSeries(x, y, 500);
    expect(out.x.length).toBeLessThanOrEqual(500);
    const markers = [...out.y].flatMap((v, k) => (Number.isNaN(v) ? [out.x[k]] : []));
    expect(markers).toEqual([1000, 5000, 9000]);
    expectNoBridgedGap(x, y, out);
    expectSubsequence(x, y, out);
  });

  it("keeps the global extremes with gaps once the budget is 7", () => {
    const n = 3000;
    const x = range(n);
    const y = noise(n);
    for (let i = 100; i < n; i += 200) y[i] = NaN;
    const out = downsampleSeries(x, y, 7);
    expect(out.x.length).toBeLessThanOrEqual(7);
    expect([...out.x]).toContain(argExtreme(y, (a, b) => a < b));
    expect([...out.x]).toContain(argExtreme(y, (a, b) => a > b));
  });

  it("stays within budget when gaps outnumber the budget (every other point missing)", () => {
    const n = 5000;
    const x = range(n);
    const y = noise(n).map((v, i) => (i % 2 ? NaN : v));
    for (const maxPoints of [3, 7, 100, 999]) {
      const out = downsampleSeries(x, y, maxPoints);
      expect(out.x.length).toBeLessThanOrEqual(maxPoints);
      expectNoBridgedGap(x, y, out);
      for (let k = 1; k < out.y.length; k++) {
        expect(Number.isNaN(out.y[k]!) && Number.isNaN(out.y[k - 1]!), "no two markers in a row").toBe(false);
      }
    }
  });

  it("drops leading and trailing gaps and treats a non-finite x as a gap", () => {
    const n = 100;
    const x = range(n);
    x[50] = NaN;
    const y = noise(n);
    y.fill(NaN, 0, 10);
    y.fill(NaN, 90);
    const out = downsampleSeries(x, y, 20);
    expect(out.x[0]).toBe(10);
    expect(out.x[out.x.length - 1]).toBe(89);
    expect(out.y.some((v) => Number.isNaN(v))).toBe(true);
  });

  it("returns an empty series when every point is a gap", () => {
    const out = downsampleSeries(range(10), new Float64Array(10).fill(NaN), 4);
    expect(out.x.length).toBe(0);
  });

  it("rejects a budget below 3 and mismatched lengths", () => {
    expect(() => downsampleSeries(range(10), range(10), 2)).toThrow(RangeError);
    expect(() => downsampleSeries(range(10), range(9), 5)).toThrow(RangeError);
  });
});

describe("downsampleIndices", async () => {
  const { downsampleIndices, downsampleSeries } = await import("./downsampleSeries.ts");
  const { it, expect } = await import("vitest");
  it("selects exactly the points downsampleSeries keeps (gap markers as the gap's index)", () => {
    const n = 5000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => (i % 700 < 5 ? NaN : Math.sin(i / 37) + (i % 13) / 50));
    const idx = downsampleIndices(x, y, 300);
    const d = downsampleSeries(x, y, 300);
    expect([...idx].map((i) => x[i])).toEqual([...d.x]);
    expect([...idx].map((i) => (Number.isFinite(y[i]!) ? y[i] : NaN))).toEqual([...d.y]);
  });
});
