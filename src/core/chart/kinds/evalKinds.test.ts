import { describe, expect, it } from "vitest";
import type { RunPlot } from "../../plots/runPlot.ts";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { renderChart } from "../../../../tests/helpers/testChartBlock.ts";

const cm = (matrix: number[][], step: number | null = null): RunPlot => ({ type: "confusion", name: "cm", file: "runs/p/a/plots/cm.json", step, labels: ["cat", "dog"], matrix });
const roc: RunPlot = { type: "roc", name: "roc", file: "runs/p/a/plots/roc.json", step: null, curves: [{ class: null, x: [0, 0.5, 1], y: [0, 1, 1], area: 0.75 }] };
const runs = [
  makeRun("p/a", { plots: [cm([[3, 1], [0, 0]], 1), cm([[4, 0], [1, 3]], 2), roc] }),
  makeRun("p/b", { plots: [cm([[1, 1], [1, 1]])] }),
  makeRun("p/c"),
];

describe("confusion kind", () => {
  it("draws each run's last step, as shares of each true class with `normalize`", async () => {
    const out = await renderChart("kind: confusion\nplot: cm\nnormalize: true\n", runs);
    expect(out.diagnostics).toEqual([]);
    const cells = out.payload.datasets.cells as { panel: string; actual: string; predicted: string; count: number; text: string }[];
    expect(cells.filter((c) => c.panel === "a (step 2)").map((c) => [c.actual, c.predicted, c.count, c.text])).toEqual([
      ["cat", "cat", 4, "100%"],
      ["cat", "dog", 0, "0%"],
      ["dog", "cat", 1, "25%"],
      ["dog", "dog", 3, "75%"],
    ]);
    expect(out.html).toContain("1 selected run without plot `cm` not shown: c.");
  });

  it("prints counts by default and leaves an empty true class blank when normalised", async () => {
    const only = [makeRun("p/a", { plots: [cm([[3, 1], [0, 0]])] })];
    const counts = await renderChart("kind: confusion\nplot: cm\n", only);
    expect(counts.payload.datasets.cells.map((c: { text: string }) => c.text)).toEqual(["3", "1", "0", "0"]);
    const shares = await renderChart("kind: confusion\nplot: cm\nnormalize: true\n", only);
    expect(shares.payload.datasets.cells.map((c: { text: string }) => c.text)).toEqual(["75%", "25%", "", ""]);
  });

  it("needs `plot` (BLOCK016), names plots that exist (BLOCK066) of its type (BLOCK067), and takes no `y` (BLOCK015)", async () => {
    expect((await renderChart("kind: confusion\n", runs)).diagnostics.map((d) => d.code)).toEqual(["BLOCK016"]);
    const typo = await renderChart("kind: confusion\nplot: cn\n", runs);
    expect(typo.diagnostics.map((d) => [d.code, d.hint])).toEqual([["BLOCK066", "did you mean `cm`?"]]);
    const wrong = await renderChart("kind: confusion\nplot: roc\n", runs);
    expect(wrong.diagnostics.map((d) => [d.code, d.message])).toEqual([["BLOCK067", "plot `roc` is a ROC curve; a `confusion` chart draws confusion matrices"]]);
    expect((await renderChart("kind: roc\nplot: roc\ny: val/loss\n", runs)).diagnostics.map((d) => d.code)).toEqual(["BLOCK015"]);
  });
});

describe("roc and pr kinds", () => {
  it("draw one curve per run with its area in the legend, over the chance line", async () => {
    const out = await renderChart("kind: roc\nplot: roc\n", runs);
    expect(out.diagnostics).toEqual([]);
    expect(out.payload.datasets.curves.map((r: { series: string; x: number; y: number }) => [r.series, r.x, r.y])).toEqual([
      ["a (AUC 0.75)", 0, 0],
      ["a (AUC 0.75)", 0.5, 1],
      ["a (AUC 0.75)", 1, 1],
    ]);
    expect(out.payload.datasets.chance).toEqual([{ x: 0, y: 0 }, { x: 1, y: 1 }]);
  });

  it("draw one curve per class of a one-vs-rest plot", async () => {
    const pr: RunPlot = {
      type: "pr",
      name: "pr",
      file: "runs/p/a/plots/pr.json",
      step: 3,
      curves: [
        { class: "cat", x: [0, 1], y: [1, 0.5], area: 0.5 },
        { class: "dog", x: [0, 1], y: [1, 1], area: null },
      ],
    };
    const out = await renderChart("kind: pr\nplot: pr\n", [makeRun("p/a", { plots: [pr] })]);
    const labels = [...new Set(out.payload.datasets.curves.map((r: { series: string }) => r.series))];
    expect(labels).toEqual(["a (step 3) · cat (AP 0.5)", "a (step 3) · dog (AP n/a)"]);
  });
});
