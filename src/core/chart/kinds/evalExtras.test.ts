import { describe, expect, it } from "vitest";
import type { RunPlot } from "../../plots/runPlot.ts";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { renderChart } from "../../../../tests/helpers/testChartBlock.ts";

const cm = (matrix: number[][], step: number | null = null, labels = ["cat", "dog"]): RunPlot => ({ type: "confusion", name: "cm", file: "runs/p/a/plots/cm.json", step, labels, matrix });
const roc = (x: number[], y: number[], area: number): RunPlot => ({ type: "roc", name: "roc", file: "runs/p/a/plots/roc.json", step: null, curves: [{ class: null, x, y, area }] });
const runs = [
  makeRun("p/a", { config: { arch: "cnn" }, plots: [cm([[3, 1], [2, 6]], 1), cm([[4, 0], [1, 7]], 2), roc([0, 0, 1], [0, 1, 1], 1)] }),
  makeRun("p/b", { config: { arch: "cnn" }, plots: [cm([[1, 3], [2, 6]], 2), roc([0, 1], [0, 1], 0.5)] }),
  makeRun("p/c", { config: { arch: "vit" }, plots: [cm([[1, 0, 0], [0, 1, 0], [0, 0, 1]], 2, ["a", "b", "c"]), roc([0, 0.5, 1], [0, 1, 1], 0.75)] }),
];
type Cell = { panel: string; actual: string; predicted: string; count: number; text: string; countA: number; countB: number; value: number };
const cells = (out: { payload: { datasets: { cells: Cell[] } } }) => out.payload.datasets.cells;

describe("confusion: step, normalisation by columns, difference of two runs", () => {
  it("draws the asked step, one panel per run side by side", async () => {
    const out = await renderChart("kind: confusion\nplot: cm\nstep: 1\nruns: id = \"p/a\"\n", runs);
    expect(out.diagnostics).toEqual([]);
    expect(cells(out).map((c) => [c.panel, c.count])).toEqual([["a (step 1)", 3], ["a (step 1)", 1], ["a (step 1)", 2], ["a (step 1)", 6]]);
    const all = await renderChart("kind: confusion\nplot: cm\n", runs);
    expect([...new Set(cells(all).map((c) => c.panel))]).toEqual(["a (step 2)", "b (step 2)", "c (step 2)"]);
  });

  it("reports a step a run lacks at `step`, with the steps it has (BLOCK086)", async () => {
    const out = await renderChart("kind: confusion\nplot: cm\nstep: 1\n", runs);
    expect(out.diagnostics.map((d) => [d.code, d.line, d.column, d.message, d.hint])).toEqual([
      ["BLOCK086", 3, 7, "run b has no plot `cm` at step 1", "its steps: 2"],
      ["BLOCK086", 3, 7, "run c has no plot `cm` at step 1", "its steps: 2"],
    ]);
  });

  it("normalises by rows (true, `rows`) or by columns (precision on the diagonal)", async () => {
    const only = "runs: id = \"p/a\"\nstep: 1\n";
    const rows = await renderChart(`kind: confusion\nplot: cm\nnormalize: true\n${only}`, runs);
    expect(cells(rows).map((c) => c.text)).toEqual(["75%", "25%", "25%", "75%"]);
    const cols = await renderChart(`kind: confusion\nplot: cm\nnormalize: columns\n${only}`, runs);
    expect(cells(cols).map((c) => c.text)).toEqual(["60%", "14.3%", "40%", "85.7%"]);
  });

  it("draws the difference of two runs' matrices, second minus first, with both counts per cell", async () => {
    const out = await renderChart("kind: confusion\nplot: cm\ndiff: [b, p/a]\n", runs);
    expect(out.diagnostics).toEqual([]);
    // a at step 2 [[4,0],[1,7]] minus b [[1,3],[2,6]].
    expect(cells(out).map((c) => [c.panel, c.countA, c.countB, c.value, c.text])).toEqual([
      ["a (step 2) − b (step 2)", 1, 4, 3, "+3"],
      ["a (step 2) − b (step 2)", 3, 0, -3, "\u22123"],
      ["a (step 2) − b (step 2)", 2, 1, -1, "\u22121"],
      ["a (step 2) − b (step 2)", 6, 7, 1, "+1"],
    ]);
    expect(out.shows!.runIds).toEqual(["p/a", "p/b"]);
    const shares = await renderChart("kind: confusion\nplot: cm\ndiff: [b, a]\nnormalize: true\n", runs);
    expect(cells(shares).map((c) => c.text)).toEqual(["+75%", "\u221275%", "\u221212.5%", "+12.5%"]);
  });

  it("names a run `diff` cannot find (BLOCK087) and refuses matrices of different labels (BLOCK088)", async () => {
    const typo = await renderChart("kind: confusion\nplot: cm\ndiff: [a, bb]\n", runs);
    expect(typo.diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([["BLOCK087", 3, 11, "did you mean `b`?"]]);
    expect((await renderChart("kind: confusion\nplot: cm\ndiff: [a, c]\n", runs)).diagnostics.map((d) => d.code)).toEqual(["BLOCK088"]);
    expect((await renderChart("kind: confusion\nplot: cm\ndiff: [a]\n", runs).catch((e: Error) => e.message))).toContain("diff");
  });
});

describe("pr and roc grouped", () => {
  it("draws one mean curve per group with the mean area ± its standard deviation", async () => {
    const out = await renderChart("kind: roc\nplot: roc\ngroup: config.arch\n", runs);
    expect(out.diagnostics).toEqual([]);
    const rows = out.payload.datasets.curves as { series: string; x: number; y: number }[];
    expect([...new Set(rows.map((r) => r.series))]).toEqual(["arch cnn (mean AUC 0.75 ± 0.354, n=2)", "arch vit (mean AUC 0.75, n=1)"]);
    // cnn at fpr 0.5: a reaches 1, b 0.5 → 0.75.
    expect(rows.find((r) => r.series.startsWith("arch cnn") && r.x === 0.5)!.y).toBe(0.75);
  });
});
