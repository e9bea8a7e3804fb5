import { describe, expect, it } from "vitest";
import type { HistogramSeries, RunDataReader } from "../../plots/runData.ts";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { renderChart } from "../../../../tests/helpers/testChartBlock.ts";

const ref = (id: string, key: string) => ({ key, file: `runs/${id}/histograms/${key}.jsonl`, steps: 2 });
const runs = [makeRun("p/a", { histograms: [ref("p/a", "w")] }), makeRun("p/b", { histograms: [ref("p/b", "w"), ref("p/b", "grad")] }), makeRun("p/c")];
const data: Record<string, HistogramSeries> = {
  "p/a": { key: "w", steps: [0, 10], edges: [[0, 1, 2, 3, 4], [0, 2]], counts: [[1, 2, 1, 0], [5]] },
  "p/b": { key: "w", steps: [5], edges: [[-1, 1]], counts: [[2]] },
};
const reads: string[] = [];
const readRunData: RunDataReader = {
  histograms: async (run, key) => {
    const id = (run as { id: string }).id;
    reads.push(`${id}:${key}`);
    return key === "w" ? (data[id] ?? null) : { key, steps: [1], edges: [[0, 1]], counts: [[0]] };
  },
  system: async () => null,
};

describe("distribution kind", () => {
  it("draws TensorBoard's percentile bands per run and step, reading only the histograms it draws", async () => {
    reads.length = 0;
    const out = await renderChart("kind: distribution\nkey: w\n", runs, { readRunData });
    expect(out.diagnostics).toEqual([]);
    expect(reads).toEqual(["p/a:w", "p/b:w"]);
    const rows = out.payload.datasets.distribution as Record<string, number | string>[];
    expect(rows.map((r) => [r.run, r.step, r.p0, r.p16, r.p50, r.p84, r.p100])).toEqual([
      // TensorBoard's 16th and 84th percentiles are at 15.87 % and 84.13 % (±1σ).
      ["a", 0, 0, 0.6348, 1.5, 2.3652, 3],
      ["a", 10, 0, 0.3174, 1, 1.6826, 2],
      ["b", 5, -1, -0.6826, 0, 0.6826, 1],
    ]);
    expect(out.html).toContain("1 selected run without histograms `w` not shown: c.");
    expect(out.shows!.svg).toContain("<svg");
  });

  it("draws a heatmap of bins by step with one panel per run", async () => {
    const out = await renderChart("kind: distribution\nkey: w\nstyle: heatmap\n", runs, { readRunData });
    const rows = out.payload.datasets.distribution as Record<string, number | string>[];
    // Empty bins are not drawn; each column reaches to the next step.
    expect(rows.filter((r) => r.run === "a").map((r) => [r.step, r.step2, r.lo, r.hi, r.count])).toEqual([
      [0, 10, 0, 1, 1],
      [0, 10, 1, 2, 2],
      [0, 10, 2, 3, 1],
      [10, 20, 0, 2, 5],
    ]);
    expect(out.payload.spec.description ?? JSON.stringify(out.payload.spec)).toContain("heatmap");
  });

  it("needs `key` (BLOCK016), names keys that exist (BLOCK084), and takes no `y` (BLOCK015)", async () => {
    expect((await renderChart("kind: distribution\n", runs, { readRunData })).diagnostics.map((d) => d.code)).toEqual(["BLOCK016"]);
    const typo = await renderChart("kind: distribution\nkey: gard\n", runs, { readRunData });
    expect(typo.diagnostics.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([["BLOCK084", 2, 6, "did you mean `grad`?"]]);
    expect((await renderChart("kind: distribution\nkey: w\ny: loss\n", runs, { readRunData })).diagnostics.map((d) => d.code)).toEqual(["BLOCK015"]);
    expect((await renderChart("kind: distribution\nkey: grad\n", runs, { readRunData })).diagnostics.map((d) => d.code)).toEqual(["BLOCK091"]);
    expect((await renderChart("kind: distribution\nkey: w\n", runs)).diagnostics.map((d) => d.code)).toEqual(["BLOCK085"]);
  });
});
