import { describe, expect, it } from "vitest";
import { RUN_PALETTE } from "../runColors.ts";
import { SCATTER_DEFAULTS } from "./scatter.ts";
import { renderChart } from "../../../../tests/helpers/testChartBlock.ts";

/** The part of the compiled vega spec these tests read. */
type VegaSpec = { scales: { name: string; type: string }[]; axes: { scale: string; title?: string; values?: number[]; format?: string }[] };

describe("scatter kind", () => {
  it("draws 350 px high by default, the written height otherwise", async () => {
    expect(SCATTER_DEFAULTS.height).toBe(350);
    const plain = await renderChart("kind: scatter\nx: config.lr\ny: val/loss\n");
    expect(plain.diagnostics).toEqual([]);
    expect(plain.payload.spec.height).toBe(350);
    const tall = await renderChart("kind: scatter\nx: config.lr\ny: val/loss\nheight: 500\n");
    expect(tall.payload.spec.height).toBe(500);
  });

  it("needs `x` (BLOCK016) and takes one field there, not a list (BLOCK017)", async () => {
    const missing = await renderChart("kind: scatter\ny: val/loss\n");
    expect(missing.diagnostics.map((d) => d.code)).toEqual(["BLOCK016"]);
    expect(missing.diagnostics[0]!.message).toBe("a `scatter` chart needs `x`: the field on the x axis, e.g. `config.optimizer.lr`");
    const list = await renderChart("kind: scatter\nx: config.lr\ny: [val/loss, val/acc]\n");
    expect(list.diagnostics.map((d) => d.code)).toEqual(["BLOCK017"]);
  });

  it("colours by a seed with one categorical colour per seed, and labels every decade of a log axis", async () => {
    const r = await renderChart("kind: scatter\nx: config.lr\ny: val/loss\ncolor: config.seed\nscale: { x: log }\n");
    expect(r.diagnostics).toEqual([]);
    const spec = r.payload.spec as VegaSpec;
    expect(spec.scales.find((s) => s.name === "color")).toEqual({ name: "color", type: "ordinal", domain: ["1", "2", "3"], range: RUN_PALETTE.slice(0, 3) });
    const xLabels = spec.axes.find((a) => a.scale === "x" && a.title !== undefined)!;
    expect(xLabels.values).toEqual([1e-4, 3e-4, 1e-3, 3e-3, 1e-2]);
    expect(xLabels.format).toBe("~e");
  });

  it("keeps a continuous field on the sequential ramp", async () => {
    const r = await renderChart("kind: scatter\nx: config.lr\ny: val/loss\ncolor: val/loss\n");
    expect((r.payload.spec as VegaSpec).scales.find((s) => s.name === "color")!.type).toBe("linear");
  });
});
