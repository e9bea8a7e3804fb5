import { describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { IMPORTANCE_DEFAULTS } from "./importance.ts";
import { renderChart, schemaCodes } from "../../../../tests/helpers/testChartBlock.ts";

describe("importance kind", () => {
  it("ranks every config key by default", async () => {
    expect(IMPORTANCE_DEFAULTS.params).toEqual(["config.*"]);
    const r = await renderChart("kind: importance\ny: val/loss\n");
    expect(r.diagnostics).toEqual([]);
    expect((r.payload.datasets.importance as { key: string }[]).map((i) => i.key).sort()).toEqual(["lr", "seed"]);
    const one = await renderChart("kind: importance\ny: val/loss\nparams: [params.lr]\n");
    expect((one.payload.datasets.importance as { key: string }[]).map((i) => i.key)).toEqual(["lr"]);
  });

  it("takes a non-empty `params` list", () => {
    expect(schemaCodes("kind: importance\ny: a\nparams: []\n")).toEqual(["BLOCK007"]);
  });

  it("with fewer than 3 runs that have the target: BLOCK030, not the missing-key BLOCK016", async () => {
    const runs = [makeRun("p/a", { config: { lr: 1 }, summary: { t: 1 } }), makeRun("p/b", { config: { lr: 2 }, summary: { t: 2 } })];
    const r = await renderChart("kind: importance\ny: t\n", runs);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["BLOCK030"]);
    expect(r.diagnostics[0]!.message).toBe("an `importance` chart needs `y`: at least 3 runs with a numeric value, found 2");
  });
});
