import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { parseExpression } from "./parseExpression.ts";
import { unknownFields } from "./unknownFields.ts";

const runs = [
  makeRun("p/a", { config: { optimizer: { lr: 0.001, name: "adamw" }, scheduler: { lr: 0.1 }, seed: 1 }, summary: { "val/loss": 2 } }),
  makeRun("p/b", { config: { optimizer: { lr: 0.01 }, batch_size: 64 }, summary: { "val/loss": 3 } }),
];

function hints(expression: string): [string, number, number, string | undefined][] {
  const parsed = parseExpression(expression);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return unknownFields(parsed.expr, runs).map(({ node, message }) => [message.message, node.start, node.end, message.hint]);
}

describe("unknownFields(expr, runs)", () => {
  it("names each field no run has, where it is written, with the fields ending in the same key", () => {
    expect(hints("config.lr > 0.001")).toEqual([["no run has the field `config.lr`", 0, 9, "did you mean `config.optimizer.lr` or `config.scheduler.lr`?"]]);
    expect(hints('name = "a" or config.batchsize = 64')).toEqual([["no run has the field `config.batchsize`", 14, 30, "did you mean `config.batch_size`?"]]);
    expect(hints("metrics.val/los < 3")).toEqual([["no run has the field `metrics.val/los`", 0, 15, "did you mean `summary.val/loss`?"]]);
  });

  it("says nothing of fields some run has, of identity fields, and names a repeated field once", () => {
    expect(hints('config.seed = 1 and summary.val/loss < 3 and name = "x" and tags has "y"')).toEqual([]);
    expect(hints("config.nope = 1 or config.nope = 2")).toHaveLength(1);
  });

  it("compares keys without their root, so a shared `config.` prefix suggests nothing by itself", () => {
    const few = [makeRun("p/a", { config: { amp: true, optimizer: { lr: 0.1 } } })];
    const parsed = parseExpression("config.lr > 0.001 and config.am = 1");
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(unknownFields(parsed.expr, few).map((u) => u.message.hint)).toEqual([
      "did you mean `config.optimizer.lr`?",
      "did you mean `config.amp`?",
    ]);
  });

  it("points to the runs page when nothing is close", () => {
    expect(hints("config.zzzzzzzz = 1")[0]![3]).toBe("the runs page's column picker lists every field the runs have");
  });
});
