import { describe, expect, it } from "vitest";
import { positionAt } from "./diagnostics.ts";

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
