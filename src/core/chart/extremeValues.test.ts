/**
 * Every chart kind over a table of extreme data: huge, tiny (subnormal), overflowing spans,
 * constant and one-point series. Each must give finite domains, ticks and paths, and a visible
 * mark for every finite value — never a throw, a hang, `NaN` or `Infinity` in the SVG.
 */
import { describe, expect, it } from "vitest";
import { compareChartData } from "../compare/compareChartData.ts";
import { parameterImportance } from "../stats/importance.ts";
import { buildBarSpec } from "./buildBarSpec.ts";
import { binValues, buildHistogramSpec } from "./buildHistogramSpec.ts";
import { buildImportanceSpec } from "./buildImportanceSpec.ts";
import { buildLineChart, type ScaleType } from "./buildLineChart.ts";
import { buildParallelSpec } from "./buildParallelSpec.ts";
import { buildScatterSpec } from "./buildScatterSpec.ts";
import { compileChart } from "./compileChart.ts";
import { layoutLineFrame } from "./line/frame.ts";
import { usableDomain } from "./usableDomain.ts";
import { linePathD } from "./line/geometry.ts";
import { frameFor, lineChartSvg } from "./line/lineChartSvg.ts";
import { renderChartSvg } from "./renderChartSvg.ts";
import type { DatasetChart } from "./chartCommon.ts";
import type { Run } from "../run.ts";

const M = Number.MAX_VALUE;
const m = Number.MIN_VALUE;

/** Series of values (x = 0, 1, …); each is a case. */
const CASES: [string, number[]][] = [
  ["constant MAX_VALUE", [M, M, M]],
  ["constant -MAX_VALUE", [-M, -M]],
  ["±MAX_VALUE", [-M, M]],
  ["±1e308", [1e308, -1e308, 0]],
  ["MAX_VALUE and MIN_VALUE", [M, m]],
  ["constant MIN_VALUE", [m, m, m]],
  ["0 and MIN_VALUE", [0, m]],
  ["subnormals", [5e-324, 1e-320, 2e-320]],
  ["1e-320 alone", [1e-320]],
  ["one point", [3]],
  ["one point at 0", [0]],
  ["constant", [2, 2, 2, 2]],
  ["constant 0", [0, 0]],
  ["huge offset, tiny span", [1e10, 1e10 + 1e-5, 1e10 + 2e-5]],
  ["tiny around huge", [-1e308, 1e-320, 1e308]],
  ["one finite point among gaps", [NaN, 5, NaN]],
];

function expectClean(svg: string): void {
  expect(svg).not.toMatch(/NaN|Infinity/);
}

const finiteCount = (values: readonly number[]): number => values.filter(Number.isFinite).length;

describe("usableDomain(type, domain)", () => {
  it.each(CASES)("%s: a finite, tickable domain that holds the finite values", (_name, values) => {
    const finite = values.filter(Number.isFinite);
    for (const type of ["linear", "log", "utc"] as const) {
      const [d0, d1] = usableDomain(type, [Math.min(...finite), Math.max(...finite)]);
      expect(Number.isFinite(d0) && Number.isFinite(d1) && Number.isFinite(d1 - d0), `${type} ${d0} ${d1}`).toBe(true);
      expect(d1).toBeGreaterThan(d0);
      if (type === "log") expect(d0).toBeGreaterThan(0);
      const frame = layoutLineFrame({ width: 640, height: 320, x: { type, domain: [d0, d1], title: "x" }, y: { type, domain: [d0, d1], title: "y" } });
      for (const axis of [frame.x, frame.y]) {
        expect(axis.ticks.length).toBeGreaterThan(0);
        expect(axis.ticks.length).toBeLessThan(60);
        for (const t of axis.ticks) expect(Number.isFinite(t.at)).toBe(true);
      }
    }
  });
});

const EXTREMES = [M, -M, 1e308, -1e308, 1e300, m, -m, 1e-320, 5e-324 * 3, 1e-300, 0, -0, 1, -1, 3, 1e10, 1e10 + 1e-5, 8.64e15, -8.64e15];

describe("every pair of extreme values", () => {
  it("usableDomain gives a finite, ordered domain holding both values (linear: unless their span overflows)", () => {
    for (const a of EXTREMES) {
      for (const b of EXTREMES) {
        for (const type of ["linear", "log", "utc"] as const) {
          const [d0, d1] = usableDomain(type, [a, b]);
          const ok = Number.isFinite(d0) && Number.isFinite(d1) && Number.isFinite(d1 - d0) && d1 > d0;
          expect(ok, `${type} [${a}, ${b}] → [${d0}, ${d1}]`).toBe(true);
          if (type === "linear" && Number.isFinite(b - a)) expect(d0 <= Math.min(a, b) && d1 >= Math.max(a, b), `[${a}, ${b}]`).toBe(true);
        }
      }
    }
  });

  it("binValues counts every value once in finite, increasing bins", () => {
    for (const a of EXTREMES) {
      for (const b of EXTREMES) {
        const bins = binValues([a, b, (a + b) / 2], 10);
        expect(bins.reduce((n, x) => n + x.count, 0), `[${a}, ${b}]`).toBe(Number.isFinite((a + b) / 2) ? 3 : 2);
        for (const x of bins) expect(Number.isFinite(x.start) && Number.isFinite(x.end) && x.end > x.start, `[${a}, ${b}] ${x.start} ${x.end}`).toBe(true);
      }
    }
  });
});

describe("line charts (report charts and the compare page's small charts)", () => {
  it.each(CASES)("%s: every finite value is drawn, as a line or a dot", (_name, values) => {
    for (const [xs, ys] of [
      ["linear", "linear"],
      ["linear", "log"],
      ["log", "linear"],
    ] as [ScaleType, ScaleType][]) {
      for (const asX of [false, true]) {
        const v = Float64Array.from(values);
        const other = Float64Array.from(values, (_, i) => i + 1);
        const chart = buildLineChart({
          id: "c",
          x: asX ? { kind: "metric", metric: "v", label: "v" } : { kind: "step", label: "step" },
          yLabel: "v",
          scale: { x: xs, y: ys },
          maxPoints: 1000,
          series: [{ runId: "p/r", runName: "r", metric: "v", color: "#1f77b4", x: asX ? v : other, y: asX ? other : v }],
        });
        const svg = lineChartSvg(chart);
        expectClean(svg);
        const drawable = values.filter((y) => Number.isFinite(y) && (!(asX ? xs === "log" : ys === "log") || y > 0)).length;
        const d = /class="rf-line" d="([^"]*)"/.exec(svg)?.[1] ?? "";
        if (drawable > 0) expect(d, `${xs}/${ys} ${asX ? "as x" : "as y"}`).toMatch(/^M-?[\d.]+,?-?[\d.]+/);
        // A lone point is a ring (a line through one point would draw nothing).
        if (drawable === 1) expect(d).toContain("a2.5 2.5 0 1 0 5 0");
      }
    }
    // The compare page's chart of the same values: a usable frame and a drawable line.
    const data = compareChartData("c", "v", [{ id: "p/r", name: "r" } as Run], [{ v: { x: values.map((_, i) => i), y: [...values] } }], {});
    if (finiteCount(values) > 0) {
      expect(data).not.toBeNull();
      const frame = frameFor(data!, 360, 200, data!.domain!);
      const s = data!.series[0]!;
      const d = linePathD(Float64Array.from(s.x), Float64Array.from(s.y, (v) => v ?? NaN), frame.x.scale, frame.y.scale, frame.x.domain[0], frame.x.domain[1], frame.plot.width, true);
      expect(d).toMatch(/^M/);
      expect(d).not.toMatch(/NaN|Infinity/);
    }
  });

  it("linePathD never gives up on finite points far outside the frame", () => {
    const d = linePathD(Float64Array.of(0, 1), Float64Array.of(-M, M), (v) => v, (v) => v / 1e300, 0, 1, 100);
    expect(d).toBe("M0-100000l1,200000");
  });
});

async function render(built: DatasetChart): Promise<string> {
  const svg = await renderChartSvg(compileChart(built.vegaLite), built.datasets);
  expectClean(svg);
  return svg;
}

describe("vega chart kinds", () => {
  it.each(CASES)("%s: scatter", async (_name, values) => {
    const points = values.map((v, k) => ({ runId: `p/${k}`, name: `${k}`, color: "#1f77b4", x: v, y: values[values.length - 1 - k]! })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    for (const scale of ["linear", "log"] as const) {
      const svg = await render(buildScatterSpec({ id: "s", xLabel: "x", yLabel: "y", scale: { x: scale, y: "linear" }, points }));
      const marks = svg.match(/aria-roledescription="(point|circle|symbol)"/g) ?? [];
      expect(marks.length).toBe(scale === "log" ? points.filter((p) => p.x > 0).length : points.length);
    }
  });

  it.each(CASES)("%s: bar", async (_name, values) => {
    const bars = values.filter(Number.isFinite).map((v, k) => ({ label: `r${k}`, value: v, color: "#1f77b4" }));
    const svg = await render(buildBarSpec({ id: "b", valueLabel: "v", bars }));
    expect(svg.match(/aria-roledescription="bar"/g)?.length ?? 0).toBe(bars.length);
  });

  it.each(CASES)("%s: histogram", async (_name, values) => {
    const finite = values.filter(Number.isFinite);
    const bins = binValues(finite, 10);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(finite.length);
    for (const b of bins) {
      expect(Number.isFinite(b.start) && Number.isFinite(b.end)).toBe(true);
      expect(b.end).toBeGreaterThan(b.start);
    }
    await render(buildHistogramSpec({ id: "h", label: "v", values }));
  });

  it.each(CASES)("%s: parallel coordinates", async (_name, values) => {
    const rows = values.map((v, k) => ({ runId: `p/${k}`, name: `${k}`, values: { a: Number.isFinite(v) ? v : null, b: k } }));
    const svg = await render(
      buildParallelSpec({
        id: "p",
        dims: [
          { key: "a", label: "a", type: "quantitative" },
          { key: "b", label: "b", type: "quantitative" },
        ],
        rows,
        colorKey: "b",
      }),
    );
    expect(svg).toContain("<path");
  });

  it.each(CASES)("%s: importance", async (_name, values) => {
    const rows = Array.from({ length: 8 }, (_, k) => ({ config: { a: values[k % values.length]!, b: k }, target: values[(k + 1) % values.length]! }));
    const items = parameterImportance(rows, { trees: 5 });
    for (const it of items) {
      expect(it.importance === null || Number.isFinite(it.importance)).toBe(true);
      expect(it.correlation === null || (it.correlation >= -1 && it.correlation <= 1)).toBe(true);
    }
    await render(buildImportanceSpec({ id: "i", targetLabel: "t", items }));
  });
});
