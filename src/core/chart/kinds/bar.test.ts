import { describe, expect, it } from "vitest";
import { GROUP_DEFAULTS } from "./chartKeys.ts";
import { barBandPadding, barChartHeight } from "../buildBarSpec.ts";
import { renderChart } from "../../../../tests/helpers/testChartBlock.ts";

describe("bar kind", () => {
  it("combines a group by its mean with stderr error bars by default", async () => {
    expect(GROUP_DEFAULTS).toEqual({ agg: "mean", band: "stderr" });
    const r = await renderChart("kind: bar\ny: val/loss\ngroup: config.lr\n");
    expect(r.diagnostics).toEqual([]);
    const bar = (r.payload.datasets.bars as { label: string; value: number; lower: number; upper: number }[]).find((b) => b.label.startsWith("lr=1e-3"))!;
    // values 0.11, 0.12, 0.13: mean 0.12, stderr 0.01/√3
    expect(bar.value).toBeCloseTo(0.12, 10);
    // datasets round to a few significant digits
    expect(bar.upper - bar.value).toBeCloseTo(0.01 / Math.sqrt(3), 5);
  });

  it("fits its height to the number of bars", async () => {
    const few = await renderChart("kind: bar\ny: val/loss\ngroup: config.lr\n");
    const many = await renderChart("kind: bar\ny: val/loss\n");
    expect(few.payload.spec.height).toBe(340);
    expect(many.payload.spec.height).toBeGreaterThanOrEqual(few.payload.spec.height);
    expect([barChartHeight(2), barChartHeight(11), barChartHeight(20)]).toEqual([340, 346, 580]);
    // A few bars keep ~26 px thickness, centred in a tall plot; more bars use the usual padding.
    expect([2, 5, 10, 20].map((n) => barBandPadding(n, barChartHeight(n)))).toEqual([
      { paddingInner: 0.69, paddingOuter: 1 },
      { paddingInner: 0.39, paddingOuter: 1 },
      { paddingInner: 0.25, paddingOuter: 0.15 },
      { paddingInner: 0.25, paddingOuter: 0.15 },
    ]);
  });
});
