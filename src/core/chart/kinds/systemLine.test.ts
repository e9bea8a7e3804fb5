import { describe, expect, it } from "vitest";
import { decodeLineChartData } from "../lineChartWire.ts";
import type { RunDataReader } from "../../plots/runData.ts";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { renderChart } from "../../../../tests/helpers/testChartBlock.ts";

const sys = (id: string) => ({ file: `runs/${id}/system.jsonl`, metrics: ["cpu.percent", "gpu.0.utilization", "gpu.1.utilization"], samples: 3 });
const runs = [makeRun("p/a", { metrics: ["val/loss"], system: sys("p/a") }), makeRun("p/b", { metrics: ["val/loss"] })];
const readRunData: RunDataReader = {
  histograms: async () => null,
  system: async (run) =>
    run.system ? { time: Float64Array.of(1000, 1360, 1720), metrics: { "cpu.percent": Float64Array.of(10, 20, 30), "gpu.0.utilization": Float64Array.of(90, 95, 97), "gpu.1.utilization": Float64Array.of(50, NaN, 70) } } : null,
};

describe("system metrics in line charts", () => {
  it("draws system/<name> against hours since the first sample, one series per matched metric", async () => {
    const out = await renderChart("y: system/gpu.*.utilization\nx: relative\n", runs, { readRunData });
    expect(out.diagnostics).toEqual([]);
    const data = decodeLineChartData(out.payload.data);
    expect(data.series.map((s) => [s.metric, [...s.x], [...s.y]])).toEqual([
      ["system/gpu.0.utilization", [0, 0.1, 0.2], [90, 95, 97]],
      ["system/gpu.1.utilization", [0, 0.2], [50, 70]],
    ]);
  });

  it("needs x: time or relative (BLOCK090), a metric some run samples (BLOCK089), and a reader (BLOCK085)", async () => {
    const noX = await renderChart("y: system/cpu.percent\n", runs, { readRunData });
    expect(noX.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["BLOCK090", 1, 1]]);
    const typo = await renderChart("y: system/cpu.precent\nx: time\n", runs, { readRunData });
    expect(typo.diagnostics.map((d) => [d.code, d.hint])).toEqual([["BLOCK089", "did you mean `system/cpu.percent`?"]]);
    expect((await renderChart("y: system/cpu.percent\nx: time\n", runs)).diagnostics.map((d) => d.code)).toEqual(["BLOCK085"]);
  });
});
