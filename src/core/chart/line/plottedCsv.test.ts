import { describe, expect, it } from "vitest";
import type { LineChartData } from "../lineChartData.ts";
import { plottedCsv } from "./plottedCsv.ts";

const data: LineChartData = {
  xKind: "step",
  xLabel: "step",
  yLabel: "val/loss",
  series: [
    { run: "r1", name: "baseline, v2", metric: "val/loss", color: "#000", x: [0, 10, 20], y: [1, null, 0.5] },
    { run: "r2", name: "=evil", metric: "val/loss", color: "#111", x: [0], y: [2] },
  ],
};

describe("plottedCsv(data, smoothed)", () => {
  it("writes one row per plotted point, gaps as empty cells, names quoted", () => {
    expect(plottedCsv(data)).toBe(
      ["run,name,metric,step,val/loss", 'r1,"baseline, v2",val/loss,0,1', 'r1,"baseline, v2",val/loss,10,', 'r1,"baseline, v2",val/loss,20,0.5', `r2,"'=evil",val/loss,0,2`, ""].join("\n"),
    );
  });

  it("adds the smoothed line (six significant digits) when the chart smooths", () => {
    const smoothed = [Float64Array.from([1, NaN, 0.6666666667]), Float64Array.from([2])];
    const lines = plottedCsv(data, smoothed).split("\n");
    expect(lines[0]).toBe("run,name,metric,step,val/loss,smoothed");
    expect(lines.slice(1, 4)).toEqual(['r1,"baseline, v2",val/loss,0,1,1', 'r1,"baseline, v2",val/loss,10,,', 'r1,"baseline, v2",val/loss,20,0.5,0.666667']);
  });

  it("adds band and run count columns, and writes wall time as ISO dates", () => {
    const grouped: LineChartData = {
      xKind: "time",
      series: [{ run: "g", name: "lr=0.1", metric: "loss", color: "#000", x: [Date.UTC(2026, 0, 2, 3, 4, 5)], y: [0.5], band: { lower: [0.4], upper: [null] }, n: [3] }],
    };
    expect(plottedCsv(grouped)).toBe("run,name,metric,x,y,lower,upper,n\ng,lr=0.1,loss,2026-01-02T03:04:05.000Z,0.5,0.4,,3\n");
  });
});
