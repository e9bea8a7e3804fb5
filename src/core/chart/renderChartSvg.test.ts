import { describe, expect, it } from "vitest";
import { buildLineChartSpec, type LineChartSeriesInput } from "./buildLineChartSpec.ts";
import { compileChart } from "./compileChart.ts";
import { expandLineChartData } from "./lineChartData.ts";
import { compactPath, renderChartSvg } from "./renderChartSvg.ts";
import { clearRunCaches } from "../runs/loadRuns.ts";

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
  return { vega: compileChart(built.vegaLite), rows: expandLineChartData(built.data), built };
}

const linePaths = (svg: string) => svg.match(/class="rf-line" d="[^"]*"/g) ?? [];

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

describe("renderChartSvg(vegaSpec, chart)", () => {
  it("draws the full-resolution lines into the plot group, before the legend, clipped per chart id", async () => {
    const { vega, built } = chart(3, 20_000);
    const svg = await renderChartSvg(vega, built);
    expect(linePaths(svg)).toHaveLength(3);
    expect(svg).toContain('<clipPath id="rfl-c1-clip">');
    expect(svg).toContain('clip-path="url(#rfl-c1-clip)"');
    expect(svg.indexOf('class="rf-lines"')).toBeLessThan(svg.indexOf('class="mark-group role-legend"'));
    // vega draws no marks of its own: only axes, grid and the legend
    expect(svg).not.toContain('aria-roledescription="line mark"');
    expect(await renderChartSvg(vega, built)).toBe(svg);
    const width = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]);
    for (const d of linePaths(svg)) {
      const points = (d.match(/[-\d.]+,?-?[\d.]+/g) ?? []).length;
      expect(points).toBeLessThanOrEqual(2 * width + 4);
      expect(d).toMatch(/ d="M[-\d.,]+l/);
    }
  });

  it("renders a chart whose frame was drawn for another chart exactly as it renders cold", async () => {
    // Same runs and metric, another title: vega's frame is shared, the label and the lines are not.
    const first = chart(3, 2000, "First");
    const second = chart(3, 2000, "Second");
    clearRunCaches();
    const cold = await renderChartSvg(second.vega, second.built);
    clearRunCaches();
    const a = await renderChartSvg(first.vega, first.built);
    const b = await renderChartSvg(second.vega, second.built);
    expect(b).toBe(cold);
    expect(b).toMatch(/^<svg [^>]*aria-label="Second"/);
    expect(a.replace('aria-label="First"', 'aria-label="Second"')).toBe(b);
  });

  it("draws bands under their line and the raw line faint behind a smoothed one", async () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => i);
    const y = x.map((s) => Math.exp(-s / 100) + 0.1 * Math.sin(s));
    const built = buildLineChartSpec({
      id: "band chart",
      x: { kind: "step", label: "step" },
      yLabel: "loss",
      scale: { x: "linear", y: "linear" },
      maxPoints: 1000,
      legendTitle: "lr",
      smoothing: { kind: "ema", weight: 0.9 },
      series: [
        {
          runId: "g/lr=1e-3",
          runName: "lr=1e-3",
          metric: "loss",
          color: "#1f77b4",
          x,
          y,
          band: { lower: y.map((v, i) => (i < 10 ? NaN : v - 0.1)), upper: y.map((v, i) => (i < 10 ? NaN : v + 0.1)) },
          count: Int32Array.from(x, () => 3),
        },
      ],
    });
    const svg = await renderChartSvg(compileChart(built.vegaLite), built);
    expect(svg).toMatch(/<path class="rf-band" d="M[^"]+Z" fill="#1f77b4" fill-opacity="0.2"\/>/);
    expect(svg).toMatch(/<path class="rf-raw" d="[^"]+" stroke="#1f77b4" stroke-opacity="0.25"/);
    expect(svg.indexOf('class="rf-band"')).toBeLessThan(svg.indexOf('class="rf-raw"'));
    expect(svg.indexOf('class="rf-raw"')).toBeLessThan(svg.indexOf('class="rf-line"'));
    expect(svg).toContain('id="rfl-band_chart-clip"');
    expect(svg).toContain(">lr</text>");
    expect(built.data.series[0]!.n).toHaveLength(300);
    expect(built.data.series[0]!.band!.lower[0]).toBeNull();
    expect(built.data.smoothing).toEqual({ kind: "ema", weight: 0.9 });
  });

  it("breaks lines at gaps", async () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((s) => (s >= 40 && s < 50 ? NaN : s));
    const built = buildLineChartSpec({
      id: "gaps",
      x: { kind: "step", label: "step" },
      yLabel: "v",
      scale: { x: "linear", y: "linear" },
      maxPoints: 1000,
      series: [{ runId: "p/a", runName: "a", metric: "v", color: "#000", x, y }],
    });
    const svg = await renderChartSvg(compileChart(built.vegaLite), built);
    expect(linePaths(svg)[0]!.match(/M/g)).toHaveLength(2);
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
