import { describe, expect, it } from "vitest";
import { buildConfusionSpec } from "./buildConfusionSpec.ts";
import { buildCurveSpec } from "./buildCurveSpec.ts";
import { datasetLegendHtml } from "./datasetLegend.ts";
import { drawDatasetChart, FITS_STEP, GRID_MAX_WIDTH } from "./gridVariants.ts";
import { vegaTextWidth } from "./vegaTextMetrics.ts";

const labels = (n: number) => Array.from({ length: n }, (_, i) => `class-${i}`);
const confusion = (panels: number, classes: number) =>
  buildConfusionSpec({
    id: "c",
    normalize: false,
    panels: Array.from({ length: panels }, (_, p) => ({ title: `run-${p}`, labels: labels(classes), matrix: labels(classes).map((_, i) => labels(classes).map((_, j) => (i === j ? 20 : p + j))) })),
  });
const roots = (svg: string) => [...svg.matchAll(/<svg [^>]*>/g)].map((m) => m[0]);
const attr = (tag: string, name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];
const widthOf = (tag: string) => Number(/viewBox="0 0 ([\d.]+) /.exec(tag)![1]);

describe("drawDatasetChart: a grid of panels", () => {
  it("draws a wide grid that fits the figure column and a one-column one, each saying its columns", async () => {
    const { spec, svg } = await drawDatasetChart(confusion(3, 4));
    const [wide, narrow, extra] = roots(svg);
    expect(extra).toBeUndefined();
    expect(attr(wide!, "data-columns")).toBe("3");
    expect(attr(narrow!, "data-columns")).toBe("1");
    expect(attr(wide!, "class")).toMatch(/\brf-own-size\b.*\brf-grid-wide\b/);
    expect(attr(narrow!, "class")).toMatch(/\brf-own-size\b.*\brf-grid-narrow\b/);
    // Shown from the 40 px step at or below its own width; each at its own width.
    const fits = Number(/\brf-fits-(\d+)\b/.exec(attr(wide!, "class")!)![1]);
    expect(widthOf(wide!)).toBeLessThanOrEqual(GRID_MAX_WIDTH);
    expect(fits % FITS_STEP).toBe(0);
    expect(widthOf(wide!) - fits).toBeGreaterThanOrEqual(0);
    expect(widthOf(wide!) - fits).toBeLessThan(FITS_STEP);
    expect(attr(wide!, "width")).toBe(String(widthOf(wide!)));
    expect(widthOf(narrow!)).toBeLessThan(widthOf(wide!) / 2);
    expect((spec as { layout?: { columns?: number } }).layout?.columns).toBe(3);
  });

  it("drops columns until the grid fits the figure column (many classes)", async () => {
    const { spec, svg } = await drawDatasetChart(confusion(5, 12));
    const [wide] = roots(svg);
    const columns = Number(attr(wide!, "data-columns") ?? 1);
    expect(columns).toBeLessThan(3);
    expect((spec as { layout?: { columns?: number } }).layout?.columns).toBe(columns);
    if (columns > 1) expect(widthOf(wide!)).toBeLessThanOrEqual(GRID_MAX_WIDTH);
  });

  it("draws one picture for one panel, or for a chart that is not a grid", async () => {
    expect(roots((await drawDatasetChart(confusion(1, 4))).svg)).toHaveLength(1);
    expect(attr(roots((await drawDatasetChart(confusion(1, 4))).svg)[0]!, "data-columns")).toBeUndefined();
    const curves = buildCurveSpec({ id: "r", type: "roc", series: [{ label: "a (AUC 0.9)", color: "#123456", x: [0, 0.5, 1], y: [0, 0.9, 1] }] });
    const [only, more] = roots((await drawDatasetChart(curves)).svg);
    expect(more).toBeUndefined();
    expect(attr(only!, "width")).toBe("100%");
  });
});

describe("curve legends in HTML", () => {
  it("leaves the legend out of the vega view and lists every curve, escaped, with its colour", async () => {
    const series = Array.from({ length: 8 }, (_, i) => ({ label: `run <${i}> · cat (AP 0.9${i})`, color: `#00000${i}`, x: [0, 1], y: [1, 0.5] }));
    const chart = buildCurveSpec({ id: "p", type: "pr", series });
    expect(JSON.stringify(chart.vegaLite)).toContain('"legend":null');
    expect(chart.legend?.entries.map((e) => e.label)).toEqual(series.map((s) => s.label));
    const html = datasetLegendHtml(chart.legend!);
    expect(html.match(/<li>/g)).toHaveLength(8);
    expect(html).toContain("run &lt;3&gt; · cat (AP 0.93)");
    expect(html).toContain('stroke="#000007"');
    expect(html).not.toContain("<3>");
  });
});

describe("vegaTextWidth: the build's text widths for vega", () => {
  it("measures by DejaVu Sans advances, bold wider, cut at the mark's limit", () => {
    expect(vegaTextWidth({ fontSize: 10 }, "iiii")).toBeLessThan(vegaTextWidth({ fontSize: 10 }, "MMMM"));
    expect(vegaTextWidth({ fontSize: 10 }, "circle")).toBeCloseTo(10 * (0.55 + 0.278 + 0.411 + 0.55 + 0.278 + 0.615), 5);
    expect(vegaTextWidth({ fontSize: 10, fontWeight: "bold" }, "circle")).toBeGreaterThan(vegaTextWidth({ fontSize: 10 }, "circle"));
    expect(vegaTextWidth({ fontSize: 10, limit: 20 }, "a long label")).toBe(20);
    expect(vegaTextWidth({}, "x")).toBeCloseTo(11 * 0.592, 5);
    expect(vegaTextWidth({ fontSize: 10 }, "")).toBe(0);
  });
});
