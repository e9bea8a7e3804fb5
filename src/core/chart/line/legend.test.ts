import { describe, expect, it } from "vitest";
import type { LineChartData } from "../lineChartData.ts";
import { lineLegend, lineLegendHtml, lineLegendSvg } from "./legend.ts";

const series = (name: string, metric: string, color: string, m?: number) => ({ run: `p/${name}`, name, metric, color, x: [0], y: [1], ...(m !== undefined ? { m } : {}) });

describe("lineLegend", () => {
  it("lists each run once, in series order, with the series it shows", () => {
    const data: LineChartData = { series: [series("a", "loss", "#111"), series("b", "loss", "#222")], metrics: ["loss"], legendTitle: "lr" };
    const legend = lineLegend(data);
    expect(legend.title).toBe("lr");
    expect(legend.entries).toEqual([
      { label: "a", color: "#111", dash: "", members: [0] },
      { label: "b", color: "#222", dash: "", members: [1] },
    ]);
    expect(legend.metrics).toEqual([]);
  });

  it("adds a dash legend when the chart shows several metrics", () => {
    const data: LineChartData = {
      series: [series("a", "train", "#111", 0), series("a", "val", "#111", 1), series("b", "val", "#222", 1)],
      metrics: ["train", "val"],
    };
    const legend = lineLegend(data);
    expect(legend.entries.map((e) => [e.label, e.members])).toEqual([
      ["a", [0, 1]],
      ["b", [2]],
    ]);
    expect(legend.metrics.map((e) => [e.label, e.dash, e.members])).toEqual([
      ["train", "", [0]],
      ["val", "6,3", [1, 2]],
    ]);
  });
});

describe("lineLegendHtml / lineLegendSvg", () => {
  const data: LineChartData = { series: [series("<b>x</b>", "loss", "#111"), series("y", "loss", "#222")], metrics: ["loss"] };

  it("writes names as text with indexed entries", () => {
    const html = lineLegendHtml(lineLegend(data));
    expect(html).toContain('data-legend="entries"');
    expect(html).toContain('<li><span class="rf-legend-entry" data-entry="1">');
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain('data-legend="metrics"');
  });

  it("leaves out the colour legend of a single run, keeping a metric legend", () => {
    expect(lineLegendHtml(lineLegend({ series: [series("a", "loss", "#111")], metrics: ["loss"] }))).toBe("");
    const two = lineLegendHtml(lineLegend({ series: [series("a", "loss", "#111", 0), series("a", "acc", "#111", 1)], metrics: ["acc", "loss"] }));
    expect(two).not.toContain('data-legend="entries"');
    expect(two).toContain('data-legend="metrics"');
  });

  it("draws the shown entries as SVG rows for an exported image", () => {
    const all = lineLegendSvg(lineLegend(data), 600);
    expect(all.svg).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(all.svg).toContain(">y</text>");
    expect(all.height).toBeGreaterThan(16);
    const one = lineLegendSvg(lineLegend(data), 600, new Set([0]));
    expect(one.svg).not.toContain("&lt;b&gt;");
  });
});
