import { describe, expect, it } from "vitest";
import { buildImportanceSpec, percentTicks } from "./buildImportanceSpec.ts";
import { compileChart } from "./compileChart.ts";
import { renderChartSvg } from "./renderChartSvg.ts";
import { SIGN_COLORS } from "./chartCommon.ts";
import type { ParameterImportance } from "../stats/importance.ts";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const items: ParameterImportance[] = [
  { key: "config.optimizer", correlation: null, importance: 0.2, n: 12 },
  { key: "config.lr", correlation: -0.81234, importance: 0.7, n: 12 },
  { key: "config.batch", correlation: 0.3, importance: 0.1, n: 12 },
  { key: "config.epochs", correlation: null, importance: 0, n: 12 },
];

const bars = (svg: string) => svg.match(/role="graphics-symbol" aria-roledescription="bar"/g) ?? [];

describe("buildImportanceSpec(input)", () => {
  it("sorts keys by importance and colours bars by the sign of r", () => {
    const { vegaLite, datasets, notes } = buildImportanceSpec({ id: "imp", targetLabel: "val/loss", items });
    const spec: Json = vegaLite;
    expect(spec.data).toEqual({ name: "importance" });
    expect(spec.encoding.y.scale.domain).toEqual(["config.lr", "config.optimizer", "config.batch", "config.epochs"]);
    expect(spec.layer[0].mark.type).toBe("bar");
    expect(spec.layer[0].encoding.x).toMatchObject({ field: "importance", type: "quantitative", scale: { domain: [0, 1] } });
    expect(spec.layer[0].encoding.color).toMatchObject({
      field: "sign",
      scale: { domain: ["r > 0", "r < 0", "no r"], range: [SIGN_COLORS.positive, SIGN_COLORS.negative, SIGN_COLORS.none] },
    });
    expect(spec.layer[1].mark.type).toBe("text");
    expect(spec.description).toBe("Parameter importance for val/loss");
    expect(datasets.importance![0]).toEqual({ key: "config.lr", importance: 0.7, correlation: -0.812, sign: "r < 0", text: "r = −0.81", rText: "−0.812", n: 12 });
    expect(datasets.importance!.map((r) => r.sign)).toEqual(["r < 0", "no r", "r > 0", "no r"]);
    expect(notes).toEqual(["1 key with importance 0 and no correlation (e.g. constant across the runs)."]);
  });

  it("says so when nothing explains the target", () => {
    const built = buildImportanceSpec({ id: "imp", targetLabel: "acc", items: [{ key: "a", correlation: null, importance: 0, n: 2 }] });
    expect(built.notes).toEqual(["No key explains any of the variation of the target (too few runs, or nothing varies)."]);
    expect(() => buildImportanceSpec({ id: "imp", targetLabel: "acc", items: [items[0]!, items[0]!] })).toThrow(RangeError);
  });

  it("compiles and renders one bar per key, byte-identical twice", async () => {
    const built = buildImportanceSpec({ id: "imp", targetLabel: "val/loss", items });
    const spec = compileChart(built.vegaLite);
    const a = await renderChartSvg(spec, built.datasets);
    expect(bars(a)).toHaveLength(4);
    expect(a).toContain(">r = −0.81</text>");
    expect(await renderChartSvg(spec, built.datasets)).toBe(a);
  });
});

describe("percentTicks(max)", () => {
  it("stops at 100 % however much room the labels take", () => {
    expect(percentTicks(1.3)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(percentTicks(0.9)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(percentTicks(0.4)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(percentTicks(0.1)).toEqual([0, 0.05, 0.1]);
  });
  it("is what the importance axis shows", () => {
    const spec: Json = buildImportanceSpec({ id: "imp", targetLabel: "val/loss", items: [{ key: "config.lr", correlation: -0.9, importance: 0.95, n: 12 }] }).vegaLite;
    const values: number[] = spec.layer[0].encoding.x.axis.values;
    expect(Math.max(...values)).toBe(1);
    expect(spec.layer[0].encoding.x.scale.domain[1]).toBeGreaterThan(1);
  });
});
