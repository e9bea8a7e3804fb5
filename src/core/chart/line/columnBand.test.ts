import { describe, expect, it } from "vitest";
import { buildLineChart, type LineChart } from "../buildLineChart.ts";
import { columnBandPathD } from "./columnBand.ts";
import { parseFrameScale } from "./frameScale.ts";
import { lineChartSvg } from "./lineChartSvg.ts";

/** Absolute vertices of path data written by `PathWriter` (M, relative l, Z), one list per piece. */
function pieces(d: string): [number, number][][] {
  const out: [number, number][][] = [];
  for (const piece of d.split("M").slice(1)) {
    const nums = (piece.replace(/Z$/, "").match(/-?(\d+\.?\d*|\.\d+)/g) ?? []).map(Number);
    const pts: [number, number][] = [[nums[0]!, nums[1]!]];
    for (let i = 2; i + 1 < nums.length; i += 2) {
      const [px, py] = pts[pts.length - 1]!;
      pts.push([px + nums[i]!, py + nums[i + 1]!]);
    }
    out.push(pts);
  }
  return out;
}

/** A group of runs (band and count) over `steps` steps, noisy so every column has a spread. */
function grouped(steps: number, band = true): LineChart {
  const x = Float64Array.from({ length: steps }, (_, i) => i);
  const y = x.map((s) => 3 * Math.exp(-s / (steps / 4)) + 0.2 * Math.sin(s * 1.7));
  return buildLineChart({
    id: "g",
    x: { kind: "step", label: "step" },
    yLabel: "loss",
    scale: { x: "linear", y: "linear" },
    maxPoints: 1000,
    series: [
      {
        runId: "group:a",
        runName: "lr=a (n=3)",
        metric: "loss",
        color: "#1f77b4",
        x,
        y,
        ...(band ? { band: { lower: y.map((v, i) => v - 0.1 - 0.3 * ((i * 7919) % 13) / 13), upper: y.map((v, i) => v + 0.1 + 0.3 * ((i * 104_729) % 11) / 11) } } : {}),
        count: Int32Array.from(x, () => 3),
      },
    ],
  });
}

function drawn(chart: LineChart) {
  const svg = lineChartSvg(chart);
  const sx = parseFrameScale(/data-x="([^"]+)"/.exec(svg)![1])!;
  const sy = parseFrameScale(/data-y="([^"]+)"/.exec(svg)![1])!;
  const width = Number(/<clipPath id="[^"]+"><rect width="(\d+)"/.exec(svg)![1]);
  const line = /class="rf-line" d="([^"]*)"/.exec(svg)?.[1] ?? "";
  const band = /class="rf-band" d="([^"]*)"/.exec(svg)?.[1] ?? "";
  return { svg, sx, sy, width, line, band };
}

describe("static SVG of a group of runs, per pixel column", () => {
  it("draws a 10,000-step line at about two points a column with the same min/max envelope", () => {
    const chart = grouped(10_000);
    const { sx, sy, width, line } = drawn(chart);
    const points = pieces(line).flat();
    expect(points.length).toBeLessThanOrEqual(2 * width + 4);
    const { y } = chart.render.series[0]!;
    for (const c of [0, Math.floor(width / 3), width - 1]) {
      // every column's drawn extent is the pixel extent of the steps in it (to half a pixel)
      let yMin = Infinity;
      let yMax = -Infinity;
      for (let i = 0; i < y.length; i++) {
        const col = Math.min(width - 1, Math.floor(sx(i)));
        if (col !== c) continue;
        yMin = Math.min(yMin, sy(y[i]!));
        yMax = Math.max(yMax, sy(y[i]!));
      }
      const ys = points.filter(([px]) => px === c + 0.5).map(([, py]) => py);
      expect(Math.abs(Math.min(...ys) - yMin)).toBeLessThanOrEqual(0.25);
      expect(Math.abs(Math.max(...ys) - yMax)).toBeLessThanOrEqual(0.25);
    }
    const all = points.map(([, py]) => py);
    expect(Math.abs(Math.min(...all) - Math.min(...Array.from(y, sy)))).toBeLessThanOrEqual(0.25);
    expect(Math.abs(Math.max(...all) - Math.max(...Array.from(y, sy)))).toBeLessThanOrEqual(0.25);
  });

  it("draws the 10,000-step band with one vertex a side per column, covering every column's bounds", () => {
    const chart = grouped(10_000);
    const { sx, sy, width, band } = drawn(chart);
    const [polygon, ...rest] = pieces(band);
    expect(rest).toHaveLength(0);
    expect(polygon!.length).toBeLessThanOrEqual(2 * width);
    const { lower, upper } = chart.render.series[0]!;
    const top = new Map<number, number>();
    const bottom = new Map<number, number>();
    // the top edge runs left to right, then the bottom edge back from the same last column
    const turn = polygon!.findIndex(([px], k) => k > 0 && px < polygon![k - 1]![0]);
    polygon!.slice(0, turn - 1).forEach(([px, py]) => top.set(px, py));
    polygon!.slice(turn - 1).forEach(([px, py]) => bottom.set(px, py));
    expect(top.size).toBe(width);
    for (let i = 0; i < lower!.length; i++) {
      const centre = Math.min(width - 1, Math.floor(sx(i))) + 0.5;
      expect(top.get(centre)!).toBeLessThanOrEqual(sy(upper![i]!));
      expect(bottom.get(centre)!).toBeGreaterThanOrEqual(sy(lower![i]!));
    }
    // …and no more: the envelope is the band's own, to the half-pixel grid
    expect(Math.min(...top.values())).toBeGreaterThan(Math.min(...Array.from(upper!, sy)) - 0.5);
    expect(Math.max(...bottom.values())).toBeLessThan(Math.max(...Array.from(lower!, sy)) + 0.5);
  });

  it("ships a 1,000-step group in a fraction of the bytes drawing every step takes", () => {
    const { width, line, band } = drawn(grouped(1000));
    expect(1000).toBeGreaterThan(width);
    expect(pieces(line).flat().length).toBeLessThanOrEqual(2 * width + 4);
    expect(pieces(band).flat().length).toBeLessThanOrEqual(2 * width);
    // a run's line of as many steps (not a group) is still drawn at every step
    const chart = grouped(1000, false);
    delete chart.render.series[0]!.grouped;
    expect(pieces(drawn(chart).line).flat().length).toBeGreaterThan(900);
  });

  it("breaks the band where a bound is missing and draws a piece within one column across its points", () => {
    const x = Float64Array.of(0, 1, 2, 3, 4, 100, 100.2, 100.4);
    const lower = Float64Array.of(0, 1, NaN, 1, 1, NaN, 2, 2);
    const upper = Float64Array.of(2, 3, 3, 3, 3, 5, 4, 4);
    const d = columnBandPathD(x, lower, upper, (v) => v, (v) => 10 - v, 200);
    const ps = pieces(d);
    expect(ps).toHaveLength(3);
    expect(ps[0]).toEqual([[0.5, 8], [1.5, 7], [1.5, 9], [0.5, 10]]);
    expect(ps[1]).toEqual([[3.5, 7], [4.5, 7], [4.5, 9], [3.5, 9]]);
    expect(ps[2]).toEqual([[100, 6], [100.5, 6], [100.5, 8], [100, 8]]);
  });

  it("is byte-identical across calls", () => {
    const chart = grouped(3000);
    expect(lineChartSvg(chart)).toBe(lineChartSvg(chart));
  });
});
