import { describe, expect, it } from "vitest";
import { binValues, buildHistogramSpec, defaultBins } from "./buildHistogramSpec.ts";
import { compileChart } from "./compileChart.ts";
import { renderChartSvg } from "./renderChartSvg.ts";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const values = [2.1, 2.15, 2.3, 2.31, 2.32, 2.5, 2.9];
const bars = (svg: string) => svg.match(/role="graphics-symbol" aria-roledescription="bar"/g) ?? [];

describe("binValues(values, maxBins)", () => {
  it("uses nice edges, counts every value once, closes the last bin", () => {
    expect(binValues(values, 5)).toEqual([
      { start: 2, end: 2.2, count: 2 },
      { start: 2.2, end: 2.4, count: 3 },
      { start: 2.4, end: 2.6, count: 1 },
      { start: 2.6, end: 2.8, count: 0 },
      { start: 2.8, end: 3, count: 1 },
    ]);
    expect(binValues([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5)).toEqual([
      { start: 0, end: 2, count: 2 },
      { start: 2, end: 4, count: 2 },
      { start: 4, end: 6, count: 2 },
      { start: 6, end: 8, count: 2 },
      { start: 8, end: 10, count: 3 },
    ]);
  });

  it("puts values that sit on an edge in the bin that starts there, despite floating point", () => {
    // 0.3 / 0.1 = 2.9999999999999996: a quotient would put 0.3 in [0.2, 0.3).
    const bins = binValues([0.1, 0.2, 0.3, 0.4, 0.5], 4);
    expect(bins.map((b) => [b.start, b.count])).toEqual([
      [0.1, 1],
      [0.2, 1],
      [0.3, 1],
      [0.4, 2],
    ]);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(5);
  });

  it("handles one distinct value, negatives, and no values", () => {
    expect(binValues([0.42, 0.42], 10)).toEqual([{ start: 0.4, end: 0.5, count: 2 }]);
    expect(binValues([5], 10)).toEqual([{ start: 5, end: 6, count: 1 }]);
    expect(binValues([-1, 1], 2)).toEqual([
      { start: -1, end: 0, count: 1 },
      { start: 0, end: 1, count: 1 },
    ]);
    expect(binValues([], 10)).toEqual([]);
    for (let k = 1; k <= 12; k++) expect(binValues(values, k).length).toBeLessThanOrEqual(Math.max(2, k));
  });

  it("defaults to Sturges' rule with at least 5 bins", () => {
    expect(defaultBins(7)).toBe(5);
    expect(defaultBins(100)).toBe(8);
  });
});

describe("buildHistogramSpec(input)", () => {
  it("reads pre-binned rows and draws bars from start to end with count on y", () => {
    const { vegaLite, datasets, notes } = buildHistogramSpec({ id: "h", label: "val/loss", values: [...values, NaN] });
    const spec: Json = vegaLite;
    expect(spec.data).toEqual({ name: "bins" });
    expect(spec.mark.type).toBe("bar");
    expect(spec.encoding.x).toMatchObject({ field: "start", bin: { binned: true }, title: "val/loss" });
    expect(spec.encoding.x2).toEqual({ field: "end" });
    expect(spec.encoding.y).toMatchObject({ field: "count", type: "quantitative" });
    expect(spec.encoding.tooltip.map((t: Json) => t.field)).toEqual(["range", "count"]);
    expect(spec.title).toBeUndefined();
    expect(spec.description).toBe("Distribution of val/loss over 7 runs");
    expect(datasets.bins![0]).toEqual({ start: 2, end: 2.2, count: 2, range: "2 – 2.2 (excl.)" });
    expect(datasets.bins!.at(-1)!.range).toBe("2.8 – 3");
    expect(notes).toEqual(["1 run without a finite val/loss not counted."]);
  });

  it("compiles and renders one rect per bin, byte-identical twice", async () => {
    const built = buildHistogramSpec({ id: "h", label: "val/loss", values, bins: 5 });
    const spec = compileChart(built.vegaLite);
    const a = await renderChartSvg(spec, built.datasets);
    expect(bars(a)).toHaveLength(5);
    expect(await renderChartSvg(spec, built.datasets)).toBe(a);
  });

  it("renders an empty histogram with a note", async () => {
    const built = buildHistogramSpec({ id: "h", label: "acc", values: [NaN] });
    expect(built.datasets.bins).toEqual([]);
    expect(built.notes).toContain("No run has a finite acc.");
    expect(bars(await renderChartSvg(compileChart(built.vegaLite), built.datasets))).toHaveLength(0);
  });
});
