import { describe, expect, it } from "vitest";
import { compareNumbersThenText, compareText } from "./compareText.ts";

describe("compareText(a, b)", () => {
  it("orders by code point: capitals before lower case, accents after ASCII", () => {
    expect(["b", "é", "B", "a", "_", "1"].sort(compareText)).toEqual(["1", "B", "_", "a", "b", "é"]);
  });

  it("puts a character above U+FFFF after U+E000–U+FFFF, unlike UTF-16 order", () => {
    const astral = "\u{1F600}"; // 😀, U+1F600: surrogates D83D DE00
    expect(compareText("\uFF01", astral)).toBe(-1);
    expect(compareText(astral, "\uFFFD")).toBe(1);
    expect(compareText("\uE000", astral)).toBe(-1);
    // UTF-16 comparison gets these backwards: the surrogate D83D is below FF01.
    expect("\uFF01" < astral).toBe(false);
    expect(["\u{1F600}", "\uFFFD", "\uE000", "z"].sort(compareText)).toEqual(["z", "\uE000", "\uFFFD", "\u{1F600}"]);
  });

  it("orders astral characters among themselves by code point", () => {
    expect(compareText("\u{1F600}", "\u{1F601}")).toBe(-1);
    expect(compareText("\u{10000}", "\u{1F600}")).toBe(-1);
    expect(compareText("a\u{1F600}", "a\u{1F600}")).toBe(0);
  });

  it("puts a prefix first and returns 0 only for equal strings", () => {
    expect(compareText("ab", "abc")).toBe(-1);
    expect(compareText("abc", "ab")).toBe(1);
    expect(compareText("", "")).toBe(0);
    expect(compareText("", "a")).toBe(-1);
  });

  it("compares digits as text: a caller wanting numeric order says so", () => {
    expect(["10", "9", "2"].sort(compareText)).toEqual(["10", "2", "9"]);
  });

  it("does not depend on the locale (no case folding, no accent folding)", () => {
    expect(compareText("a", "A")).toBe(1);
    expect(compareText("e\u0301", "é")).toBe(-1);
  });
});

describe("compareNumbersThenText(a, b)", () => {
  it("sorts numbers numerically before text in code point order", () => {
    expect([10, "b", 2, "A", -1, "\u{1F600}", "\uFFFD", 0.5].sort(compareNumbersThenText)).toEqual([-1, 0.5, 2, 10, "A", "b", "\uFFFD", "\u{1F600}"]);
  });

  it("returns 0 for equal numbers and equal text", () => {
    expect(compareNumbersThenText(3, 3)).toBe(0);
    expect(compareNumbersThenText("x", "x")).toBe(0);
    expect(compareNumbersThenText(1e9, "0")).toBe(-1);
  });
});
