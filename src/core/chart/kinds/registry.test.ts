import { describe, expect, it } from "vitest";
import { chartBlockSchema, CHART_SHAPES } from "./chartBlockSchema.ts";
import { COMMON_BOUNDS, commonShape } from "./chartKeys.ts";
import { CHART_KIND_KEYS, CHART_KINDS } from "./registry.ts";
import { schemaCodes } from "../../../../tests/helpers/testChartBlock.ts";

describe("chart kind registry", () => {
  it("lists the kinds in message order, line first", () => {
    expect(CHART_KINDS).toEqual(["line", "scatter", "bar", "parallel", "histogram", "scalar", "importance", "confusion", "pr", "roc", "distribution"]);
  });

  it("derives each kind's keys from its module", () => {
    const common = ["kind", "title", "runs", "y", "height", "max_runs"];
    expect(CHART_KIND_KEYS).toEqual({
      line: [...common, "x", "group", "agg", "band", "smooth", "color", "scale", "points", "download"],
      scatter: [...common, "x", "color", "size", "scale"],
      bar: [...common, "group", "agg", "band"],
      parallel: [...common, "dims"],
      histogram: [...common, "bins"],
      scalar: [...common, "reduce"],
      importance: [...common, "params"],
      confusion: ["kind", "title", "runs", "height", "max_runs", "plot", "step", "normalize", "diff"],
      pr: ["kind", "title", "runs", "height", "max_runs", "plot", "step", "group"],
      roc: ["kind", "title", "runs", "height", "max_runs", "plot", "step", "group"],
      distribution: ["kind", "title", "runs", "height", "max_runs", "key", "style"],
    });
  });

  it("the block schema holds every key once, with the rule of the kind that owns it", () => {
    const shape = chartBlockSchema.shape as Record<string, unknown>;
    for (const kindShape of CHART_SHAPES) for (const [key, schema] of Object.entries(kindShape)) expect(shape[key], key).toBe(schema);
    for (const [key, schema] of Object.entries(commonShape)) expect(shape[key], key).toBe(schema);
    const all = new Set(["kind", ...Object.keys(commonShape), ...CHART_SHAPES.flatMap((s) => Object.keys(s))]);
    expect(Object.keys(shape).sort()).toEqual([...all].sort());
  });

  it("bounds the keys every kind takes", () => {
    expect(COMMON_BOUNDS).toEqual({ height: { min: 120, max: 1200 }, max_runs: { min: 1, max: 2000 } });
    expect(schemaCodes("y: a\nheight: 120\nmax_runs: 2000\n")).toEqual([]);
    expect(schemaCodes("y: a\nheight: 119\n")).toEqual(["BLOCK007"]);
    expect(schemaCodes("y: a\nmax_runs: 0\n")).toEqual(["BLOCK007"]);
  });
});
