import { describe, expect, it } from "vitest";
import { buildLineChart, type LineChart, type LineChartInput, type LineChartSeriesInput } from "../buildLineChart.ts";
import { parseFrameScale } from "./frameScale.ts";
import { lineChartSvg } from "./lineChartSvg.ts";

function chart(runs: number, steps: number, title = "Loss <sweep>"): LineChart {
  const x = Float64Array.from({ length: steps }, (_, i) => i);
  const series: LineChartSeriesInput[] = Array.from({ length: runs }, (_, k) => ({
    runId: `p/run-${k}`,
    runName: `run-${k}`,
    metric: "loss",
    color: ["#1f77b4", "#e6550d", "#2ca02c"][k % 3]!,
    x,
    y: x.map((s) => 3 * Math.exp(-s / (500 + 100 * k)) + 0.05 * Math.sin(s * 1.7 + k)),
  }));
  return buildLineChart({
    id: "c1",
    title,
    x: { kind: "step", label: "step" },
    yLabel: "loss",
    scale: { x: "linear", y: "linear" },
    series,
    maxPoints: 1000,
  });
}

const svgOf = lineChartSvg;

/** One series of `y` against x = 0, 1, … (and whatever else the case needs). */
function oneSeries(id: string, y: Float64Array, over: Partial<LineChartInput> = {}, extra: Partial<LineChartSeriesInput> = {}): LineChart {
  const x = Float64Array.from(y, (_, i) => i);
  return buildLineChart({
    id,
    x: { kind: "step", label: "step" },
    yLabel: "v",
    scale: { x: "linear", y: "linear" },
    maxPoints: 1000,
    series: [{ runId: "g/lr=1e-3", runName: "lr=1e-3", metric: "v", color: "#1f77b4", x, y, ...extra }],
    ...over,
  });
}

const linePaths = (svg: string) => svg.match(/class="rf-line" d="[^"]*"/g) ?? [];

describe("lineChartSvg(chart)", () => {
  it("is one accessible, responsive SVG: frame, then the lines clipped to the plot per chart id", () => {
    const svg = svgOf(chart(3, 400));
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/^<svg [^>]*aria-label="Loss &lt;sweep&gt;"/);
    expect(svg).toMatch(/^<svg [^>]*width="100%"/);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 640 360"/);
    expect(svg).not.toMatch(/^<svg [^>]*height=/);
    expect(linePaths(svg)).toHaveLength(3);
    expect(svg.indexOf('class="rf-frame"')).toBeLessThan(svg.indexOf('class="rf-lines"'));
    expect(svg).toContain('<clipPath id="rfl-c1-clip">');
    expect(svg).toContain('clip-path="url(#rfl-c1-clip)"');
    // axis titles and tick labels are text
    expect(svg).toContain(">step</text>");
    expect(svg).toContain(">loss</text>");
    expect(svg).toMatch(/>300<\/text>/);
  });

  it("is byte-identical across calls", () => {
    const built = chart(3, 400);
    expect(svgOf(built)).toBe(svgOf(built));
  });

  it("draws a long series at about two points per plot pixel column, in 0.5 px steps", () => {
    const svg = svgOf(chart(3, 20_000));
    const plotWidth = Number(/<clipPath id="rfl-c1-clip"><rect width="(\d+)"/.exec(svg)![1]);
    for (const d of linePaths(svg)) {
      const points = (d.match(/[-\d.]+,?-?[\d.]+/g) ?? []).length;
      expect(points).toBeLessThanOrEqual(2 * plotWidth + 4);
      expect(d).toMatch(/ d="M[-\d.,]+l/);
      expect(d).not.toMatch(/\.[1-46-9]/);
    }
  });

  it("writes the scales it drew with, which map the data ends to the plot's edges", () => {
    const svg = svgOf(chart(2, 1000));
    const sx = parseFrameScale(/data-x="([^"]+)"/.exec(svg)![1])!;
    const sy = parseFrameScale(/data-y="([^"]+)"/.exec(svg)![1])!;
    const plotWidth = Number(/<clipPath id="rfl-c1-clip"><rect width="(\d+)" height="(\d+)"/.exec(svg)![1]);
    const plotHeight = Number(/<clipPath id="rfl-c1-clip"><rect width="\d+" height="(\d+)"/.exec(svg)![1]);
    expect(sx(0)).toBe(0);
    expect(sx(999)).toBe(plotWidth);
    // y is rounded out to ticks: the data (about 0.36 to 3.05) sits inside the plot, which is
    // fitted to it rather than stretched to zero
    expect(sy(3.05)).toBeGreaterThanOrEqual(0);
    expect(sy(0.35)).toBeLessThanOrEqual(plotHeight);
    expect(sy(0)).toBeGreaterThan(plotHeight);
  });

  it("draws bands under their line and the raw line faint behind a smoothed one", () => {
    const y = Float64Array.from({ length: 300 }, (_, s) => Math.exp(-s / 100) + 0.1 * Math.sin(s));
    const built = oneSeries(
      "band chart",
      y,
      { legendTitle: "lr", smoothing: { kind: "ema", weight: 0.9 } },
      {
        band: { lower: y.map((v, i) => (i < 10 ? NaN : v - 0.1)), upper: y.map((v, i) => (i < 10 ? NaN : v + 0.1)) },
        count: Int32Array.from(y, () => 3),
      },
    );
    const svg = svgOf(built);
    expect(svg).toMatch(/<path class="rf-band" d="M[^"]+Z" fill="#1f77b4" fill-opacity="0.2"\/>/);
    expect(svg).toMatch(/<path class="rf-raw" d="[^"]+" stroke="#1f77b4" stroke-opacity="0.25"/);
    expect(svg.indexOf('class="rf-band"')).toBeLessThan(svg.indexOf('class="rf-raw"'));
    expect(svg.indexOf('class="rf-raw"')).toBeLessThan(svg.indexOf('class="rf-line"'));
    expect(svg).toContain('id="rfl-band_chart-clip"');
    expect(built.data.series[0]!.n).toHaveLength(300);
    expect(built.data.series[0]!.band!.lower[0]).toBeNull();
    expect(built.data.smoothing).toEqual({ kind: "ema", weight: 0.9 });
  });

  it("breaks lines at gaps", () => {
    const built = oneSeries("gaps", Float64Array.from({ length: 100 }, (_, s) => (s >= 40 && s < 50 ? NaN : s)));
    expect(linePaths(svgOf(built))[0]!.match(/M/g)).toHaveLength(2);
  });

  it("draws a frame and no lines when nothing can be drawn", () => {
    const built = oneSeries("empty", Float64Array.of(-1, -2), { scale: { x: "linear", y: "log" } });
    const svg = svgOf(built);
    expect(svg).toContain('class="rf-frame"');
    expect(svg).not.toContain('class="rf-lines"');
  });
});
