import { describe, expect, it } from "vitest";
import { buildParallelSpec } from "./buildParallelSpec.ts";
import { buildScatterSpec } from "./buildScatterSpec.ts";
import { compileChart } from "./compileChart.ts";
import { compactPath, renderChartSvg } from "./renderChartSvg.ts";

function scatter(yLabel = "loss") {
  return buildScatterSpec({
    id: "s",
    xLabel: "lr",
    yLabel,
    scale: { x: "linear", y: "linear" },
    points: [1, 2, 3].map((k) => ({ runId: `p/${k}`, name: `${k}`, color: "#1f77b4", x: k, y: k * k, colorValue: k })),
    colorLegend: { label: "k", type: "quantitative" },
  });
}

describe("renderChartSvg(vegaSpec, datasets)", () => {
  it("does not mutate the datasets (the same rows go into the page payload)", async () => {
    const built = scatter();
    const before = JSON.stringify(built.datasets);
    await renderChartSvg(compileChart(built.vegaLite), built.datasets);
    expect(JSON.stringify(built.datasets)).toBe(before);
    expect(Object.getOwnPropertySymbols(built.datasets.points![0]!)).toEqual([]);
  });

  it("prefixes clip and gradient ids per chart, so two charts in one page never share an id", async () => {
    const a = scatter("loss");
    const b = scatter("acc");
    const svgA = await renderChartSvg(compileChart(a.vegaLite), a.datasets);
    const svgB = await renderChartSvg(compileChart(b.vegaLite), b.datasets);
    const ids = (svg: string) => [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids(svgA).length).toBeGreaterThan(0);
    for (const id of ids(svgA)) expect(id).toMatch(/^rf[0-9a-f]{8}-(clip\d+|gradient_\d+)$/);
    expect(ids(svgA).filter((id) => ids(svgB).includes(id))).toEqual([]);
    // References point at the renamed ids.
    for (const m of svgA.matchAll(/url\(#([^)]+)\)/g)) expect(ids(svgA)).toContain(m[1]);
  });

  it("sets role, aria-label (the description), width 100% and a viewBox", async () => {
    const built = buildParallelSpec({
      id: "p",
      description: 'Sweep <"lr">',
      dims: [
        { key: "a", label: "a", type: "quantitative" },
        { key: "b", label: "b", type: "quantitative" },
      ],
      rows: [
        { runId: "1", name: "1", values: { a: 1, b: 2 } },
        { runId: "2", name: "2", values: { a: 2, b: 1 } },
      ],
      colorKey: "b",
    });
    const svg = await renderChartSvg(compileChart(built.vegaLite), built.datasets);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Sweep &lt;&quot;lr&quot;&gt;" width="100%" viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/^<svg [^>]*height=/);
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
