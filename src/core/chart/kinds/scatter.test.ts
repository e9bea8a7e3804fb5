import { describe, expect, it } from "vitest";
import { SCATTER_DEFAULTS } from "./scatter.ts";
import { renderChart } from "../../../../tests/helpers/testChartBlock.ts";

describe("scatter kind", () => {
  it("draws 300 px high by default, the written height otherwise", async () => {
    expect(SCATTER_DEFAULTS.height).toBe(300);
    const plain = await renderChart("kind: scatter\nx: config.lr\ny: val/loss\n");
    expect(plain.diagnostics).toEqual([]);
    expect(plain.payload.spec.height).toBe(300);
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
});
