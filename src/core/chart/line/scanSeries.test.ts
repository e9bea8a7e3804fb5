import { describe, expect, it } from "vitest";
import { scanSeries } from "./scanSeries.ts";

const f = (...v: number[]) => Float64Array.from(v);

describe("scanSeries", () => {
  it("returns the given y when nothing is hidden, with ranges, last and smallest point", () => {
    const y = f(3, 1, NaN, 2);
    const r = scanSeries(f(0, 1, 2, 3), y);
    expect(r.y).toBe(y);
    expect(r.stats).toMatchObject({ yLo: 1, yHi: 3, minPositive: 1, xLo: 0, xHi: 3, whole: true, drawnXLo: 0, drawnXHi: 3, last: 3, min: 1 });
    expect([r.hiddenX, r.hiddenY]).toEqual([0, 0]);
  });

  it("hides in a copy what the axes cannot show, counting what a log axis hides", () => {
    const y = f(-1, 2, 0, 4, 5);
    const r = scanSeries(f(0, 1, 2, NaN, 4), y, { xLog: true, yLog: true });
    expect([...r.y]).toEqual([NaN, 2, NaN, NaN, 5]);
    expect([...y]).toEqual([-1, 2, 0, 4, 5]);
    // x = 0 on the log x axis; y = 0 on the log y axis; a non-finite x is a gap, not counted
    expect([r.hiddenX, r.hiddenY]).toEqual([1, 1]);
    expect(r.stats).toMatchObject({ yLo: 2, yHi: 5, drawnXLo: 1, drawnXHi: 4, last: 4, min: 1, xLo: 0, xHi: 4 });
  });

  it("hides band edges in place and counts them in the y range", () => {
    const lower = f(0.5, -1, 1);
    const upper = f(1.5, 3, 2);
    const r = scanSeries(f(1, 2, 3), f(1, 2, 1.5), { lower, upper, yLog: true });
    expect([...lower]).toEqual([0.5, NaN, 1]);
    expect([...upper]).toEqual([1.5, NaN, 2]);
    expect(r.stats).toMatchObject({ yLo: 0.5, yHi: 2, minPositive: 0.5 });
  });
});
