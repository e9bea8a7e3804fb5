import { describe, expect, it } from "vitest";
import type { LineChartData } from "../lineChartData.ts";
import { liveDomain, liveSeries } from "./liveSeries.ts";

const data: LineChartData = {
  series: [
    { run: "a", name: "a", metric: "loss", color: "#000", x: [0, 1, 2], y: [4, null, 2] },
    { run: "b", name: "b", metric: "acc", color: "#111", x: [2, 1], y: [10, 20], m: 1, band: { lower: [9, null], upper: [11, 22] } },
  ],
};

describe("liveSeries(data)", () => {
  it("holds gaps as NaN, labels series of a multi-metric chart with their metric and dashes the second metric", () => {
    const [a, b] = liveSeries(data);
    expect([...a!.y]).toEqual([4, NaN, 2]);
    expect([...a!.drawn]).toEqual([4, NaN, 2]);
    expect(a!.drawn).not.toBe(a!.y);
    expect([a!.label, b!.label]).toEqual(["a · loss", "b · acc"]);
    expect(a!.dash).toBe("");
    expect(b!.dash).not.toBe("");
    expect([a!.sorted, b!.sorted]).toEqual([true, false]);
    expect([...b!.lower!]).toEqual([9, NaN]);
  });
});

describe("liveDomain(series, options)", () => {
  const series = liveSeries(data);
  const base = { hidden: new Set<number>(), zoom: null, fullX: undefined, smoothed: false, logY: false };
  it("spans the shown series' x and every drawn value, bands included", () => {
    expect(liveDomain(series, base)).toEqual({ x: [0, 2], y: [2, 22] });
    expect(liveDomain(series, { ...base, hidden: new Set([1]) })).toEqual({ x: [0, 2], y: [2, 4] });
  });

  it("takes y inside the zoom only, and the build's x range when given", () => {
    expect(liveDomain(series, { ...base, hidden: new Set([1]), zoom: [1.5, 2] })).toEqual({ x: [1.5, 2], y: [2, 2] });
    expect(liveDomain(series, { ...base, fullX: [-1, 5] })!.x).toEqual([-1, 5]);
  });

  it("falls back to every series when all are hidden", () => {
    expect(liveDomain(series, { ...base, hidden: new Set([0, 1]) })).toEqual({ x: [0, 2], y: [2, 22] });
  });
});
