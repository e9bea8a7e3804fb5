import { describe, expect, it } from "vitest";
import type { History, Run } from "../run.ts";
import { runData } from "./runData.ts";

const run = (metrics: string[]) => ({ id: "p/r", name: "r", metrics }) as unknown as Run;
const history = (step: number[], metrics: Record<string, number[]>): History => ({
  step: Float64Array.from(step),
  time: null,
  metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Float64Array.from(v)])),
});

describe("runData(run, history, points)", () => {
  it("publishes a metric logged at most `points` times whole, at full precision", () => {
    const d = runData(run(["m"]), history([0, 1, 2], { m: [0.123456789, Number.NaN, 2.5] }), 10);
    expect(d.history.metrics.m).toEqual({ x: [0, 2], y: [0.123456789, 2.5], logged: 2 });
  });

  it("rounds a downsampled line to 1/10,000 of its range, keeps its extremes and counts what was logged", () => {
    const n = 5000;
    const ys = Array.from({ length: n }, (_, i) => (i === 2000 ? Number.NaN : 1 + Math.sin(i / 50) * 0.4 + i * 1e-7));
    const d = runData(run(["m"]), history(Array.from({ length: n }, (_, i) => i), { m: ys }), 1000);
    const s = d.history.metrics.m!;
    expect(s.logged).toBe(n - 1);
    expect(s.x.length).toBeLessThanOrEqual(1000);
    expect(s.x.length).toBe(s.y.length);
    const finite = ys.filter((v) => Number.isFinite(v));
    const step = 1e-4; // a range of ~0.8 over 10,000 steps, rounded up to 1/2/5 × 10^k
    for (let i = 0; i < s.x.length; i++) {
      const v = s.y[i];
      if (v === null) continue;
      expect(Math.abs(v - ys[s.x[i]!]!), `at step ${s.x[i]}`).toBeLessThanOrEqual(step / 2 + 1e-12);
      // the decimals a reader sees: at most four places
      expect(String(v)).toMatch(/^-?\d+(\.\d{1,4})?$/);
    }
    expect(Math.max(...(s.y.filter((v) => v !== null) as number[]))).toBeCloseTo(Math.max(...finite), 4);
    expect(Math.min(...(s.y.filter((v) => v !== null) as number[]))).toBeCloseTo(Math.min(...finite), 4);
    expect(s.y.every((v) => v === null || Number.isFinite(v))).toBe(true);
  });
});
