import { describe, expect, it } from "vitest";
import { medianSpacing, smooth, type SmoothSpec } from "./smooth.ts";

const f = (...v: number[]) => Float64Array.from(v);
const range = (n: number, step = 1) => Float64Array.from({ length: n }, (_, i) => i * step);

function expectClose(actual: Float64Array, expected: number[], digits = 10): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    if (Number.isNaN(e)) expect(actual[i], `index ${i}`).toBeNaN();
    else expect(actual[i], `index ${i}`).toBeCloseTo(e, digits);
  });
}

/** Deterministic noise (Park–Miller). */
function noise(n: number, seed = 11): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5);
}

describe("smooth: none", () => {
  it("copies y, with every invalid point as NaN", () => {
    const y = f(1, Infinity, 3, NaN);
    const out = smooth(f(0, 1, NaN, 3), y, { kind: "none" });
    expectClose(out, [1, NaN, NaN, NaN]);
    expect(out).not.toBe(y);
  });
});

describe("smooth: ema (TensorBoard)", () => {
  it("matches hand-computed values for weight 0.5", () => {
    // last = last·0.5 + 0.5·y; out = last / (1 − 0.5^k)
    // k=1: last 0.5     → 0.5/0.5
    // k=2: last 1.25    → 1.25/0.75
    // k=3: last 2.125   → 2.125/0.875
    // k=4: last 3.0625  → 3.0625/0.9375
    const out = smooth(range(4), f(1, 2, 3, 4), { kind: "ema", weight: 0.5 });
    expectClose(out, [1, 1.6666666667, 2.4285714286, 3.2666666667]);
  });

  it("skips NaN and ±Infinity: NaN out, state unchanged, debias counts finite points only", () => {
    // finite points 1, 3, 4: last 0.5 → 0.5/0.5; 1.75 → 1.75/0.75; 2.875 → 2.875/0.875
    const out = smooth(range(5), f(1, NaN, 3, Infinity, 4), { kind: "ema", weight: 0.5 });
    expectClose(out, [1, NaN, 2.3333333333, NaN, 3.2857142857]);
  });

  it("treats a non-finite x as a gap too", () => {
    const out = smooth(f(0, NaN, 2), f(1, 2, 3), { kind: "ema", weight: 0.5 });
    expectClose(out, [1, NaN, 2.3333333333]);
  });

  it("keeps a constant series exactly constant, even at weight 0.999 and with gaps", () => {
    const y = new Float64Array(5000).fill(0.1);
    y[17] = NaN;
    const out = smooth(range(5000), y, { kind: "ema", weight: 0.999 });
    for (let i = 0; i < y.length; i++) if (i !== 17) expect(out[i]).toBe(0.1);
  });

  it("weight 0 is the identity", () => {
    const y = noise(50);
    expect(Array.from(smooth(range(50), y, { kind: "ema", weight: 0 }))).toEqual(Array.from(y));
  });

  it("rejects weights outside [0, 1)", () => {
    for (const weight of [1, -0.1, NaN, 2]) {
      expect(() => smooth(range(2), f(1, 2), { kind: "ema", weight })).toThrow(RangeError);
    }
  });

  it("rejects x and y of different lengths", () => {
    expect(() => smooth(range(3), f(1, 2), { kind: "ema", weight: 0.5 })).toThrow(RangeError);
  });

  it("handles empty and all-gap series", () => {
    expect(smooth(new Float64Array(0), new Float64Array(0), { kind: "ema", weight: 0.6 }).length).toBe(0);
    expectClose(smooth(range(2), f(NaN, NaN), { kind: "ema", weight: 0.6 }), [NaN, NaN]);
  });
});

describe("smooth: twema", () => {
  it("matches ema exactly on evenly spaced x", () => {
    const y = noise(500);
    const x = range(500, 10);
    for (const weight of [0, 0.3, 0.9, 0.999]) {
      expect(Array.from(smooth(x, y, { kind: "twema", weight }))).toEqual(
        Array.from(smooth(x, y, { kind: "ema", weight })),
      );
    }
  });

  it("decays by weight^(Δx/median spacing) over uneven gaps", () => {
    // x = 0, 1, 3, 4; spacings 1, 2, 1 → unit (median) 1; weight 0.5
    // k=3 (x=3): weights y1 0.5·0.25, y2 0.25, y3 1 → (0.125·1 + 0.25·2 + 3) / 1.375
    // k=4 (x=4): weights 0.0625, 0.125, 0.5, 1 → (0.0625 + 0.25 + 1.5 + 4) / 1.6875
    const out = smooth(f(0, 1, 3, 4), f(1, 2, 3, 4), { kind: "twema", weight: 0.5 });
    expectClose(out, [1, 1.6666666667, 2.6363636364, 3.4444444444]);
  });

  it("uses an explicit unit", () => {
    // unit 2: decay over Δx=1 is 0.5^0.5 = 0.7071067812, over Δx=2 it is 0.5
    // k=3: (0.5·0.7071067812·1 + 0.5·2 + 3) / (0.5·0.7071067812 + 0.5 + 1)
    const out = smooth(f(0, 1, 3), f(1, 2, 3), { kind: "twema", weight: 0.5, unit: 2 });
    expect(out[2]).toBeCloseTo(2.3487607169, 9);
    expect(() => smooth(f(0, 1), f(1, 2), { kind: "twema", weight: 0.5, unit: 0 })).toThrow(RangeError);
  });

  it("skips gaps: the decay spans the x distance between the valid points around them", () => {
    // same as the uneven example: the NaN at x=2 is skipped, x=1 → x=3 decays by 0.25
    const out = smooth(f(0, 1, 2, 3, 4), f(1, 2, NaN, 3, 4), { kind: "twema", weight: 0.5, unit: 1 });
    expectClose(out, [1, 1.6666666667, NaN, 2.6363636364, 3.4444444444]);
  });

  it("forgets the past after a long gap and keeps constants exact", () => {
    const out = smooth(f(0, 1, 2, 3, 1e6), f(0, 0, 0, 0, 5), { kind: "twema", weight: 0.9 });
    expect(out[4]).toBe(5); // 0.9^999997 underflows to 0
    const c = smooth(f(0, 1, 5, 6, 100), new Float64Array(5).fill(0.3), { kind: "twema", weight: 0.99 });
    expect(Array.from(c)).toEqual([0.3, 0.3, 0.3, 0.3, 0.3]);
  });

  it("counts a backwards or repeated x as zero distance (no decay)", () => {
    // Δx = 0: D = 1·1 + 1 = 2, s = 1 + (3 − 1)/2
    expectClose(smooth(f(5, 5), f(1, 3), { kind: "twema", weight: 0.5 }), [1, 2]);
    expectClose(smooth(f(5, 4), f(1, 3), { kind: "twema", weight: 0.5 }), [1, 2]);
  });

  it("medianSpacing takes the median positive spacing of valid points", () => {
    expect(medianSpacing(f(0, 1, 3, 4), f(0, 0, 0, 0))).toBe(1);
    expect(medianSpacing(f(0, 1, 3, 6, 10), f(0, 0, 0, 0, 0))).toBe(2.5);
    expect(medianSpacing(f(0, 10, 20, 30), f(0, NaN, 0, 0))).toBe(15); // valid spacings 20, 10
    expect(medianSpacing(f(3), f(1))).toBe(1);
  });
});

describe("smooth: gaussian (sigma in points)", () => {
  // sigma 1: window ±3 points, weights 1, e^-0.5 = 0.6065306597, e^-2 = 0.1353352832, e^-4.5 = 0.0111089965
  const g1 = 0.6065306597;
  const g2 = 0.1353352832;
  const g3 = 0.0111089965;

  it("matches hand-computed values, with weights renormalised at the edges", () => {
    const out = smooth(range(4), f(0, 0, 0, 8), { kind: "gaussian", sigma: 1 });
    expectClose(
      out,
      [
        (8 * g3) / (1 + g1 + g2 + g3), // j=0: neighbours at +1, +2, +3 only
        (8 * g2) / (1 + 2 * g1 + g2), // j=1: −1, +1, +2
        (8 * g1) / (1 + 2 * g1 + g2), // j=2: −2, −1, +1
        8 / (1 + g1 + g2 + g3), // j=3: −3, −2, −1
      ],
      8,
    );
    expectClose(out, [0.0506977997, 0.4610304174, 2.0661949827, 4.5636704894], 8);
  });

  it("ignores NaN: distances count valid points only", () => {
    const out = smooth(range(6), f(0, NaN, 0, 0, Infinity, 8), { kind: "gaussian", sigma: 1 });
    expectClose(out, [0.0506977997, NaN, 0.4610304174, 2.0661949827, NaN, 4.5636704894], 8);
  });

  it("is symmetric in the interior: a straight line stays straight away from the ends", () => {
    const y = range(20, 0.5);
    const out = smooth(range(20), y, { kind: "gaussian", sigma: 1 });
    for (let i = 3; i < 17; i++) expect(out[i]).toBeCloseTo(y[i], 12);
    expect(out[0]).toBeGreaterThan(y[0]); // edge pulled towards the interior
  });

  it("keeps constants exact; sigma < 1/3 is the identity", () => {
    const c = smooth(range(50), new Float64Array(50).fill(0.7), { kind: "gaussian", sigma: 4 });
    expect(c.every((v) => v === 0.7)).toBe(true);
    const y = noise(10);
    expect(Array.from(smooth(range(10), y, { kind: "gaussian", sigma: 0.3 }))).toEqual(Array.from(y));
    expect(() => smooth(range(2), f(1, 2), { kind: "gaussian", sigma: -1 })).toThrow(RangeError);
  });
});

describe("smooth: running (centred)", () => {
  const x = range(4);
  const y = f(1, 2, 4, 8);

  it("odd window: one point each side, truncated at the ends", () => {
    // (1+2)/2, (1+2+4)/3, (2+4+8)/3, (4+8)/2
    expectClose(smooth(x, y, { kind: "running", window: 3 }), [1.5, 7 / 3, 14 / 3, 6]);
  });

  it("even window reaches one further back than forward", () => {
    // window 4: j−2 … j+1 → (1+2)/2, (1+2+4)/3, (1+2+4+8)/4, (2+4+8)/3
    expectClose(smooth(x, y, { kind: "running", window: 4 }), [1.5, 7 / 3, 3.75, 14 / 3]);
    // window 2: j−1 … j
    expectClose(smooth(x, y, { kind: "running", window: 2 }), [1, 1.5, 3, 6]);
  });

  it("ignores NaN and keeps constants exact; window 1 is the identity", () => {
    expectClose(smooth(range(5), f(1, NaN, 2, 4, 8), { kind: "running", window: 3 }), [1.5, NaN, 7 / 3, 14 / 3, 6]);
    const c = smooth(range(100), new Float64Array(100).fill(0.1), { kind: "running", window: 7 });
    expect(c.every((v) => v === 0.1)).toBe(true);
    const n = noise(20);
    expect(Array.from(smooth(range(20), n, { kind: "running", window: 1 }))).toEqual(Array.from(n));
  });

  it("a window longer than the series averages everything", () => {
    expectClose(smooth(x, y, { kind: "running", window: 99 }), [3.75, 3.75, 3.75, 3.75]);
  });

  it("rejects non-integer or < 1 windows", () => {
    for (const window of [0, 2.5, NaN, -3]) {
      expect(() => smooth(x, y, { kind: "running", window } as SmoothSpec)).toThrow(RangeError);
    }
  });
});

describe("smooth: out buffer", () => {
  it("writes into the given buffer, in place on y too", () => {
    const y = f(1, 2, 3, 4);
    const buf = new Float64Array(4);
    expect(smooth(range(4), y, { kind: "ema", weight: 0.5 }, buf)).toBe(buf);
    expectClose(buf, [1, 1.6666666667, 2.4285714286, 3.2666666667]);
    for (const spec of [
      { kind: "ema", weight: 0.5 },
      { kind: "twema", weight: 0.5 },
      { kind: "gaussian", sigma: 1 },
      { kind: "running", window: 3 },
      { kind: "none" },
    ] as SmoothSpec[]) {
      const y2 = f(1, NaN, 2, 4, 8);
      const expected = Array.from(smooth(range(5), y2, spec));
      expect(Array.from(smooth(range(5), y2, spec, y2))).toEqual(expected);
    }
    expect(() => smooth(range(4), y, { kind: "none" }, new Float64Array(3))).toThrow(RangeError);
  });
});
