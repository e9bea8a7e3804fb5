import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { appendSystemRows, systemFamily, withSystemMetrics } from "./systemMetrics.ts";

describe("system metrics as history rows", () => {
  it("lists a run's system metrics as system/<name>", () => {
    const run = makeRun("p/a", { metrics: ["loss"], system: { file: "runs/p/a/system.jsonl", metrics: ["cpu.percent"], samples: 2 } });
    expect(withSystemMetrics(run).metrics).toEqual(["loss", "system/cpu.percent"]);
    expect(withSystemMetrics(makeRun("p/b")).metrics).toEqual(makeRun("p/b").metrics);
  });

  it("appends samples after the history, each column a gap where it was not logged", () => {
    const history = { step: Float64Array.of(0, 1), time: Float64Array.of(10, 20), metrics: { loss: Float64Array.of(2, 1) } };
    const samples = { time: Float64Array.of(11, 12, 13), metrics: { "cpu.percent": Float64Array.of(5, 6, 7), "memory.percent": Float64Array.of(1, 1, 1) } };
    const out = appendSystemRows(history, samples, ["loss", "system/cpu.percent"]);
    expect([...out.step]).toEqual([0, 1, NaN, NaN, NaN]);
    expect([...out.time!]).toEqual([10, 20, 11, 12, 13]);
    expect([...out.metrics.loss!]).toEqual([2, 1, NaN, NaN, NaN]);
    expect([...out.metrics["system/cpu.percent"]!]).toEqual([NaN, NaN, 5, 6, 7]);
    expect(Object.keys(out.metrics)).toEqual(["loss", "system/cpu.percent"]);
  });

  it("groups GPUs' metrics into one chart per family", () => {
    expect(["gpu.0.utilization", "gpu.12.utilization", "gpu.1.power_w", "cpu.percent"].map(systemFamily)).toEqual(["gpu.utilization", "gpu.utilization", "gpu.power_w", "cpu.percent"]);
  });
});
