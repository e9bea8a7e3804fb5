import { describe, expect, it } from "vitest";
import { renderLineChartTable } from "./table.ts";

describe("renderLineChartTable(data)", () => {
  it("lists each series' last value and minimum, escaping text from run files", () => {
    const html = renderLineChartTable({
      xLabel: "step",
      yLabel: "loss",
      legendTitle: "run",
      series: [
        { run: "p/a", name: "<b>a</b>", metric: "loss", color: "#000", x: [0, 10, 20, 30], y: [3, 1, 2, null] },
        { run: "p/b", name: "b", metric: "loss", color: "#111", x: [0, 10], y: [null, null] },
      ],
    });
    expect(html).toMatch(/^<details class="rf-chart-table"><summary>Data table<\/summary><table>/);
    expect(html).toContain("<th scope=\"row\">&lt;b&gt;a&lt;/b&gt;</th><td>2</td><td>20</td><td>1</td><td>10</td>");
    expect(html).toContain("<th scope=\"row\">b</th><td>–</td>");
    expect(html).not.toContain("<b>");
  });
});
