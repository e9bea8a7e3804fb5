import { describe, expect, it } from "vitest";
import type { FieldPath } from "./ast.ts";
import { fieldLabel, getField, parseFieldPath } from "./fieldPath.ts";
import { exprMessages } from "./messages.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";

function path(source: string): FieldPath {
  const result = parseFieldPath(source);
  if (!result.ok) throw new Error(`${source}: ${result.error.message}`);
  return result.path;
}

function errorOf(source: string) {
  const result = parseFieldPath(source);
  if (result.ok) throw new Error(`expected an error for ${source}`);
  return result.error;
}

describe("parseFieldPath(source)", () => {
  it("parses plain fields, keyed fields, aliases and backticks", () => {
    expect(path("name")).toEqual({ root: "name", keys: [] });
    expect(path(" config.optimizer.lr ")).toEqual({ root: "config", keys: ["optimizer", "lr"] });
    expect(path("params.lr")).toEqual({ root: "config", keys: ["lr"] });
    expect(path("summary.val/loss")).toEqual({ root: "summary", keys: ["val/loss"] });
    expect(path("metrics.eval.acc")).toEqual({ root: "summary", keys: ["eval", "acc"] });
    expect(path("summary.`odd key`")).toEqual({ root: "summary", keys: ["odd key"] });
    expect(path("config.`a.b`.c")).toEqual({ root: "config", keys: ["a.b", "c"] });
    expect(path("git.commit")).toEqual({ root: "git", keys: ["commit"] });
  });

  it("reports what is wrong, where", () => {
    expect(errorOf("")).toEqual({ ...exprMessages.expected("a field such as config.lr or summary.val/loss", "end of input"), offset: 0, length: 0 });
    expect(errorOf("confg.lr")).toEqual({ ...exprMessages.unknownField("confg", "config.lr"), offset: 0, length: 5 });
    expect(errorOf("summary.val loss")).toMatchObject({ code: "EXPR008", message: "expected end of input after 'summary.val', found 'loss'", offset: 12, length: 4 });
    expect(errorOf("summary")).toEqual({ ...exprMessages.fieldNeedsKey("summary"), offset: 0, length: 7 });
    expect(errorOf("config.lr-x")).toMatchObject({ code: "EXPR002", offset: 9, hint: "quote names containing '-' with backticks: config.`lr-x`" });
    expect(errorOf("git.sha")).toMatchObject({ code: "EXPR015", offset: 4, length: 3 });
    expect(errorOf("3")).toMatchObject({ code: "EXPR008", message: "expected a field such as config.lr or summary.val/loss, found number 3" });
  });
});

describe("getField(run, path)", () => {
  const run = makeRun("p/r", {
    group: null,
    git: { commit: "abc" },
    config: { a: { b: 1 }, "a.b": 2, "x.y": { z: 3 }, list: [10, 20], nul: null },
    summary: { "eval.acc": 0.5, eval: 7, "val/loss": null },
  });

  it("prefers the nested walk and falls back to a flat dotted key at any level", () => {
    expect(getField(run, path("config.a.b"))).toBe(1);
    expect(getField(run, path("config.`a.b`"))).toBe(2);
    expect(getField(run, path("config.x.y.z"))).toBe(3);
    expect(getField(run, path("config.list.1"))).toBe(20);
    expect(getField(run, path("config.list.length"))).toBeUndefined();
    expect(getField(run, path("config.a"))).toEqual({ b: 1 });
  });

  it("prefers the longest summary key", () => {
    expect(getField(run, path("summary.eval.acc"))).toBe(0.5);
    expect(getField(run, path("summary.eval"))).toBe(7);
  });

  it("returns null for gaps and undefined for what is missing", () => {
    expect(getField(run, path("summary.val/loss"))).toBeNull();
    expect(getField(run, path("config.nul"))).toBeNull();
    expect(getField(run, path("group"))).toBeNull();
    expect(getField(run, path("config.nope"))).toBeUndefined();
    expect(getField(run, path("config.constructor"))).toBeUndefined();
    expect(getField(run, path("config.nul.x"))).toBeUndefined();
    expect(getField(run, path("git.branch"))).toBeUndefined();
    expect(getField(makeRun("p/s"), path("git.commit"))).toBeUndefined();
    expect(getField(run, path("git.commit"))).toBe("abc");
    expect(getField(run, path("id"))).toBe("p/r");
  });
});

describe("fieldLabel(path)", () => {
  it("prints the canonical path, backticking odd keys, and round-trips", () => {
    const cases: [string, string][] = [
      ["params.lr", "config.lr"],
      ["metrics.val/loss", "summary.val/loss"],
      ["summary.eval.acc", "summary.eval.acc"],
      ["summary.`val loss (avg)`", "summary.`val loss (avg)`"],
      ["config.`a.b`", "config.`a.b`"],
      ["config.`we\\`ird`", "config.`we\\`ird`"],
      ["tags", "tags"],
    ];
    for (const [input, label] of cases) {
      expect(fieldLabel(path(input))).toBe(label);
      expect(path(label)).toEqual(path(input));
    }
  });
});
