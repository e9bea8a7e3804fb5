import { describe, expect, it } from "vitest";
import { parseBlock } from "./parseBlock.ts";
import { blockMessages } from "../blocks/messages.ts";
import type { TextRegion } from "../yaml/textRegion.ts";

const region = (text: string, firstLine = 10, indent = 0): TextRegion => ({ file: "reports/r.md", text, firstLine, indent });

describe("parseBlock(lang, region)", () => {
  it("accepts a chart block and keeps its values", () => {
    const r = parseBlock("chart", region("title: Loss\ny: [train/loss, val/loss]\nscale: { y: log }\n"));
    expect(r.diagnostics).toEqual([]);
    expect(r.block?.lang).toBe("chart");
    expect(r.block?.input).toEqual({ title: "Loss", y: ["train/loss", "val/loss"], scale: { y: "log" } });
  });

  it("points an unknown key at its line and column in the report, with a did-you-mean", () => {
    const r = parseBlock("chart", region("y: val/loss\ntitel: Loss\n", 10));
    // The valid keys are kept for the checks that need runs; the block is never drawn.
    expect(r.block).toBeNull();
    expect(r.partial?.input).toEqual({ y: "val/loss" });
    expect([...r.partial!.invalid]).toEqual(["titel"]);
    const expected = blockMessages.unknownKey("chart", "titel", "title", []);
    expect(r.diagnostics).toMatchObject([{ file: "reports/r.md", line: 11, column: 1, code: expected.code, message: expected.message, hint: expected.hint }]);
    expect(r.diagnostics[0]!.excerpt).toBe("  11 | titel: Loss\n       ^^^^^");
  });

  it("adds the fence's indentation to columns", () => {
    const r = parseBlock("chart", region("y: val/loss\nheight: tall\n", 5, 3));
    expect(r.diagnostics).toMatchObject([{ line: 6, column: 12, code: "BLOCK004" }]);
    expect(r.diagnostics[0]!.message).toBe(blockMessages.wrongType("height", "a number", "tall").message);
  });

  it("suggests the nearest choice for a bad enum value", () => {
    const r = parseBlock("chart", region("y: a\nscale: { y: logg }\n", 1));
    expect(r.diagnostics).toMatchObject([{ line: 2, column: 13, code: "BLOCK005", hint: "did you mean `log`?" }]);
  });

  it("reports a missing required key at the block start", () => {
    const r = parseBlock("chart", region("title: x\n", 3));
    expect(r.diagnostics).toMatchObject([{ line: 3, column: 1, code: "BLOCK006", message: blockMessages.missingKey("chart", "y").message }]);
  });

  it("reports a wrong type for a union key once", () => {
    const r = parseBlock("chart", region("y: 3\n", 1));
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "BLOCK004", line: 1, column: 4 });
    expect(r.diagnostics[0]!.message).toBe("`y` must be a metric name or a list of them, found 3");
  });

  it("lists every problem, not only the first", () => {
    const r = parseBlock("runs", region("colums: [name]\nlimit: 0\nsort: 5\n", 1));
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [1, "BLOCK003"],
      [2, "BLOCK007"],
      [3, "BLOCK004"],
    ]);
  });

  it("keeps every valid key, drops a rejected one inside a mapping alone, and names the rejected top-level keys", () => {
    const r = parseBlock("chart", region("kind: scatter\nx: config.lr\nheight: tall\ncolour: x\nscale: { y: logg }\n", 1));
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [1, "BLOCK006"],
      [3, "BLOCK004"],
      [4, "BLOCK003"],
      [5, "BLOCK005"],
    ]);
    expect(r.partial?.input).toEqual({ kind: "scatter", x: "config.lr", scale: {} });
    expect([...r.partial!.invalid].sort()).toEqual(["colour", "height", "y"]);
  });

  it("names the wrong part of a list or a mapping inside a union, not the whole value", () => {
    const r = parseBlock("chart", region("y: [a, 5, b]\nsmooth: { kind: running, window: 0.5 }\n", 1));
    expect(r.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 8, blockMessages.wrongType("y[1]", "a string", 5).message],
      [2, 34, blockMessages.wrongType("smooth.window", "an int", 0.5).message],
    ]);
  });

  it("takes a rejected list item out alone, and finds the others at their written places", () => {
    const r = parseBlock("chart", region("kind: parallel\ny: summary.x\ndims: [config.a, 5, config.b, [c]]\n", 1));
    expect(r.partial?.input).toMatchObject({ dims: ["config.a", "config.b"] });
    expect(r.partial!.invalid.size).toBe(0);
    // `dims[1]` of what is left is `config.b`, written at index 2.
    const at = r.partial!.yaml.locateValue(["dims", 1])!;
    expect(r.partial!.region.text.slice(at.offset, at.offset + at.length)).toBe("config.b");
  });

  it("drops a whole key when what is left of it does not parse", () => {
    const r = parseBlock("chart", region("y: a\ndims: [config.a, 5]\nsmooth: { weight: 0.5 }\n", 1));
    expect(r.diagnostics.map((d) => d.code)).toEqual(["BLOCK004", "BLOCK006"]);
    expect(r.partial?.input).toEqual({ y: "a" });
    expect([...r.partial!.invalid].sort()).toEqual(["dims", "smooth"]);
  });

  it("reports YAML syntax errors with their position", () => {
    const r = parseBlock("chart", region("y: [a, b\n", 7));
    expect(r.block).toBeNull();
    expect(r.diagnostics[0]).toMatchObject({ code: "BLOCK001", line: 7 });
  });

  it("rejects a block that is not a mapping", () => {
    const r = parseBlock("runs", region("- name\n- state\n", 2));
    expect(r.diagnostics).toMatchObject([{ code: "BLOCK002", line: 2, column: 1 }]);
  });
});
