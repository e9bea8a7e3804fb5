import { describe, expect, it } from "vitest";
import { boundMessage, boundText, formatDiagnostic, MAX_MESSAGE, MAX_MESSAGE_WORD, positionAt } from "./diagnostics.ts";
import { parseRunFile } from "./runs/parseRunFolder.ts";
import { runMessages } from "./runs/messages.ts";
import { parseBlock } from "./report/parseBlock.ts";

describe("boundText(text)", () => {
  it("keeps ordinary messages as they are", () => {
    const text = `unknown key "confg" (it is ignored) in runs/${"p/".repeat(60)}a.json`;
    expect(boundText(text)).toBe(text);
  });

  it("cuts a long word in the middle, keeping both ends, and a long text of short words too", () => {
    const word = `A${"k".repeat(100_000)}Z`;
    const cut = boundText(`unknown key "${word}" (it is ignored)`);
    expect(cut).toMatch(/^unknown key "Ak+…k+Z" \(it is ignored\)$/);
    expect(cut.length).toBeLessThanOrEqual(MAX_MESSAGE_WORD + 40);
    const chain = `the run set \`${Array(20_000).fill('name = "a"').join(" or ")}\` selects no run`;
    const shortened = boundText(chain);
    expect(shortened.length).toBe(MAX_MESSAGE);
    expect(shortened.startsWith('the run set `name = "a" or')).toBe(true);
    expect(shortened.endsWith('name = "a"` selects no run')).toBe(true);
  });

  it("never cuts inside a surrogate pair", () => {
    for (let pad = 0; pad < 4; pad++) {
      const cut = boundText("x".repeat(pad) + "😀".repeat(MAX_MESSAGE_WORD));
      expect(cut.isWellFormed()).toBe(true);
    }
  });
});

describe("diagnostics quoting a huge value stay readable", () => {
  it("a run file's megabyte state and key are cut in the message, not in the file", () => {
    const state = "s".repeat(1_000_000);
    const { diagnostics } = parseRunFile("p/a", { path: "runs/p/a.json", text: `{"${"k".repeat(100_000)}": 1, "state": "${state}"}` });
    expect(diagnostics.map((d) => d.code)).toEqual(["RUN003", "RUN005"]);
    for (const d of diagnostics) expect(formatDiagnostic(d).length).toBeLessThan(2 * MAX_MESSAGE);
    expect(diagnostics[1]!.message).toBe(boundMessage(runMessages.badState(state, undefined)).message);
    expect(diagnostics[1]!.message).toMatch(/^unknown state "s+…s+"; expected one of "running", "finished", "crashed", "failed"$/);
  });

  it("a block's huge unknown key is cut in the message", () => {
    const key = "k".repeat(1_000);
    const { diagnostics } = parseBlock("chart", { file: "reports/r.md", text: `y: loss\n${key}: 1\n`, firstLine: 10, indent: 0 });
    expect(diagnostics.map((d) => [d.code, d.message.length <= MAX_MESSAGE_WORD + 60])).toEqual([["BLOCK003", true]]);
  });
});

describe("positionAt(text, offset)", () => {
  it("counts lines ended by \\n, \\r\\n or a lone \\r", () => {
    const text = "ab\ncd\r\nef\rgh";
    expect([0, 3, 7, 10].map((o) => positionAt(text, o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
  });

  it("puts an offset on a line's terminator just past its last character, whatever the terminator (found by the fuzz run)", () => {
    // A YAML parser points at the "\n" of "\r\n" for an unclosed bracket at the end of a line.
    const text = "metrics: [x\r\nnext\n";
    expect(positionAt(text, 11)).toEqual({ line: 1, column: 12 });
    expect(positionAt(text, 12)).toEqual({ line: 1, column: 12 });
    expect(positionAt(text, 17)).toEqual({ line: 2, column: 5 });
    expect(positionAt("a\rb", 1)).toEqual({ line: 1, column: 2 });
  });

  it("stops at the end of the text", () => {
    expect(positionAt("abc", 3)).toEqual({ line: 1, column: 4 });
    expect(positionAt("abc", 99)).toEqual({ line: 1, column: 4 });
  });
});
