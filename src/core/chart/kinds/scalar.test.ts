import { describe, expect, it } from "vitest";
import { SCALAR_DEFAULTS } from "./scalar.ts";
import { renderChart, schemaCodes } from "../../../../tests/helpers/testChartBlock.ts";

describe("scalar kind", () => {
  it("reduces by `min` by default, linking the run it comes from", async () => {
    expect(SCALAR_DEFAULTS.reduce).toBe("min");
    const r = await renderChart("kind: scalar\ny: val/loss\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.html).toContain('href="/runs/p/lr0.0001-s1/"');
    const max = await renderChart("kind: scalar\ny: val/loss\nreduce: max\n");
    expect(max.html).toContain('href="/runs/p/lr0.01-s3/"');
  });

  it("takes only the listed reductions", () => {
    expect(schemaCodes("kind: scalar\ny: a\nreduce: last\n")).toEqual([]);
    expect(schemaCodes("kind: scalar\ny: a\nreduce: sum\n")).toEqual(["BLOCK005"]);
  });
});
