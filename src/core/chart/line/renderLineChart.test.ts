import { describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import type { History, Run } from "../../run.ts";
import { renderLineChart, type LineChartRequest } from "./renderLineChart.ts";

const runs: Run[] = ["a", "b", "c", "d"].map((name) => makeRun(`p/${name}`, { metrics: name === "c" ? ["other"] : ["loss"], steps: 3 }));
const history: History = { step: Float64Array.of(0, 1, 2), time: null, metrics: { loss: Float64Array.of(3, 2, 1), other: Float64Array.of(1, 1, 1) } };

function request(readHistory: (run: Run) => Promise<History>): LineChartRequest {
  return {
    id: "chart-1",
    title: "Loss",
    runs,
    metrics: ["loss"],
    x: { kind: "step" },
    scale: { x: "linear", y: "linear" },
    height: 320,
    points: 1000,
    readHistory,
    colors: new Map(),
  };
}

describe("renderLineChart(req): reading histories", () => {
  it("reads the history of every run that logs a wanted metric, and only those", async () => {
    const read: string[] = [];
    const { html, problems } = await renderLineChart(
      request(async (run) => {
        read.push(run.id);
        return history;
      }),
    );
    expect(read.sort()).toEqual(["p/a", "p/b", "p/d"]);
    expect(problems).toEqual([]);
    expect(html).toContain("1 of 4 selected runs do not log loss.");
  });

  it("fails with the first failing run in run order, whichever read fails first", async () => {
    const failing = request(async (run) => {
      if (run.id === "p/b") await new Promise((resolve) => setTimeout(resolve, 20));
      if (run.id === "p/b" || run.id === "p/d") throw new Error(`cannot read ${run.id}`);
      return history;
    });
    await expect(renderLineChart(failing)).rejects.toThrow("cannot read p/b");
  });
});
