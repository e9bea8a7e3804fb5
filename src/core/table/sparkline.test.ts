import { describe, expect, it } from "vitest";
import { downsampleSparkline, renderSparkline } from "./sparkline.ts";

describe("downsampleSparkline(steps, values, max)", () => {
  it("keeps short histories whole, trimming leading and trailing gaps", () => {
    const pts = downsampleSparkline([0, 1, 2, 3], [Number.NaN, 2, 1, Number.NaN]);
    expect(pts).toEqual([{ x: 1, y: 2 }, { x: 2, y: 1 }]);
  });
  it("cuts long histories to about max points, keeping first, last and extremes", () => {
    const n = 10_000;
    const steps = Float64Array.from({ length: n }, (_, i) => i);
    const values = Float64Array.from({ length: n }, (_, i) => (i === 5000 ? 100 : i === 7000 ? -100 : Math.sin(i / 100)));
    const pts = downsampleSparkline(steps, values, 50);
    expect(pts.length).toBeLessThanOrEqual(50);
    expect(pts[0]).toEqual({ x: 0, y: 0 });
    expect(pts.at(-1)!.x).toBe(n - 1);
    expect(pts.some((p) => p.y === 100)).toBe(true);
    expect(pts.some((p) => p.y === -100)).toBe(true);
    expect(pts.map((p) => p.x)).toEqual([...pts.map((p) => p.x)].sort((a, b) => a - b));
  });
});

describe("renderSparkline(metric, points, format)", () => {
  it("draws a path named by its first and last values, breaking at gaps", () => {
    const svg = renderSparkline("train/loss", [{ x: 0, y: 2.5 }, { x: 1, y: Number.NaN }, { x: 2, y: 1 }, { x: 3, y: 0.5 }], { kind: "number" });
    expect(svg).toContain('aria-label="train/loss: 2.5 → 0.5"');
    expect(svg).toContain('role="img"');
    expect(svg.match(/M/g)!.length).toBe(2);
    expect(svg).not.toContain("style=");
  });
  it("is empty when nothing is finite", () => {
    expect(renderSparkline("m", [{ x: 0, y: Number.NaN }], { kind: "number" })).toBe("");
  });
});
