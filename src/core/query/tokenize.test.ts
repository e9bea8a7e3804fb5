import { describe, expect, it } from "vitest";
import { exprMessages } from "./messages.ts";
import { tokenize, type Token } from "./tokenize.ts";

function tokens(source: string): Token[] {
  const result = tokenize(source);
  if (!result.ok) throw new Error(`unexpected error: ${result.error.message}`);
  return result.tokens;
}

function brief(source: string): string[] {
  return tokens(source).map((t) => `${t.kind}:${t.text}@${t.start}-${t.end}`);
}

function errorOf(source: string) {
  const result = tokenize(source);
  if (result.ok) throw new Error(`expected an error for ${source}`);
  return result.error;
}

describe("tokenize(source)", () => {
  it("gives every token its kind, text and offsets", () => {
    expect(brief('config.lr >= 1e-4 and (tags has "x")')).toEqual([
      "path:config.lr@0-9",
      "op:>=@10-12",
      "number:1e-4@13-17",
      "keyword:and@18-21",
      "punct:(@22-23",
      "path:tags@23-27",
      "keyword:has@28-31",
      'string:"x"@32-35',
      "punct:)@35-36",
      "eof:@36-36",
    ]);
  });

  it("reads number forms", () => {
    const values = tokens("1 -3 .5 3e-4 1E+2 -0.25 2.").map((t) => (t.kind === "number" ? t.value : t.kind));
    expect(values).toEqual([1, -3, 0.5, 3e-4, 100, -0.25, 2, "eof"]);
  });

  it("reads every operator, longest first", () => {
    const ops = tokens("= == != < <= > >= ~ !~ && || !").flatMap((t) => (t.kind === "op" ? [t.value] : []));
    expect(ops).toEqual(["=", "==", "!=", "<", "<=", ">", ">=", "~", "!~", "&&", "||", "!"]);
    expect(brief("a!=b")).toEqual(["path:a@0-1", "op:!=@1-3", "path:b@3-4", "eof:@4-4"]);
  });

  it("matches keywords case-insensitively, but not in backticks", () => {
    const t = tokens("AND Or nOt IN Has TRUE false NULL `and`");
    expect(t.map((x) => (x.kind === "keyword" ? x.value : x.kind))).toEqual(["and", "or", "not", "in", "has", "true", "false", "null", "path", "eof"]);
  });

  it("decodes string escapes in both quote styles and keeps the raw text", () => {
    const [a, b] = tokens(String.raw`"a\"b\\c\n\u0041\u{1F600}" 'it\'s'`);
    expect(a).toMatchObject({ kind: "string", value: 'a"b\\c\nA\u{1F600}', raw: String.raw`a\"b\\c\n\u0041\u{1F600}` });
    expect(b).toMatchObject({ kind: "string", value: "it's" });
  });

  it("records an unknown escape without failing (regexes use the raw text)", () => {
    const [t] = tokens(String.raw`"^\d+$"`);
    expect(t).toMatchObject({ kind: "string", raw: String.raw`^\d+$`, badEscape: { offset: 2, sequence: "\\d" } });
  });

  it("splits paths into segments; '/' stays inside a segment; backticks quote any text", () => {
    const [t] = tokens("summary.val/loss.`x y`z.`a\\`b`");
    expect(t).toMatchObject({ kind: "path", text: "summary.val/loss.`x y`z.`a\\`b`" });
    if (t?.kind !== "path") throw new Error("not a path");
    expect(t.segments).toEqual([
      { value: "summary", start: 0, end: 7, quoted: false },
      { value: "val/loss", start: 8, end: 16, quoted: false },
      { value: "x yz", start: 17, end: 23, quoted: true },
      { value: "a`b", start: 24, end: 30, quoted: true },
    ]);
  });

  it("reports lexical errors with exact offsets", () => {
    expect(errorOf('name = "abc')).toEqual({ ...exprMessages.unterminatedString('"'), offset: 7, length: 1 });
    expect(errorOf("summary.`val loss")).toEqual({ ...exprMessages.unterminatedName(), offset: 8, length: 1 });
    expect(errorOf("summary.``")).toEqual({ ...exprMessages.emptyName(), offset: 8, length: 2 });
    expect(errorOf("a => 1")).toEqual({ ...exprMessages.unknownOperator("=>", ">="), offset: 2, length: 2 });
    expect(errorOf("a & b")).toEqual({ ...exprMessages.unknownOperator("&", "and"), offset: 2, length: 1 });
    expect(errorOf("a = 1k")).toEqual({ ...exprMessages.invalidNumber("1k"), offset: 4, length: 2 });
    expect(errorOf("a = 1.2.3")).toEqual({ ...exprMessages.invalidNumber("1.2.3"), offset: 4, length: 5 });
    expect(errorOf("summary.x < 1e999")).toEqual({ ...exprMessages.numberTooLarge("1e999"), offset: 12, length: 5 });
    expect(errorOf(`a = -${"9".repeat(400)}`)).toEqual({ ...exprMessages.numberTooLarge(`-${"9".repeat(400)}`), offset: 4, length: 401 });
    expect(tokens("a = 1e-999 or a = 1.7e308").map((t) => (t.kind === "number" ? t.value : t.kind))).toEqual(["path", "op", 0, "keyword", "path", "op", 1.7e308, "eof"]);
    expect(errorOf("a = #")).toEqual({ ...exprMessages.unexpectedCharacter("#"), offset: 4, length: 1 });
    expect(errorOf("config.")).toEqual({ ...exprMessages.expected("a key", "end of input", "'config.'"), offset: 7, length: 0 });
  });

  it("suggests backticks for a character glued to a path", () => {
    expect(errorOf("summary.top-1 > 0.5")).toEqual({
      ...exprMessages.unexpectedCharacter("-", "quote names containing '-' with backticks: summary.`top-1`"),
      offset: 11,
      length: 1,
    });
  });
});
