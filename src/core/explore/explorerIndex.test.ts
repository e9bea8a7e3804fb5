import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { manyRuns } from "../../../tests/helpers/manyRuns.ts";
import { parseExpression, selectRuns } from "../query/index.ts";
import { explorerIndex, runsOfExplorerIndex } from "./explorerIndex.ts";
import { stableJson } from "./stableJson.ts";

const strip = ({ metrics: _m, source: _s, ...rest }: ReturnType<typeof makeRun>) => rest;

describe("explorerIndex / runsOfExplorerIndex", () => {
  const runs = [
    makeRun("b/two", { summary: { "val/loss": 1.25, note: "ok" }, config: { lr: 3e-4, model: { depth: [1, 2] } }, tags: ["x"], git: { commit: "abc" } }),
    makeRun("a/one", { summary: JSON.parse('{"val/loss": 2.5, "__proto__": 3}') as Record<string, number>, state: "crashed", group: "g", created: "2026-01-01T00:00:00Z", duration: 12, steps: 7, notes: "n" }),
    makeRun("a/three", { summary: {} }),
  ];

  it("keeps every field the explorer reads, in run-id order, through JSON", () => {
    const index = explorerIndex(runs);
    expect(index.id).toEqual(["a/one", "a/three", "b/two"]);
    // A key only some runs have lists the runs that have it.
    expect(index.summary.find((c) => c.key === "val/loss")).toEqual({ key: "val/loss", values: [2.5, 1.25], runs: [0, 2] });
    const back = runsOfExplorerIndex(JSON.parse(stableJson(index)));
    expect(back.map(strip)).toEqual(["a/one", "a/three", "b/two"].map((id) => strip(runs.find((r) => r.id === id)!)));
    expect(Object.keys(back[0]!.summary)).toContain("__proto__");
    expect(Object.getPrototypeOf(back[0]!.summary)).toBe(null);
  });

  it("selects the same runs with an expression as the full runs do", () => {
    const big = manyRuns(500);
    const back = runsOfExplorerIndex(JSON.parse(stableJson(explorerIndex(big))));
    for (const q of ['summary.val/loss < 2.5 and config.optimizer.name = "adamw"', 'tags has "baseline" or state = "crashed"', "config.model.n_layer >= 12 and git.dirty = true"]) {
      const parsed = parseExpression(q);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const expected = selectRuns(big, parsed.expr).map((r) => r.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(selectRuns(back, parsed.expr).map((r) => r.id).sort()).toEqual(expected);
    }
  });

  it("refuses an index whose fields disagree in length", () => {
    const index = explorerIndex(runs);
    expect(() => runsOfExplorerIndex({ ...index, name: index.name.slice(1) })).toThrow(/one entry per run/);
    expect(() => runsOfExplorerIndex({ ...index, summary: [{ key: "k", values: [1] }] })).toThrow(/one entry per run/);
    expect(() => runsOfExplorerIndex({ ...index, summary: [{ key: "k", values: [1], runs: [9] }] })).toThrow(/one entry per run/);
  });
});
