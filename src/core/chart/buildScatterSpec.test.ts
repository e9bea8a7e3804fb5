import { describe, expect, it } from "vitest";
import { buildScatterSpec, type ScatterInput, type ScatterPointInput } from "./buildScatterSpec.ts";
import { compileChart } from "./compileChart.ts";
import { renderChartSvg } from "./renderChartSvg.ts";
import { SEQUENTIAL_RANGE } from "./chartCommon.ts";

// The spec is plain JSON; read it loosely.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const points: ScatterPointInput[] = [
  { runId: "nanogpt/lr-3e-4", name: "lr-3e-4", color: "#e6550d", x: 3e-4, y: 2.04, colorValue: 64, sizeValue: 124e6 },
  { runId: "nanogpt/lr-1e-4", name: "lr-1e-4", color: "#1f77b4", x: 1e-4, y: 2.31, colorValue: 32, sizeValue: 124e6 },
  { runId: "nanogpt/lr-1e-3", name: "lr-1e-3", color: "#2ca02c", x: 1e-3, y: 2.12, colorValue: null, sizeValue: 350e6 },
];

function input(over: Partial<ScatterInput> = {}): ScatterInput {
  return { id: "scatter-1", xLabel: "config.lr", yLabel: "val/loss", scale: { x: "log", y: "linear" }, points, ...over };
}

const circles = (svg: string) => svg.match(/role="graphics-symbol" aria-roledescription="circle"/g) ?? [];

describe("buildScatterSpec(input)", () => {
  it("reads one named dataset with one row per run, sorted by name, and plots x/y on the requested scales", () => {
    const { vegaLite, datasets, notes } = buildScatterSpec(input());
    const spec: Json = vegaLite;
    expect(spec.data).toEqual({ name: "points" });
    expect(Object.keys(datasets)).toEqual(["points"]);
    expect(datasets.points!.map((r) => r.name)).toEqual(["lr-1e-3", "lr-1e-4", "lr-3e-4"]);
    expect(spec.mark.type).toBe("circle");
    expect(spec.encoding.x).toMatchObject({ field: "x", type: "quantitative", title: "config.lr", scale: { type: "log" } });
    expect(spec.encoding.y).toMatchObject({ field: "y", scale: { type: "linear", zero: false } });
    expect(spec.title).toBeUndefined();
    expect(spec.description).toBe("val/loss vs. config.lr");
    expect(spec.background).toBe("transparent");
    expect(spec.encoding.tooltip.map((t: Json) => t.title)).toEqual(["run", "config.lr", "val/loss"]);
    expect(notes).toEqual([]);
  });

  it("colours by run through an explicit domain/range when no colour field is given", () => {
    const spec: Json = buildScatterSpec(input()).vegaLite;
    expect(spec.encoding.color).toMatchObject({
      field: "name",
      scale: { domain: ["lr-1e-3", "lr-1e-4", "lr-3e-4"], range: ["#2ca02c", "#1f77b4", "#e6550d"] },
    });
    expect(spec.encoding.size).toBeUndefined();
  });

  it("colours by a numeric field with the sequential ramp, grey for a missing value, and sizes by a field", () => {
    const built = buildScatterSpec(
      input({ colorLegend: { label: "batch", type: "quantitative" }, sizeLegend: { label: "params" } }),
    );
    const spec: Json = built.vegaLite;
    expect(spec.encoding.color).toMatchObject({ field: "c", type: "quantitative", title: "batch", scale: { range: [...SEQUENTIAL_RANGE] } });
    expect(spec.encoding.size).toMatchObject({ field: "s", type: "quantitative", title: "params" });
    expect(spec.mark.invalid).toBe("show");
    expect(built.datasets.points!.find((r) => r.name === "lr-1e-3")).toMatchObject({ c: null, s: 350e6 });
    expect(built.notes).toEqual(["1 run without batch drawn grey."]);
  });

  it("colours by a string field with categorical colours over the sorted categories", () => {
    const spec: Json = buildScatterSpec(
      input({
        points: points.map((p, i) => ({ ...p, colorValue: ["sgd", "adam", "adamw"][i]! })),
        colorLegend: { label: "optimizer", type: "nominal" },
      }),
    ).vegaLite;
    expect(spec.encoding.color).toMatchObject({ field: "c", type: "nominal", scale: { domain: ["adam", "adamw", "sgd"] } });
    expect(spec.encoding.color.scale.range).toHaveLength(3);
  });

  it("drops non-positive values on a log axis and non-finite values, with notes", () => {
    const built = buildScatterSpec(
      input({
        scale: { x: "log", y: "log" },
        points: [
          ...points,
          { runId: "p/zero-lr", name: "zero-lr", color: "#000000", x: 0, y: 2 },
          { runId: "p/neg", name: "neg", color: "#000000", x: 1e-3, y: -1 },
          { runId: "p/nan", name: "nan", color: "#000000", x: NaN, y: 1 },
        ],
      }),
    );
    expect(built.datasets.points).toHaveLength(3);
    expect(built.notes).toEqual([
      "1 run without a finite config.lr and val/loss not shown.",
      "1 run with config.lr ≤ 0 not shown on the log x axis.",
      "1 run with val/loss ≤ 0 not shown on the log y axis.",
    ]);
  });

  it("labels runs that share a name by id, and rejects a run given twice", () => {
    const twins = [
      { runId: "a/x", name: "x", color: "#111111", x: 1, y: 1 },
      { runId: "b/x", name: "x", color: "#222222", x: 2, y: 2 },
    ];
    expect(buildScatterSpec(input({ points: twins })).datasets.points!.map((r) => r.name)).toEqual(["a/x", "b/x"]);
    expect(() => buildScatterSpec(input({ points: [twins[0]!, twins[0]!] }))).toThrow(RangeError);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(buildScatterSpec(input()))).toBe(JSON.stringify(buildScatterSpec(input())));
  });

  it("compiles and renders one circle per point, byte-identical twice", async () => {
    const built = buildScatterSpec(input({ colorLegend: { label: "batch", type: "quantitative" }, sizeLegend: { label: "params" } }));
    const spec = compileChart(built.vegaLite);
    const a = await renderChartSvg(spec, built.datasets);
    const b = await renderChartSvg(spec, built.datasets);
    expect(circles(a)).toHaveLength(3);
    expect(a).toMatch(/^<svg [^>]*role="img" aria-label="val\/loss vs. config.lr" width="100%"/);
    expect(a).toContain('fill="#8c8c8c"'); // the run without a colour value
    expect(b).toBe(a);
  });
});
