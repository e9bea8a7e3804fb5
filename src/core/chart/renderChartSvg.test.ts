import { describe, expect, it } from "vitest";
import { buildLineChartSpec, type LineChartSeriesInput } from "./buildLineChartSpec.ts";
import { compileChart } from "./compileChart.ts";
import { expandLineChartData } from "./lineChartData.ts";
import { compactPath, renderChartSvg } from "./renderChartSvg.ts";

function chart(runs: number, steps: number, title = "Loss <sweep>") {
  const x = Float64Array.from({ length: steps }, (_, i) => i);
  const series: LineChartSeriesInput[] = Array.from({ length: runs }, (_, k) => ({
    runId: `p/run-${k}`,
    runName: `run-${k}`,
    metric: "loss",
    color: ["#1f77b4", "#e6550d", "#2ca02c"][k % 3]!,
    x,
    y: x.map((s) => 3 * Math.exp(-s / (500 + 100 * k)) + 0.05 * Math.sin(s * 1.7 + k)),
  }));
  const built = buildLineChartSpec({
    id: "c1",
    title,
    x: { kind: "step", label: "step" },
    yLabel: "loss",
    scale: { x: "linear", y: "linear" },
    series,
    maxPoints: 1000,
  });
  return { vega: compileChart(built.vegaLite), rows: expandLineChartData(built.data) };
}

const linePaths = (svg: string) => svg.match(/aria-roledescription="line mark" d="[^"]*"/g) ?? [];

describe("renderChartSvg(vegaSpec, rows)", () => {
  it("renders one path per series, accessible and responsive, without hover layers", async () => {
    const { vega, rows } = chart(3, 400);
    const svg = await renderChartSvg(vega, rows);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(linePaths(svg)).toHaveLength(3);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/^<svg [^>]*aria-label="Loss &lt;sweep&gt;"/);
    expect(svg).toMatch(/^<svg [^>]*width="100%"/);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/^<svg [^>]*height=/);
    expect(svg).not.toContain("__interactive");
    expect(svg).not.toContain('aria-roledescription="point"');
  });

  it("is byte-identical across calls", async () => {
    const { vega, rows } = chart(3, 400);
    const a = await renderChartSvg(vega, rows);
    const b = await renderChartSvg(vega, rows);
    expect(b).toBe(a);
  });

  it("draws at most ~2 points per plot pixel column and rounds coordinates to 0.1 px", async () => {
    const { vega, rows } = chart(2, 5000);
    const svg = await renderChartSvg(vega, rows);
    const width = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
    for (const d of linePaths(svg)) {
      const points = (d.match(/[-\d.]+,?-?[\d.]+/g) ?? []).length;
      expect(points).toBeLessThanOrEqual(2 * width);
      expect(d).not.toMatch(/\.\d\d/);
    }
  });
});

describe("compactPath(d)", () => {
  it("rewrites absolute linetos as relative tenths without changing the shape", () => {
    expect(compactPath("M0,25.6L10.83,48.873L21.6,48.873M40,10L40.5,12.25")).toBe("M0,25.6l10.8,23.3 10.8,0M40,10l.5,2.3");
    expect(compactPath("M1.04,2.96L0.5,-3")).toBe("M1,3l-.5-6");
  });

  it("only rounds paths with other commands", () => {
    expect(compactPath("M3.162,0A3.162,3.162,0,1,1,-3.162,0Z")).toBe("M3.2,0A3.2,3.2,0,1,1,-3.2,0Z");
  });
});
