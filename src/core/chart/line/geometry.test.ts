import { describe, expect, it } from "vitest";
import { m4 } from "../../series/m4.ts";
import { mulberry32 } from "../../stats/random.ts";
import { bandPathD, denseColumnsPathD, extent, linePathD, nearestIndex, PathWriter } from "./geometry.ts";

const id = (v: number) => v;
/** The ring a lone point is drawn as. */
const RING = "m-2.5 0a2.5 2.5 0 1 0 5 0a2.5 2.5 0 1 0-5 0";

describe("PathWriter", () => {
  it("writes one absolute moveto per piece and relative tenths, breaking at non-finite points", () => {
    const w = new PathWriter();
    for (const [x, y] of [[0, 0], [1.04, 2.96], [1.04, 2.96], [0.5, -3], [NaN, NaN], [10, 10], [10.5, 10]] as const) w.point(x, y);
    expect(w.toString()).toBe("M0,0l1,3-.5-6M10,10l.5,0");
  });
});

describe("PathWriter number text", () => {
  // the straightforward float formatting it replaces, for comparison
  const reference = (n: number, per: number): string => {
    const s = String(n / per);
    if (n % per === 0) return s;
    if (n > 0 && n < per) return s.slice(1);
    if (n < 0 && n > -per) return `-${s.slice(2)}`;
    return s;
  };
  it("writes every grid value as the float formatting would, on grids of 2 and 10", () => {
    for (const per of [2, 10] as const) {
      for (let n = -2500; n <= 2500; n += 7) {
        const w = new PathWriter(per);
        w.point(0, 0);
        w.point(n / per, -n / per);
        const expected = `M0,0l${reference(n, per)}${reference(-n, per).startsWith("-") ? "" : ","}${reference(-n, per)}`;
        expect(w.toString(), `${n}/${per}`).toBe(n === 0 ? "M0,0" : expected);
      }
    }
  });
});

describe("linePathD", () => {
  it("draws short series point by point", () => {
    // Each lone point ends in a zero-length segment: round caps draw it as a dot.
    expect(linePathD(Float64Array.of(0, 1, 2), Float64Array.of(0, NaN, 2), id, id, 0, 2, 100)).toBe(`M0,0${RING}M2,2${RING}`);
  });

  it("reduces long series to about two points per pixel column (M4, min and max kept)", () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => Math.sin(i / 10) * 100);
    const sx = (v: number) => (v / n) * 200;
    const d = linePathD(x, y, sx, id, 0, n, 200);
    const pts = d.match(/-?[\d.]+,?-?[\d.]+/g)!.length;
    expect(pts).toBeLessThanOrEqual(2 * 200 + 2);
    expect(pts).toBeGreaterThan(200);
    // extremes survive: the path reaches y = ±100
    let py = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const m of d.matchAll(/([Ml]?)(-?[\d.]+),?(-?[\d.]+)/g)) {
      py = m[1] === "M" ? Number(m[3]) : py + Number(m[3]);
      lo = Math.min(lo, py);
      hi = Math.max(hi, py);
    }
    expect(lo).toBeCloseTo(-100, 0);
    expect(hi).toBeCloseTo(100, 0);
  });

  it("draws a dense line in one pass exactly as grouping its M4 reduction would (random series with gaps)", () => {
    const rand = mulberry32(7);
    for (let t = 0; t < 300; t++) {
      const n = 250 + Math.floor(rand() * 3000);
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      let xi = rand() * 10;
      for (let i = 0; i < n; i++) {
        xi += rand() < 0.05 ? rand() * 40 : rand();
        x[i] = rand() < 0.01 ? NaN : xi;
        y[i] = rand() < 0.03 ? NaN : Math.round(rand() * 8) + (rand() < 0.5 ? 0 : rand());
      }
      const finite = [...x].filter(Number.isFinite);
      const x0 = Math.min(...finite);
      const x1 = Math.max(...finite);
      const cols = 40 + Math.floor(rand() * 80);
      const sx = (v: number) => ((v - x0) / (x1 - x0)) * cols;
      const sy = (v: number) => 100 - v * 10;
      const r = m4(x, y, x0, x1, cols);
      expect(linePathD(x, y, sx, sy, x0, x1, cols), `case ${t}`).toBe(denseColumnsPathD(r.x, r.y, sx, sy, x0, x1, cols, true));
    }
  });

  it("reduces a dense series on a log x axis by pixel column, not by equal steps of x", () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i + 1);
    const y = x.map((v) => Math.sin(Math.log(v) * 3) * 50);
    const width = 200;
    const sx = (v: number) => (Math.log(v) / Math.log(n)) * width;
    const columnsDrawn = (d: string): number => {
      let px = 0;
      const xs = new Set<number>();
      for (const m of d.matchAll(/([Ml]?)(-?[\d.]+)(,?)(-?[\d.]+)/g)) {
        px = m[1] === "M" ? Number(m[2]) : px + Number(m[2]);
        xs.add(Math.floor(px));
      }
      return xs.size;
    };
    // every pixel column is drawn (steps 1…100,000 spread over the whole log axis); with equal
    // steps of x the first column alone (steps 1–500) would span half the plot as one segment
    expect(columnsDrawn(linePathD(x, y, sx, id, 1, n, width, false, true))).toBeGreaterThan(width * 0.8);
  });

  it("draws a dense series at pixel-column centres on a half-pixel grid", () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => ((i * 7919) % 1000) / 37);
    const sx = (v: number) => (v / (n - 1)) * 100;
    const d = linePathD(x, y, sx, id, 0, n - 1, 100);
    let px = 0;
    const xs: number[] = [];
    for (const m of d.matchAll(/([Ml]?)(-?[\d.]+)(,?)(-?[\d.]+)/g)) {
      px = m[1] === "M" ? Number(m[2]) : px + Number(m[2]);
      xs.push(px);
      expect(Number(m[4]) * 2).toBe(Math.round(Number(m[4]) * 2));
    }
    expect(xs.every((v) => v % 1 === 0.5 && v > 0 && v < 100)).toBe(true);
    // two extremes per column: every column from the first to the last
    expect(new Set(xs).size).toBe(100);
  });
});

describe("bandPathD", () => {
  it("closes one polygon per piece where both edges are finite", () => {
    const d = bandPathD(Float64Array.of(0, 10, 20, 30, 40), [0, 1, NaN, 0, 0], [2, 3, NaN, 2, 2], id, id);
    expect(d).toBe("M0,2l10,1 0-2-10-1ZM30,2l10,0 0-2-10,0Z");
  });
});

describe("extent / nearestIndex", () => {
  it("finds the extent of finite values within an x range", () => {
    const x = Float64Array.of(0, 1, 2, 3);
    expect(extent([{ x, values: [5, null, -1, 9] }], 0, 2)).toEqual([-1, 5]);
    expect(extent([{ x, values: [5, null, -1, 9] }], 0, 3, true)).toEqual([5, 9]);
    expect(extent([{ x, values: [null, null, null, null] }])).toBeNull();
  });

  it("binary-searches the nearest x", () => {
    const x = Float64Array.of(0, 10, 20, 30);
    expect(nearestIndex(x, 14, true)).toBe(1);
    expect(nearestIndex(x, 16, true)).toBe(2);
    expect(nearestIndex(x, -5, true)).toBe(0);
    expect(nearestIndex(x, 99, true)).toBe(3);
    expect(nearestIndex(Float64Array.of(5, 0, 9), 8, false)).toBe(2);
  });
});
