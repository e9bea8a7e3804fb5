import { describe, expect, it } from "vitest";
import { DEFAULT_HEIGHT } from "../chartCommon.ts";
import { HISTOGRAM_BOUNDS } from "./histogram.ts";
import { renderChart, schemaCodes } from "../../../../tests/helpers/testChartBlock.ts";

describe("histogram kind", () => {
  it("bounds `bins` to integers 2–200", () => {
    expect(HISTOGRAM_BOUNDS.bins).toEqual({ min: 2, max: 200 });
    expect(schemaCodes("kind: histogram\ny: a\nbins: 2\n")).toEqual([]);
    expect(schemaCodes("kind: histogram\ny: a\nbins: 200\n")).toEqual([]);
    expect(schemaCodes("kind: histogram\ny: a\nbins: 1\n")).toEqual(["BLOCK007"]);
    expect(schemaCodes("kind: histogram\ny: a\nbins: 201\n")).toEqual(["BLOCK007"]);
  });

  it("draws at the charts' default height and caps the bins at `bins`", async () => {
    const r = await renderChart("kind: histogram\ny: val/loss\nbins: 2\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.payload.spec.height).toBe(DEFAULT_HEIGHT);
    expect((r.payload.datasets.bins as unknown[]).length).toBeLessThanOrEqual(2);
  });
});
