import { describe, expect, it } from "vitest";
import { barLabel, buildBarSpec, type BarInput } from "./buildBarSpec.ts";
import { compileChart } from "./compileChart.ts";
import { renderChartSvg } from "./renderChartSvg.ts";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const bars: BarInput[] = [
  { label: "lr=3e-4", value: 2.04, lower: 2.01, upper: 2.07, n: 3, color: "#e6550d" },
  { label: "lr=1e-3", value: 2.12, color: "#2ca02c" },
  { label: "lr=1e-4", value: 2.31, lower: 2.28, upper: 2.35, n: 3, color: "#1f77b4" },
];

const barMarks = (svg: string) => svg.match(/role="graphics-symbol" aria-roledescription="bar"/g) ?? [];
const ruleMarks = (svg: string) => svg.match(/aria-roledescription="rule mark"/g) ?? [];

describe("buildBarSpec(input)", () => {
  it("draws horizontal bars in the given order, labelled with n, coloured per bar", () => {
    const { vegaLite, datasets, notes } = buildBarSpec({ id: "bar-1", valueLabel: "val/loss", bars });
    const spec: Json = vegaLite;
    expect(spec.data).toEqual({ name: "bars" });
    expect(spec.encoding.y).toMatchObject({ field: "label", type: "nominal", sort: null, scale: { domain: ["lr=3e-4 (n=3)", "lr=1e-3", "lr=1e-4 (n=3)"] } });
    expect(spec.layer[0].mark.type).toBe("bar");
    expect(spec.layer[0].encoding.x).toMatchObject({ field: "value", type: "quantitative", title: "val/loss" });
    expect(spec.layer[0].encoding.color.scale.range).toEqual(["#e6550d", "#2ca02c", "#1f77b4"]);
    expect(spec.layer[0].encoding.tooltip.map((t: Json) => t.title)).toEqual(["run", "val/loss", "range", "n"]);
    expect(spec.layer[1].mark.type).toBe("rule");
    expect(spec.layer[1].encoding).toMatchObject({ x: { field: "lower" }, x2: { field: "upper" } });
    expect(spec.layer[2].mark.type).toBe("text");
    expect(spec.title).toBeUndefined();
    // Three bars get the least height, centred in the plot at about the thickness ten would have.
    expect(spec.height).toBe(340);
    expect(spec.encoding.y.scale).toEqual({ domain: spec.encoding.y.scale.domain, paddingInner: 0.59, paddingOuter: 1 });
    expect(datasets.bars![1]).toEqual({ label: "lr=1e-3", value: 2.12, valueText: "2.12", lower: null, upper: null, range: null, n: null, color: "#2ca02c" });
    expect(notes).toEqual([]);
  });

  it("has no error-bar layer when no bar has lower and upper", () => {
    const spec: Json = buildBarSpec({ id: "b", valueLabel: "acc", bars: [{ label: "a", value: 1, color: "#111111" }] }).vegaLite;
    expect(spec.layer.map((l: Json) => l.mark.type)).toEqual(["bar", "text"]);
  });

  it("leaves out a non-finite value with a note and rejects a label given twice", () => {
    const built = buildBarSpec({ id: "b", valueLabel: "acc", bars: [...bars, { label: "broken", value: NaN, color: "#000000" }] });
    expect(built.datasets.bars).toHaveLength(3);
    expect(built.notes).toEqual(["1 bar without a finite acc not shown."]);
    expect(() => buildBarSpec({ id: "b", valueLabel: "acc", bars: [bars[1]!, bars[1]!] })).toThrow(RangeError);
  });

  it("labels groups as `label (n=k)`", () => {
    expect(barLabel({ label: "lr=3e-4", n: 3 })).toBe("lr=3e-4 (n=3)");
    expect(barLabel({ label: "run-a" })).toBe("run-a");
  });

  it("compiles and renders one bar per bar and one rule per error bar, byte-identical twice", async () => {
    const built = buildBarSpec({ id: "bar-1", valueLabel: "val/loss", bars });
    const spec = compileChart(built.vegaLite);
    const a = await renderChartSvg(spec, built.datasets);
    expect(barMarks(a)).toHaveLength(3);
    expect(ruleMarks(a)).toHaveLength(2);
    expect(a).toContain(">lr=3e-4 (n=3)</text>");
    expect(a).toMatch(/^<svg [^>]*aria-label="val\/loss by run"/);
    expect(await renderChartSvg(spec, built.datasets)).toBe(a);
  });
});
