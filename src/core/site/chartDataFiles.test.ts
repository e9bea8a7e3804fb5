import { describe, expect, it } from "vitest";
import { chartDataFileOf, chartDataPath, publishedChartData } from "./chartDataFiles.ts";

const a = { id: "loss", runIds: ["p/r1", "p/r2"], metrics: ["train/loss"] };
const aLog = { id: "loss-log", runIds: ["p/r1", "p/r2"], metrics: ["train/loss"] };
const b = { id: "acc", runIds: ["p/r1"], metrics: ["train/loss"] };

describe("chartDataPath(slug, chartId)", () => {
  it("percent-encodes each part", () => {
    expect(chartDataPath("a b", "c/d#e")).toBe("data/charts/a%20b/c%2Fd%23e.csv");
  });
});

describe("chartDataFileOf() and publishedChartData(lineCharts)", () => {
  it("names a file after the first chart drawing the same runs and metrics, and publishes that chart only", () => {
    const fileOf = chartDataFileOf();
    expect([a, aLog, b].map(fileOf)).toEqual(["loss", "loss", "acc"]);
    expect(publishedChartData([a, aLog, b]).map((c) => c.id)).toEqual(["loss", "acc"]);
  });
});
