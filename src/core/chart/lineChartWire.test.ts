import { describe, expect, it } from "vitest";
import { buildLineChart } from "./buildLineChart.ts";
import { decodeLineChartData, encodeLineChartData } from "./lineChartWire.ts";

describe("encodeLineChartData / decodeLineChartData", () => {
  const n = 5000;
  const x = Float64Array.from({ length: n }, (_, i) => 10 * i);
  const y = Float64Array.from({ length: n }, (_, i) => (i % 977 === 5 ? NaN : 2 * Math.pow(i + 10, -0.3) + ((i * 7919) % 101) / 5000));
  const chart = buildLineChart({
    id: "c",
    x: { kind: "step", label: "step" },
    yLabel: "loss",
    scale: { x: "linear", y: "linear" },
    maxPoints: 1000,
    series: [
      { runId: "p/a", runName: "a", metric: "loss", color: "#111", x, y },
      {
        runId: "p/b",
        runName: "b",
        metric: "loss",
        color: "#222",
        x: x.slice(0, 800),
        y: y.slice(0, 800),
        band: { lower: y.slice(0, 800).map((v) => v - 0.01), upper: y.slice(0, 800).map((v) => v + 0.01) },
        count: Int32Array.from({ length: 800 }, (_, i) => 3 - (i > 700 ? 1 : 0)),
      },
    ],
  });

  it("round-trips the chart data exactly through JSON", () => {
    const wire = JSON.parse(JSON.stringify(encodeLineChartData(chart.data)));
    expect(decodeLineChartData(wire)).toEqual(chart.data);
  });

  it("ships a step grid as three numbers and rounded values as integer deltas", () => {
    const wire = encodeLineChartData(chart.data);
    const b = wire.series.find((s) => s.run === "p/b")!;
    expect(b.x).toEqual({ a: [0, 10, 800] });
    expect(Array.isArray(b.y)).toBe(false);
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(chart.data).length / 1.5);
  });
});
