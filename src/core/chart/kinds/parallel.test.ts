import { describe, expect, it } from "vitest";
import { PARALLEL_BOUNDS } from "./parallel.ts";
import { renderChart, schemaCodes } from "../../../../tests/helpers/testChartBlock.ts";

describe("parallel kind", () => {
  it("takes at least two `dims`", () => {
    expect(PARALLEL_BOUNDS.dims.min).toBe(2);
    expect(schemaCodes("kind: parallel\ny: a\ndims: [config.lr, config.seed]\n")).toEqual([]);
    expect(schemaCodes("kind: parallel\ny: a\ndims: [config.lr]\n")).toEqual(["BLOCK007"]);
  });

  it("needs `dims`: BLOCK016 naming what they are", async () => {
    const r = await renderChart("kind: parallel\ny: val/loss\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["BLOCK016"]);
    expect(r.diagnostics[0]!.message).toContain("a `parallel` chart needs `dims`");
  });
});
