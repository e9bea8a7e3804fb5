import { describe, expect, it } from "vitest";
import { buildLineChartSpec, type LineChartInput, type LineChartSeriesInput } from "./buildLineChartSpec.ts";
import { jsonForScript } from "../render/escapeHtml.ts";
import { compileChart } from "./compileChart.ts";
import { expandLineChartData, roundSignificant } from "./lineChartData.ts";

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

// The spec is plain JSON; read it loosely.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("buildLineChartSpec(input)", () => {
  it("reads the named dataset and plots x and y with the requested scales", () => {
    const spec: Json = buildLineChartSpec(input({ scale: { x: "log", y: "linear" } })).vegaLite;
    expect(spec.data).toEqual({ name: "series" });
    expect(spec.encoding.x).toMatchObject({ field: "x", type: "quantitative", title: "step", scale: { type: "log" } });
    expect(spec.encoding.y).toMatchObject({ field: "y", type: "quantitative", title: "val/loss", scale: { type: "linear", zero: false } });
    expect(spec.title).toBeUndefined();
    expect(spec.description).toBe("Validation loss");
  });

  it("keeps the legend and maps each run to its colour through an explicit, sorted scale", () => {
    const spec: Json = buildLineChartSpec(input()).vegaLite;
    expect(spec.encoding.color.legend).toBeTruthy();
    expect(spec.encoding.color.scale).toEqual({ domain: ["lr-1e-4", "lr-3e-4"], range: ["#1f77b4", "#e6550d"] });
  });

  it("uses strokeDash only when the chart shows more than one metric", () => {
    const one: Json = buildLineChartSpec(input()).vegaLite;
    expect(JSON.stringify(one)).not.toContain("strokeDash");

    const two = buildLineChartSpec(
      input({
        series: [
          series("p/a", "val/loss", "#1f77b4", [1, 2]),
          series("p/a", "train/loss", "#1f77b4", [1, 2]),
          series("p/b", "val/loss", "#e6550d", [1, 2]),
        ],
      }),
    );
    const spec: Json = two.vegaLite;
    expect(spec.layer[0].encoding.strokeDash).toMatchObject({ field: "metric", scale: { domain: ["train/loss", "val/loss"] } });
    expect(spec.encoding.color.scale).toEqual({ domain: ["a", "b"], range: ["#1f77b4", "#e6550d"] });
    expect([...new Set(expandLineChartData(two.data).map((r) => r.series))]).toEqual([
      "a · train/loss",
      "a · val/loss",
      "b · val/loss",
    ]);
  });

  it("has no hover layer: the spec draws the frame only, the page handles interaction", () => {
    const spec: Json = buildLineChartSpec(input()).vegaLite;
    expect(spec.layer).toHaveLength(1);
    expect(JSON.stringify(spec)).not.toContain("tooltip");
    expect(JSON.stringify(spec)).not.toContain("__interactive");
    expect(spec.encoding.color.title).toBe("run");
    expect((buildLineChartSpec(input({ legendTitle: "lr" })).vegaLite as Json).encoding.color.title).toBe("lr");
  });

  it("hides y ≤ 0 on a log y axis and says so in notes", () => {
    const chart = buildLineChartSpec(
      input({ scale: { x: "linear", y: "log" }, series: [series("p/a", "loss", "#1f77b4", [1, 0, -2, 0.5, 0.25])] }),
    );
    expect(chart.data.series[0]!.y).toEqual([1, null, 0.5, 0.25]);
    expect(chart.notes).toEqual(["a: 2 points with y ≤ 0 not shown on the log y axis."]);
    expect((chart.vegaLite as Json).encoding.y.scale).toEqual({ type: "log", nice: false, padding: 6 });
  });

  it("plots wall time as a UTC temporal axis in ms and relative time in hours", () => {
    const t = Float64Array.from([1_700_000_000.1234, 1_700_003_600.5, 1_700_007_200]);
    const time = buildLineChartSpec(input({ x: { kind: "time", label: "time" }, series: [series("p/a", "loss", "#000", [1, 2, 3], t)] }));
    const spec: Json = time.vegaLite;
    expect(spec.encoding.x).toMatchObject({ field: "x", type: "temporal", scale: { type: "utc" } });
    expect(time.data.series[0]!.x).toEqual([1_700_000_000_123, 1_700_003_600_500, 1_700_007_200_000]);

    const rel = buildLineChartSpec(input({ x: { kind: "relative", label: "hours" }, series: [series("p/a", "loss", "#000", [1, 2, 3], t)] }));
    expect(rel.data.series[0]!.x).toEqual([0, 1.0001, 1.99997]);
    expect((rel.vegaLite as Json).encoding.x.type).toBe("quantitative");
  });

  it("rounds y to a step of the series' range, keeps x exact and collapses gaps", () => {
    const chart = buildLineChartSpec(
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
    const chart = buildLineChartSpec(input({ series: [series("p/a", "loss", "#000", [10.123456, 0.0123456, 1e-12 / 3])] }));
    // minimum 3.3e-13 would ask for a step of 5e-16; a billionth of the range (2e-8) is the floor
    expect(chart.data.series[0]!.y).toEqual([10.123456, 0.01234560, 3.333e-13]);
  });

  it("rounds x of a downsampled series to half a bucket and says so", () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Array.from({ length: n }, (_, i) => Math.sin(i / 700) + ((i * 7919) % 13) / 100);
    const s = buildLineChartSpec(input({ maxPoints: 1000, series: [series("p/a", "loss", "#000", y, x)] })).data.series[0]!;
    expect(s.xRounding).toBe(100);
    expect(s.x[0]).toBe(0);
    expect(s.x.at(-1)).toBe(n - 1); // first and last points keep their x: the line ends where the run did
    expect(s.x.slice(1, -1).every((v) => v % 100 === 0 || v === n - 1)).toBe(true); // clamped to the last x at the end
    expect(s.x.length).toBeGreaterThan(900);
    // y: range ≈ 2.12 → step 0.0005
    expect(s.y.every((v) => v === null || Math.abs(v * 2000 - Math.round(v * 2000)) < 1e-6)).toBe(true);
    // rounded x stays within the run and never runs backwards (steps from 1, wall time off the grid)
    const fromOne = buildLineChartSpec(input({ maxPoints: 1000, series: [series("p/a", "loss", "#000", y.slice(0, 5000), x.slice(1, 5001))] })).data.series[0]!;
    expect(fromOne.x[0]).toBe(1);
    expect(fromOne.x.every((v, i) => i === 0 || v >= fromOne.x[i - 1]!)).toBe(true);
    expect(Math.min(...fromOne.x)).toBe(1);
    // on a log x axis, x is never rounded (a linear step is not "under a pixel" there)
    const logX = buildLineChartSpec(input({ maxPoints: 1000, scale: { x: "log", y: "linear" }, series: [series("p/a", "loss", "#000", y, x.map((v) => v + 1))] })).data.series[0]!;
    expect(logX.xRounding).toBeUndefined();
    expect(logX.x.every((v) => v >= 1)).toBe(true);
    const whole = buildLineChartSpec(input({ maxPoints: 1000, series: [series("p/a", "loss", "#000", y.slice(0, 1000), x.slice(0, 1000))] })).data.series[0]!;
    expect(whole.xRounding).toBeUndefined();
    expect(whole.x).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("downsamples each series to maxPoints", () => {
    const y = Array.from({ length: 5000 }, (_, i) => Math.sin(i / 50));
    const chart = buildLineChartSpec(input({ maxPoints: 200, series: [series("p/a", "loss", "#000", y)] }));
    expect(chart.data.series[0]!.x.length).toBeLessThanOrEqual(200);
  });

  it("labels runs that share a name by id", () => {
    const chart = buildLineChartSpec(
      input({ series: [series("p1/base", "loss", "#111", [1]), series("p2/base", "loss", "#222", [2])] }),
    );
    expect(chart.data.series.map((s) => s.name)).toEqual(["p1/base", "p2/base"]);
  });

  it("is deterministic: the same input gives byte-identical JSON", () => {
    const a = buildLineChartSpec(input());
    const b = buildLineChartSpec(input());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const reordered = buildLineChartSpec(input({ series: [...input().series].reverse() }));
    expect(JSON.stringify(reordered)).toBe(JSON.stringify(a));
  });
});

describe("expandLineChartData(data)", () => {
  it("turns compact series into dataset rows", () => {
    const rows = expandLineChartData(buildLineChartSpec(input({ series: [series("p/a", "loss", "#000", [1, NaN, 3])] })).data);
    expect(rows).toEqual([
      { run: "p/a", name: "a", metric: "loss", series: "a", x: 0, y: 1 },
      { run: "p/a", name: "a", metric: "loss", series: "a", x: 10, y: null },
      { run: "p/a", name: "a", metric: "loss", series: "a", x: 20, y: 3 },
    ]);
  });
});

describe("compileChart(vegaLite)", () => {
  it("compiles to a vega spec with a \"series\" dataset and deterministic output", () => {
    const chart = buildLineChartSpec(input());
    const vega = compileChart(chart.vegaLite);
    expect(vega.data?.map((d) => d.name)).toContain("series");
    expect(vega.legends?.length ?? 0).toBeGreaterThan(0);
    expect(JSON.stringify(compileChart(chart.vegaLite))).toBe(JSON.stringify(vega));
  });
});

describe("jsonForScript(payload)", () => {
  it("cannot close the script element it is embedded in", () => {
    const chart = buildLineChartSpec(input({ series: [{ ...series("p/a", "loss", "#000", [1]), runName: "</script><!--" }] }));
    const json = jsonForScript({ spec: compileChart(chart.vegaLite), data: chart.data });
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json).data.series[0].name).toBe("</script><!--");
  });
});
