import { describe, expect, it } from "vitest";
import { compileGlob } from "./compileGlob.ts";

describe("compileGlob(glob)", () => {
  const cases: [string, string, boolean][] = [
    ["val/*", "val/loss", true],
    ["val/*", "train/val/loss", false],
    ["*loss", "train/loss", true],
    ["*/loss", "val/loss", true],
    ["config.optimizer.*", "config.optimizer.lr", true],
    ["config.optimizer.*", "config.optimizer", false],
    ["config.*.lr", "config.a.b.lr", true],
    ["a*b*c", "abc", true],
    ["a*b*c", "aXbYcZ", false],
    ["a*b*c", "aXbYbZc", true],
    ["*", "", true],
    ["", "", true],
    ["", "x", false],
    ["x", "x", true],
    ["x.y", "xzy", false],
    ["a+b(c)", "a+b(c)", true],
    ["**", "anything/at.all", true],
  ];
  for (const [glob, text, want] of cases) {
    it(`${JSON.stringify(glob)} on ${JSON.stringify(text)} → ${want}`, () => {
      expect(compileGlob(glob).test(text)).toBe(want);
    });
  }

  it("answers globs that made the old regex backtrack exponentially", () => {
    const glob = `${"*a".repeat(12)}*b`;
    expect(compileGlob(glob).test("a".repeat(40))).toBe(false);
    expect(compileGlob(glob).test(`${"a".repeat(40)}b`)).toBe(true);
  });
});
