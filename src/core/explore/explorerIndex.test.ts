import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { manyRuns } from "../../../tests/helpers/manyRuns.ts";
import { parseExpression, selectRuns } from "../query/index.ts";
import { RUN_STATES, type Run } from "../run.ts";
import { completeRunFields, mergeRunFields, runFieldsOf } from "./explorerFields.ts";
import { explorerIndexFiles, runsOfExplorerIndex } from "./explorerIndex.ts";
import { stableJson } from "./stableJson.ts";
import { PAGE_SIZE } from "./explorerState.ts";

const strip = ({ metrics: _m, source: _s, ...rest }: ReturnType<typeof makeRun>) => rest;

/** Both files through JSON, as the page reads them, merged. */
function roundTrip(runs: readonly Run[]): Run[] {
  const { index, fields } = explorerIndexFiles(runs);
  const back = runsOfExplorerIndex(JSON.parse(stableJson(index)));
  completeRunFields(back, runFieldsOf(JSON.parse(stableJson(fields)), back.length)).forEach((f, i) => mergeRunFields(back[i]!, f));
  return back;
}

describe("explorerIndexFiles / runsOfExplorerIndex / runFieldsOf", () => {
  const runs = [
    makeRun("b/two", { summary: { "val/loss": 1.25, note: "ok" }, config: { lr: 3e-4, model: { depth: [1, 2], empty: {}, deep: { x: null } } }, tags: ["x"], git: { commit: "abc" } }),
    makeRun("a/one", { summary: JSON.parse('{"val/loss": 2.5, "__proto__": 3}') as Record<string, number>, config: JSON.parse('{"__proto__": {"polluted": 1}, "lr": 1}') as Record<string, unknown>, state: "crashed", group: "g", created: "2026-01-01T00:00:00Z", duration: 12, steps: 7, notes: "n" }),
    makeRun("a/three", { summary: {} }),
  ];

  it("keeps every field the explorer reads, in run-id order, through JSON", () => {
    const { index, fields } = explorerIndexFiles(runs);
    expect(index.id).toEqual(["a/one", "a/three", "b/two"]);
    // The index holds the metrics the default columns show; a key only some runs have lists the runs that have it.
    expect(index.summary).toEqual([{ key: "val/loss", values: [2.5, 1.25], runs: [0, 2] }]);
    expect(index.early).toContain("summary.val/loss");
    expect(index.defaultColumns).toContain("summary.val/loss");
    expect(fields.summary.map((c) => c.key)).toEqual(["__proto__", "note"]);
    expect(fields.config).toContainEqual({ path: ["model", "deep", "x"], values: [null], runs: [2] });
    const back = roundTrip(runs);
    expect(back.map(strip)).toEqual(["a/one", "a/three", "b/two"].map((id) => strip(runs.find((r) => r.id === id)!)));
    expect(Object.keys(back[0]!.summary)).toContain("__proto__");
    expect(Object.getOwnPropertyDescriptor(back[0]!.summary, "__proto__")?.value).toBe(3);
    expect(Object.keys(back[0]!.config)).toEqual(["__proto__", "lr"]);
    expect(Object.getOwnPropertyDescriptor(back[0]!.config, "__proto__")?.value).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An inherited member is not a field.
    const constructorField = parseExpression('summary.constructor = "x" or config.toString = "x"');
    if (!constructorField.ok) throw new Error(constructorField.error.message);
    expect(selectRuns(back, constructorField.expr)).toEqual([]);
  });

  it("leaves git, config and the other metrics out of the index until the fields are merged", () => {
    const { index } = explorerIndexFiles(runs);
    const early = runsOfExplorerIndex(JSON.parse(stableJson(index)));
    expect(early[2]!.git).toBe(null);
    expect(Object.keys(early[2]!.config)).toEqual([]);
    expect({ ...early[2]!.summary }).toEqual({ "val/loss": 1.25 });
  });

  it("writes the default view's first page as its own small file: the index's first runs, the total and every run's facets", () => {
    const big = manyRuns(500);
    const { index, head } = explorerIndexFiles(big);
    const first = runsOfExplorerIndex(JSON.parse(stableJson(head)));
    const all = runsOfExplorerIndex(JSON.parse(stableJson(index)));
    expect(first.length).toBe(PAGE_SIZE);
    expect(head.total).toBe(500);
    // The same records as the index's first page, summary metrics of the default columns included.
    expect(first).toEqual(all.slice(0, PAGE_SIZE));
    expect(head.projects).toEqual([...new Set(big.map((r) => r.project))].sort());
    expect(head.states).toEqual(RUN_STATES.filter((s) => big.some((r) => r.state === s)));
    expect([head.early, head.defaultColumns, head.columns]).toEqual([index.early, index.defaultColumns, index.columns]);
    expect(stableJson(head).length).toBeLessThan(stableJson(index).length / 5);
    // Fewer runs than a page: all of them.
    expect(runsOfExplorerIndex(explorerIndexFiles(runs).head).map((r) => r.id)).toEqual(["a/one", "a/three", "b/two"]);
  });

  it("selects the same runs with an expression as the full runs do", () => {
    const big = manyRuns(500);
    const back = roundTrip(big);
    for (const q of ['summary.val/loss < 2.5 and config.optimizer.name = "adamw"', 'tags has "baseline" or state = "crashed"', "config.model.n_layer >= 12 and git.dirty = true", "summary.train/mfu > 0.2"]) {
      const parsed = parseExpression(q);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const expected = selectRuns(big, parsed.expr).map((r) => r.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect(selectRuns(back, parsed.expr).map((r) => r.id).sort()).toEqual(expected);
    }
  });

  it("refuses files whose fields disagree in length", () => {
    const { index, fields } = explorerIndexFiles(runs);
    expect(() => runsOfExplorerIndex({ ...index, name: index.name.slice(1) })).toThrow(/one entry per run/);
    expect(() => runsOfExplorerIndex({ ...index, summary: [{ key: "k", values: [1] }] })).toThrow(/one entry per run/);
    expect(() => runsOfExplorerIndex({ ...index, summary: [{ key: "k", values: [1], runs: [9] }] })).toThrow(/one entry per run/);
    expect(() => runFieldsOf(fields, 4)).toThrow(/one entry per run/);
    expect(() => runFieldsOf({ ...fields, config: [{ path: ["a"], values: [1, 2] }] }, 3)).toThrow(/one entry per run/);
    expect(() => runFieldsOf({ ...fields, config: [{ path: ["a"], values: [1], runs: [-1] }] }, 3)).toThrow(/one entry per run/);
  });
});
