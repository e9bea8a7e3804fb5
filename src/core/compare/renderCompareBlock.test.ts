import { describe, expect, it } from "vitest";
import { compareBlockSchema } from "../blocks/compareBlockSchema.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { renderCompareBlock } from "../report/renderCompareBlock.ts";
import type { BlockContext } from "../blocks/blockTypes.ts";
import { parseYamlWithPositions } from "../yaml/parseYamlWithPositions.ts";

const runs = [
  makeRun("p/a", { config: { optimizer: { lr: 1e-3 }, seed: 1 }, summary: { "val/loss": 3 } }),
  makeRun("p/b", { config: { optimizer: { lr: 3e-4 }, seed: 1 }, summary: { "val/loss": 2.5 } }),
];
const ctx: BlockContext = {
  runs,
  defaultRunSet: null,
  readHistory: async () => ({ step: new Float64Array(0), time: null, metrics: {} }),
  colors: new Map(),
  hrefForRun: (id) => `/runs/${id}/`,
  render: true,
};

function block(text: string) {
  const yaml = parseYamlWithPositions(text);
  const input = compareBlockSchema.parse(yaml.value);
  return { input, yaml, region: { file: "reports/r.md", text, firstLine: 10, indent: 0 } };
}

describe("renderCompareBlock(block, index, runs, ctx)", () => {
  it("renders the differing keys as a static table", async () => {
    const out = await renderCompareBlock(block("runs: project = \"p\"\n"), 0, runs, ctx);
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toContain('id="compare-1"');
    expect(out.html).toContain("optimizer.lr");
    expect(out.html).not.toContain(">seed<");
    expect(out.html).toContain("val/loss");
  });

  it("shows every key with show: all and only matching keys with keys:", async () => {
    const all = await renderCompareBlock(block("show: all\nkeys: [config.*]\n"), 1, runs, ctx);
    expect(all.html).toContain(">seed<");
    expect(all.html).not.toContain("val/loss");
  });

  it("reports a key glob that matches nothing, and a run set of one run, at their lines", async () => {
    const bad = await renderCompareBlock(block("keys: [config.optimizr.*]\n"), 0, runs, ctx);
    expect(bad.diagnostics.map((d) => [d.code, d.line, d.hint])).toEqual([["COMPARE002", 10, "did you mean `config.optimizer.lr`?"]]);
    const one = await renderCompareBlock(block("runs: name = \"a\"\n"), 0, runs.slice(0, 1), ctx);
    expect(one.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([["COMPARE001", 10, 7]]);
  });

  it("rejects unknown keys in the schema", () => {
    expect(compareBlockSchema.safeParse({ colums: [] }).success).toBe(false);
    expect(compareBlockSchema.safeParse({ show: "some" }).success).toBe(false);
  });
});
