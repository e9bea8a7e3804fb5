import { describe, expect, it } from "vitest";
import { parseCsv, parseNumberAt } from "./parseCsv.ts";

const texts = (csv: string): string[][] => parseCsv(csv).records.map((r) => r.cells.map((c) => c.text));

describe("parseCsv(text)", () => {
  it("reads RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes", () => {
    expect(texts('a,"b,c","say ""hi""","two\nlines"\n1,2,3,4\n')).toEqual([
      ["a", "b,c", 'say "hi"', "two\nlines"],
      ["1", "2", "3", "4"],
    ]);
  });
  it("accepts CRLF and CR line breaks, skips blank lines, keeps empty cells", () => {
    expect(texts("a,b\r\n\r\n1,\r\n,2\r3,4")).toEqual([
      ["a", "b"],
      ["1", ""],
      ["", "2"],
      ["3", "4"],
    ]);
  });
  it("keeps a trailing empty cell at the end of the file", () => {
    expect(texts("a,b\n1,")).toEqual([
      ["a", "b"],
      ["1", ""],
    ]);
  });
  it("reports an unterminated quote at the opening quote", () => {
    expect(parseCsv('a,b\n1,"oops\n').error).toEqual({ kind: "unterminated-quote", offset: 6 });
  });
  it("reports text after a closing quote", () => {
    expect(parseCsv('a,"b"x\n').error).toEqual({ kind: "text-after-quote", offset: 5 });
  });
});

describe("parseNumberAt(text, start, end)", () => {
  const num = (s: string): number | undefined => parseNumberAt(s, 0, s.length);
  it("parses decimals exactly like Number", () => {
    for (const s of ["0", "-0.5", "1e-3", "3.14159", "1.6226933508321501e+24", "0.9825423861615943", "123456789012345678", "+2", "1E5", "0.1", "5e-324"]) {
      expect(num(s)).toBe(Number(s));
    }
  });
  it("gives NaN for non-finite tokens and undefined for text", () => {
    for (const s of ["nan", "NaN", "inf", "-inf", "Infinity", "-Infinity", "+inf"]) expect(num(s)).toBeNaN();
    for (const s of ["x", "1.2.3", "1e", "0x10", "", "-", "12abc", "nanx"]) expect(num(s)).toBeUndefined();
  });
  it("allows surrounding spaces", () => {
    expect(num(" 2.5 ")).toBe(2.5);
  });
});
