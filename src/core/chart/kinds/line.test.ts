import { describe, expect, it } from "vitest";
import { LINE_BOUNDS, LINE_DEFAULTS, resolveSmoothing, type LineInput } from "./line.ts";
import { renderChart, schemaCodes } from "../../../../tests/helpers/testChartBlock.ts";
import { parseYamlWithPositions } from "../../yaml/parseYamlWithPositions.ts";
import type { Diagnostic } from "../../diagnostics.ts";

const smoothOf = (input: LineInput) => {
  const diagnostics: Diagnostic[] = [];
  const spec = resolveSmoothing({ input, region: { file: "t.md", text: "", firstLine: 1, indent: 0 }, yaml: parseYamlWithPositions("{}"), invalid: new Set() }, diagnostics);
  return { spec, diagnostics };
};

describe("line kind", () => {
  it("bounds `points` to 50–20000 (integers)", () => {
    expect(LINE_BOUNDS.points).toEqual({ min: 50, max: 20000 });
    expect(schemaCodes("y: a\npoints: 50\n")).toEqual([]);
    expect(schemaCodes("y: a\npoints: 20000\n")).toEqual([]);
    expect(schemaCodes("y: a\npoints: 49\n")).toEqual(["BLOCK007"]);
    expect(schemaCodes("y: a\npoints: 20001\n")).toEqual(["BLOCK007"]);
  });

  it("bounds smoothing parameters by SMOOTHING_BOUNDS", () => {
    expect(schemaCodes("y: a\nsmooth: 0.999\n")).toEqual([]);
    expect(schemaCodes("y: a\nsmooth: 1\n")).toEqual(["BLOCK007"]);
    expect(schemaCodes("y: a\nsmooth: { kind: gaussian, sigma: 0 }\n")).toEqual(["BLOCK007"]);
    expect(schemaCodes("y: a\nsmooth: { kind: running, window: 100001 }\n")).toEqual(["BLOCK007"]);
  });

  it("gives a smoothing kind written without its parameter the default", () => {
    expect(LINE_DEFAULTS.smooth).toEqual({ weight: 0.6, sigma: 2, window: 10 });
    expect(smoothOf({ smooth: { kind: "ema" } }).spec).toEqual({ kind: "ema", weight: 0.6 });
    expect(smoothOf({ smooth: { kind: "twema" } }).spec).toEqual({ kind: "twema", weight: 0.6 });
    expect(smoothOf({ smooth: { kind: "gaussian" } }).spec).toEqual({ kind: "gaussian", sigma: 2 });
    expect(smoothOf({ smooth: { kind: "running" } }).spec).toEqual({ kind: "running", window: 10 });
    expect(smoothOf({ smooth: 0.3 }).spec).toEqual({ kind: "ema", weight: 0.3 });
    expect(smoothOf({}).spec).toBeUndefined();
  });

  it("defaults: 350 px high, 1000 points per series, the CSV published", () => {
    expect(LINE_DEFAULTS).toMatchObject({ height: 350, points: 1000, download: true });
  });

  it("reports agg or band without group as BLOCK031 at the key, not as a missing key", async () => {
    const r = await renderChart("y: val/loss\nagg: median\n");
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["2:1 BLOCK031"]);
    expect(r.diagnostics[0]!.message).toBe("a `line` chart needs `group`: `agg` combines the runs of each group");
  });
});
