import { describe, expect, it } from "vitest";
import { buildLineChart, type LineChartInput, type LineChartSeriesInput } from "./buildLineChart.ts";
import { jsonForScript } from "../render/escapeHtml.ts";
import { roundSignificant } from "./lineChartData.ts";

const steps = (n: number) => Float64Array.from({ length: n }, (_, i) => i * 10);

function series(runId: string, metric: string, color: string, y: number[], x = steps(y.length)): LineChartSeriesInput {
  return { runId, runName: runId.split("/")[1]!, metric, color, x, y: Float64Array.from(y) };
}

function input(over: Partial<LineChartInput> = {}): LineChartInput {
  return {
    id: "sweep-chart-1",
    title: "Validation loss",
    x: { kind: "step", label: "step" },
    yLabel: "val/loss",
    scale: { x: "linear", y: "linear" },
    series: [
      series("nanogpt/lr-3e-4", "val/loss", "#e6550d", [3.2, 2.5, 2.1]),
      series("nanogpt/lr-1e-4", "val/loss", "#1f77b4", [3.3, 2.9, 2.6]),
    ],
    maxPoints: 1000,
    ...over,
  };
}

describe("buildLineChart(input)", () => {
  it("describes the axes, scales and title the frame is drawn from", () => {
    const chart = buildLineChart(input({ scale: { x: "log", y: "linear" } }));
    expect(chart.data).toMatchObject({ id: "sweep-chart-1", xKind: "step", xLabel: "step", yLabel: "val/loss", scale: { x: "log", y: "linear" }, legendTitle: "run" });
    expect(chart.description).toBe("Validation loss");
    expect(buildLineChart(input({ title: undefined })).description).toBe("val/loss by step");
    expect([chart.width, chart.height]).toEqual([640, 360]);
    expect(buildLineChart(input({ legendTitle: "lr", height: 200 }))).toMatchObject({ height: 200, data: { legendTitle: "lr" } });
  });

  it("orders series by name (the legend order) and keeps each run's colour", () => {
    const chart = buildLineChart(input());
    expect(chart.data.series.map((s) => [s.name, s.color])).toEqual([
      ["lr-1e-4", "#1f77b4"],
      ["lr-3e-4", "#e6550d"],
    ]);
    expect(chart.render.series.map((s) => s.color)).toEqual(["#1f77b4", "#e6550d"]);
  });

  it("gives each metric a dash pattern only when the chart shows more than one", () => {
    const one = buildLineChart(input());
    expect(one.data.metrics).toEqual(["val/loss"]);
    expect(one.data.series.every((s) => s.m === undefined)).toBe(true);
    expect(one.render.series.every((s) => s.dash === "")).toBe(true);

    const two = buildLineChart(
      input({
        series: [
          series("p/a", "val/loss", "#1f77b4", [1, 2]),
          series("p/a", "train/loss", "#1f77b4", [1, 2]),
          series("p/b", "val/loss", "#e6550d", [1, 2]),
        ],
      }),
    );
    expect(two.data.metrics).toEqual(["train/loss", "val/loss"]);
    expect(two.data.series.map((s) => [s.name, s.metric, s.m])).toEqual([
      ["a", "train/loss", 0],
      ["a", "val/loss", 1],
      ["b", "val/loss", 1],
    ]);
    expect(two.render.series.map((s) => s.dash)).toEqual(["", "6,3", "6,3"]);
  });

  it("hides y ≤ 0 on a log y axis and says so in notes", () => {
    const chart = buildLineChart(
      input({ scale: { x: "linear", y: "log" }, series: [series("p/a", "loss", "#1f77b4", [1, 0, -2, 0.5, 0.25])] }),
    );
    expect(chart.data.series[0]!.y).toEqual([1, null, 0.5, 0.25]);
    expect(chart.notes).toEqual(["a: 2 points with y ≤ 0 not shown on the log y axis."]);
    expect(chart.data.scale).toEqual({ x: "linear", y: "log" });
  });

  it("plots wall time in ms (a UTC time axis) and relative time in hours", () => {
    const t = Float64Array.from([1_700_000_000.1234, 1_700_003_600.5, 1_700_007_200]);
    const time = buildLineChart(input({ x: { kind: "time", label: "time" }, series: [series("p/a", "loss", "#000", [1, 2, 3], t)] }));
    expect(time.data.xKind).toBe("time");
    expect(time.data.series[0]!.x).toEqual([1_700_000_000_123, 1_700_003_600_500, 1_700_007_200_000]);

    const rel = buildLineChart(input({ x: { kind: "relative", label: "hours" }, series: [series("p/a", "loss", "#000", [1, 2, 3], t)] }));
    expect(rel.data.series[0]!.x).toEqual([0, 1.0001, 1.99997]);
    expect(rel.data.xKind).toBe("relative");
  });

  it("rounds y to a step of the series' range, keeps x exact and collapses gaps", () => {
    const chart = buildLineChart(
      input({ series: [series("p/a", "loss", "#000", [NaN, 2.123456789, NaN, NaN, -0.5, 10.987654, NaN], Float64Array.from([0, 1, 2, 3, 4.123456789, 5_000_001, 6]))] }),
    );
    // range 11.49 → step 0.002 (the smallest 1/2/5 × 10^k ≥ range / 10,000)
    expect(chart.data.series[0]).toEqual({
      run: "p/a",
      name: "a",
      metric: "loss",
      color: "#000",
      x: [1, 2, 4.12346, 5_000_001],
      y: [2.124, null, -0.5, 10.988],
    });
    expect(roundSignificant(0.1 + 0.2)).toBe(0.3);
  });

  it("keeps 1,000 steps below the smallest value of an all-positive series and never rounds one to 0", () => {
    const chart = buildLineChart(input({ series: [series("p/a", "loss", "#000", [10.123456, 0.0123456, 1e-12 / 3])] }));
    // minimum 3.3e-13 would ask for a step of 5e-16; a billionth of the range (2e-8) is the floor
    expect(chart.data.series[0]!.y).toEqual([10.123456, 0.01234560, 3.333e-13]);
  });

  it("rounds x of a downsampled series to half a bucket and says so", () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Array.from({ length: n }, (_, i) => Math.sin(i / 700) + ((i * 7919) % 13) / 100);
    const s = buildLineChart(input({ maxPoints: 1000, series: [series("p/a", "loss", "#000", y, x)] })).data.series[0]!;
    expect(s.xRounding).toBe(100);
    expect(s.x[0]).toBe(0);
    expect(s.x.at(-1)).toBe(n - 1); // first and last points keep their x: the line ends where the run did
    expect(s.x.slice(1, -1).every((v) => v % 100 === 0 || v === n - 1)).toBe(true); // clamped to the last x at the end
    expect(s.x.length).toBeGreaterThan(900);
    // y: range ≈ 2.12 → step 0.0005
    expect(s.y.every((v) => v === null || Math.abs(v * 2000 - Math.round(v * 2000)) < 1e-6)).toBe(true);
    // rounded x stays within the run and never runs backwards (steps from 1, wall time off the grid)
    const fromOne = buildLineChart(input({ maxPoints: 1000, series: [series("p/a", "loss", "#000", y.slice(0, 5000), x.slice(1, 5001))] })).data.series[0]!;
    expect(fromOne.x[0]).toBe(1);
    expect(fromOne.x.every((v, i) => i === 0 || v >= fromOne.x[i - 1]!)).toBe(true);
    expect(Math.min(...fromOne.x)).toBe(1);
    // on a log x axis, x is never rounded (a linear step is not "under a pixel" there)
    const logX = buildLineChart(input({ maxPoints: 1000, scale: { x: "log", y: "linear" }, series: [series("p/a", "loss", "#000", y, x.map((v) => v + 1))] })).data.series[0]!;
    expect(logX.xRounding).toBeUndefined();
    expect(logX.x.every((v) => v >= 1)).toBe(true);
    const whole = buildLineChart(input({ maxPoints: 1000, series: [series("p/a", "loss", "#000", y.slice(0, 1000), x.slice(0, 1000))] })).data.series[0]!;
    expect(whole.xRounding).toBeUndefined();
    expect(whole.x).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("downsamples each series to maxPoints", () => {
    const y = Array.from({ length: 5000 }, (_, i) => Math.sin(i / 50));
    const chart = buildLineChart(input({ maxPoints: 200, series: [series("p/a", "loss", "#000", y)] }));
    expect(chart.data.series[0]!.x.length).toBeLessThanOrEqual(200);
  });

  it("labels runs that share a name by id", () => {
    const chart = buildLineChart(
      input({ series: [series("p1/base", "loss", "#111", [1]), series("p2/base", "loss", "#222", [2])] }),
    );
    expect(chart.data.series.map((s) => s.name)).toEqual(["p1/base", "p2/base"]);
  });

  it("is deterministic: the same input gives byte-identical JSON", () => {
    const a = buildLineChart(input());
    const b = buildLineChart(input());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const reordered = buildLineChart(input({ series: [...input().series].reverse() }));
    expect(JSON.stringify(reordered)).toBe(JSON.stringify(a));
  });
});

describe("jsonForScript(payload)", () => {
  it("cannot close the script element it is embedded in", () => {
    const chart = buildLineChart(input({ series: [{ ...series("p/a", "loss", "#000", [1]), runName: "</script><!--" }] }));
    const json = jsonForScript({ data: chart.data });
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json).data.series[0].name).toBe("</script><!--");
  });
});
