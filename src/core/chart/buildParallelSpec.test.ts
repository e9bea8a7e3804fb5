import { describe, expect, it } from "vitest";
import { buildParallelSpec, type ParallelInput, type ParallelRow } from "./buildParallelSpec.ts";
import { compileChart } from "./compileChart.ts";
import { renderChartSvg } from "./renderChartSvg.ts";
import { SEQUENTIAL_RANGE } from "./chartCommon.ts";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function input(over: Partial<ParallelInput> = {}): ParallelInput {
  return {
    id: "sweep-parallel",
    dims: [
      { key: "config.lr", label: "lr", type: "quantitative", log: true },
      { key: "config.optimizer", label: "optimizer", type: "nominal" },
      { key: "config.batch", label: "batch", type: "quantitative" },
      { key: "summary.val/loss", label: "val/loss", type: "quantitative" },
    ],
    rows: [
      { runId: "s/b", name: "b", values: { "config.lr": 1e-3, "config.optimizer": "sgd", "config.batch": 64, "summary.val/loss": 2.3 } },
      { runId: "s/a", name: "a", values: { "config.lr": 1e-4, "config.optimizer": "adam", "config.batch": 32, "summary.val/loss": 2.1 } },
      { runId: "s/c", name: "c", values: { "config.lr": 1e-5, "config.optimizer": "adamw", "config.batch": null, "summary.val/loss": 2.5 } },
    ],
    colorKey: "summary.val/loss",
    ...over,
  };
}

const linePaths = (svg: string) => svg.match(/aria-roledescription="line mark"/g) ?? [];

describe("buildParallelSpec(input)", () => {
  it("emits pre-normalised rows: log and linear dims onto [0, 1], categories evenly spaced", () => {
    const { datasets } = buildParallelSpec(input());
    const a = datasets.lines!.filter((r) => r.run === "s/a");
    expect(a.map((r) => [r.dim, r.y])).toEqual([
      ["lr", 0.5],
      ["optimizer", 0],
      ["batch", 0],
      ["val/loss", 0],
    ]);
    const b = datasets.lines!.filter((r) => r.run === "s/b");
    expect(b.map((r) => r.y)).toEqual([1, 1, 1, 0.5]);
    // Every row carries the run's raw values for the tooltip.
    expect(a[0]).toMatchObject({ name: "a", c: 2.1, v0: "1e-4", v1: "adam", v2: "32", v3: "2.1" });
  });

  it("labels each axis with its real min and max, round values between, in one notation (categories for nominal axes)", () => {
    const { datasets } = buildParallelSpec(input());
    expect(datasets.axes).toEqual([
      { i: 0, dim: "lr" },
      { i: 1, dim: "optimizer" },
      { i: 2, dim: "batch" },
      { i: 3, dim: "val/loss" },
    ]);
    expect(datasets.ticks!.filter((t) => t.dim === "lr")).toEqual([
      { i: 0, dim: "lr", y: 0, text: "1e-5" },
      { i: 0, dim: "lr", y: 0.238561, text: "3e-5" },
      { i: 0, dim: "lr", y: 0.5, text: "1e-4" },
      { i: 0, dim: "lr", y: 0.738561, text: "3e-4" },
      { i: 0, dim: "lr", y: 1, text: "1e-3" },
    ]);
    expect(datasets.ticks!.filter((t) => t.dim === "optimizer").map((t) => [t.text, t.y])).toEqual([
      ["adam", 0],
      ["adamw", 0.5],
      ["sgd", 1],
    ]);
  });

  it("breaks a run's line at a dim it has no value for, with a note", () => {
    const { datasets, notes } = buildParallelSpec(input());
    const c = datasets.lines!.filter((r) => r.run === "s/c");
    expect(c.map((r) => r.dim)).toEqual(["lr", "optimizer", "val/loss"]);
    expect(new Set(c.map((r) => r.seg)).size).toBe(2);
    expect(c[0]!.v2).toBe("—");
    expect(notes).toEqual(["1 run without a value of batch: its line breaks at that axis."]);
  });

  it("spec: point x over the dims in order, fixed [0, 1] y, lines by segment in dim order, sequential colour by colorKey", () => {
    const spec: Json = buildParallelSpec(input()).vegaLite;
    expect(spec.encoding.x).toMatchObject({ field: "dim", scale: { type: "point", domain: ["lr", "optimizer", "batch", "val/loss"] } });
    expect(spec.layer.map((l: Json) => [l.data.name, l.mark.type])).toEqual([
      ["axes", "rule"],
      ["lines", "line"],
      ["lines", "point"],
      ["lines", "circle"],
      ["ticks", "tick"],
      ["ticks", "text"],
    ]);
    const line = spec.layer[1];
    expect(line.encoding.y.scale).toMatchObject({ domain: [0, 1] });
    expect(line.encoding.detail).toEqual({ field: "seg", type: "nominal" });
    expect(line.encoding.order).toEqual({ field: "i", type: "quantitative" });
    expect(line.encoding.stroke).toMatchObject({ field: "c", type: "quantitative", title: "val/loss", scale: { range: [...SEQUENTIAL_RANGE] } });
    expect(line.encoding.tooltip.map((t: Json) => t.title)).toEqual(["run", "lr", "optimizer", "batch", "val/loss"]);
    expect(spec.layer[3]).toMatchObject({ name: "sweep_parallel_vertices__interactive", mark: { opacity: 0 } });
    expect(spec.layer[3].encoding.tooltip).toEqual(line.encoding.tooltip);
    expect(spec.title).toBeUndefined();
    expect(spec.description).toBe("Parallel coordinates of 3 runs over lr, optimizer, batch, val/loss");
  });

  it("greys runs without a colour value and uses categorical colours for a nominal colorKey", () => {
    const rows = input().rows.map((r, i) => (i === 0 ? { ...r, values: { ...r.values, "summary.val/loss": null } } : r));
    const built = buildParallelSpec(input({ rows }));
    expect(built.notes).toContain("1 run without val/loss drawn grey.");
    const nominal: Json = buildParallelSpec(input({ colorKey: "config.optimizer" })).vegaLite;
    expect(nominal.layer[1].encoding.stroke).toMatchObject({ type: "nominal", scale: { domain: ["adam", "adamw", "sgd"] } });
  });

  it("places a constant dim at 0.5, drops non-positive values on a log dim, rejects duplicate dims and runs", () => {
    const rows: ParallelRow[] = input().rows.map((r) => ({ ...r, values: { ...r.values, "config.batch": 32 } }));
    rows[0]!.values["config.lr"] = 0;
    const built = buildParallelSpec(input({ rows }));
    expect(built.datasets.lines!.filter((r) => r.dim === "batch").map((r) => r.y)).toEqual([0.5, 0.5, 0.5]);
    expect(built.datasets.ticks!.filter((t) => t.dim === "batch")).toEqual([{ i: 2, dim: "batch", y: 0.5, text: "32" }]);
    expect(built.notes).toEqual(["1 run without a positive value of lr: its line breaks at that axis."]);
    const dims = input().dims;
    expect(() => buildParallelSpec(input({ dims: [dims[0]!, dims[0]!] }))).toThrow(RangeError);
    expect(() => buildParallelSpec(input({ rows: [rows[0]!, rows[0]!] }))).toThrow(RangeError);
  });

  it("compiles and renders one path per line segment, byte-identical twice", async () => {
    const built = buildParallelSpec(input());
    const spec = compileChart(built.vegaLite);
    const a = await renderChartSvg(spec, built.datasets);
    expect(linePaths(a)).toHaveLength(4); // a, b, and c in two pieces
    expect(a).toContain(">adamw</text>");
    expect(a).toContain(">1e-5</text>");
    expect(a).not.toContain("__interactive");
    expect(await renderChartSvg(spec, built.datasets)).toBe(a);
  });
});
