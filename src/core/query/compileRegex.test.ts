import { describe, expect, it } from "vitest";
import { compileRegex } from "./compileRegex.ts";
import { evaluateExpression } from "./evaluateExpression.ts";
import { parseExpression } from "./parseExpression.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";

function finds(pattern: string, text: string): boolean {
  const compiled = compileRegex(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.error.message}`);
  return compiled.regex.test(text);
}

function errorOf(pattern: string) {
  const compiled = compileRegex(pattern);
  if (compiled.ok) throw new Error(`${pattern} compiled`);
  return compiled.error;
}

function select(expression: string, names: readonly string[]): string[] {
  const parsed = parseExpression(expression);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return names.filter((name) => evaluateExpression(parsed.expr, makeRun(`p/${name}`)));
}

describe("compileRegex(pattern): catastrophic-backtracking patterns give the right answer", () => {
  // Each of these takes a backtracking engine exponential time on the non-matching inputs.
  it("(a+)+$", () => {
    expect(finds("(a+)+$", `${"a".repeat(34)}!`)).toBe(false);
    expect(finds("(a+)+$", "a".repeat(100))).toBe(true);
    expect(finds("^(a+)+$", `${"a".repeat(99)}b`)).toBe(false);
  });

  it("(a|a)*b", () => {
    expect(finds("(a|a)*b", "a".repeat(60))).toBe(false);
    expect(finds("(a|a)*b", `${"a".repeat(60)}b`)).toBe(true);
    expect(finds("^(a|a)*b$", `${"a".repeat(30)}c`)).toBe(false);
  });

  it("(x+x+)+y", () => {
    expect(finds("(x+x+)+y", "x".repeat(100))).toBe(false);
    expect(finds("(x+x+)+y", `${"x".repeat(40)}y`)).toBe(true);
    expect(finds("(x+x+)+y", `y${"x".repeat(40)}`)).toBe(false);
  });

  it("in an expression: name ~ \"(a+)+$\" against a 34-character name", () => {
    const names = [`${"a".repeat(33)}!`, "a".repeat(34), "baaa"];
    expect(select('name ~ "(a+)+$"', names)).toEqual(["a".repeat(34), "baaa"]);
    expect(select('name !~ "(a+)+$"', names)).toEqual([`${"a".repeat(33)}!`]);
  });
});

describe("compileRegex(pattern): unsupported constructs are positioned EXPR024 errors", () => {
  const NO_LOOKAROUND =
    'RE2 has no lookaround: match the text itself (a(?=b) → ab), or in an expression combine two conditions, e.g. name ~ "a" and name !~ "ab"';
  const cases: [string, { offset: number; length: number; construct: string; hint: string }][] = [
    [
      "(ab)\\1",
      {
        offset: 4,
        length: 2,
        construct: "backreference '\\1'",
        hint: "RE2 cannot match again what a group matched: write the text out again ((ab)\\1 → (ab)ab) or list the cases with |",
      },
    ],
    [
      "(?<w>x)-\\k<w>",
      {
        offset: 8,
        length: 5,
        construct: "backreference '\\k<w>'",
        hint: "RE2 cannot match again what a group matched: write the text out again ((ab)\\1 → (ab)ab) or list the cases with |",
      },
    ],
    ["lr(?=-3)", { offset: 2, length: 3, construct: "lookahead '(?='", hint: NO_LOOKAROUND }],
    ["lr(?!-3)", { offset: 2, length: 3, construct: "negative lookahead '(?!'", hint: NO_LOOKAROUND.replace("a(?=b) → ab", "a(?!b) → a and a condition that rejects ab") }],
    ["(?<=lr)-3", { offset: 0, length: 4, construct: "lookbehind '(?<='", hint: NO_LOOKAROUND.replace("a(?=b) → ab", "(?<=a)b → ab") }],
    ["x(?<!lr)-3", { offset: 1, length: 4, construct: "negative lookbehind '(?<!'", hint: NO_LOOKAROUND.replace("a(?=b) → ab", "(?<!a)b → b and a condition that rejects ab") }],
    ["a++b", { offset: 1, length: 2, construct: "possessive quantifier '++'", hint: "write +: RE2 never backtracks, so a plain quantifier cannot blow up" }],
    ["a{2,5}+", { offset: 1, length: 6, construct: "possessive quantifier '{2,5}+'", hint: "write {2,5}: RE2 never backtracks, so a plain quantifier cannot blow up" }],
    ["(?>ab|a)c", { offset: 0, length: 3, construct: "atomic group '(?>'", hint: "write a plain group (?:…): RE2 never backtracks, so it needs no atomic groups" }],
    ["caf\\u00e9", { offset: 3, length: 6, construct: "JavaScript escape '\\u00e9'", hint: "write \\x{00e9} (or the character itself)" }],
    ["\\u{1F600}", { offset: 0, length: 9, construct: "JavaScript escape '\\u{1F600}'", hint: "write \\x{1F600} (or the character itself)" }],
    ["\\cJ", { offset: 0, length: 3, construct: "control escape '\\cJ'", hint: "write \\x0A" }],
  ];
  for (const [pattern, want] of cases) {
    it(pattern, () => {
      expect(errorOf(pattern)).toEqual({
        code: "EXPR024",
        message: `unsupported in regular expressions: ${want.construct} (patterns use RE2 syntax, which matches in linear time)`,
        hint: want.hint,
        offset: want.offset,
        length: want.length,
      });
    });
  }

  it("names the other backtracking-engine features it leaves out", () => {
    const named: [string, number, string][] = [
      ["a\\Z", 1, "escape '\\Z'"],
      ["x(?#note)", 1, "comment group '(?#'"],
      ["[\\b]", 1, "backspace escape '[\\b]'"],
      ["(?R)", 0, "recursion '(?R'"],
      ["(?(1)a|b)", 0, "conditional group '(?('"],
      ["a\\G", 1, "escape '\\G'"],
    ];
    for (const [pattern, offset, construct] of named) {
      expect(errorOf(pattern), pattern).toMatchObject({ code: "EXPR024", offset, message: expect.stringContaining(`: ${construct} (`) });
    }
  });

  it("finds the construct itself, not an escaped look-alike before it", () => {
    expect(errorOf("\\\\1(a)\\1")).toMatchObject({ code: "EXPR024", offset: 6, length: 2 });
    expect(errorOf("\\(?=x(?=y)")).toMatchObject({ code: "EXPR024", offset: 5, length: 3 });
  });

  it("other syntax errors are EXPR016 at the offending text", () => {
    expect(errorOf("a(b(c)")).toMatchObject({ code: "EXPR016", offset: 1, length: 1, message: "invalid regular expression: missing closing ) for this (" });
    expect(errorOf("(a)b)")).toMatchObject({ code: "EXPR016", offset: 4, length: 1, message: "invalid regular expression: unexpected ) with no ( to close" });
    expect(errorOf("x[z-a]")).toMatchObject({ code: "EXPR016", offset: 2, length: 3, message: "invalid regular expression: invalid character class range: z-a" });
    expect(errorOf("x*{2}{3}")).toMatchObject({ code: "EXPR016", message: "invalid regular expression: invalid nested repetition operator: *{2}" });
    expect(errorOf("ab\\")).toMatchObject({ code: "EXPR016", offset: 2, length: 1 });
  });

  it("an expression reports the construct at its column in the expression", () => {
    const parsed = parseExpression('state = "finished" and name ~ "^lr(?=-3)"');
    expect(parsed).toEqual({
      ok: false,
      error: expect.objectContaining({ code: "EXPR024", offset: 34, length: 3 }),
    });
  });
});

describe("compileRegex(pattern): ordinary patterns match as before", () => {
  const names = ["lr-3e-4-seed1", "lr-1e-3-seed2", "LR-SWEEP", "baseline", "smoke.test", "café-run", "naïve", "数据-run", "run😀x"];
  const table: [string, string[]][] = [
    ["^lr-", ["lr-3e-4-seed1", "lr-1e-3-seed2"]],
    ["seed\\d$", ["lr-3e-4-seed1", "lr-1e-3-seed2"]],
    ["^lr-\\d+e-\\d", ["lr-3e-4-seed1", "lr-1e-3-seed2"]],
    ["smoke|tmp", ["smoke.test"]],
    ["\\.", ["smoke.test"]],
    ["^[a-z]+$", ["baseline"]],
    ["[^a-z\\d.-]", ["LR-SWEEP", "café-run", "naïve", "数据-run", "run😀x"]],
    ["\\bseed", ["lr-3e-4-seed1", "lr-1e-3-seed2"]],
    ["\\w+\\.\\w+", ["smoke.test"]],
    ["(?i)^lr-sweep$", ["LR-SWEEP"]],
    ["(?i:lr)-[0-9]", ["lr-3e-4-seed1", "lr-1e-3-seed2"]],
    ["é", ["café-run"]],
    ["(?i)CAFÉ", ["café-run"]],
    ["^na.ve$", ["naïve"]],
    ["^\\p{Han}+", ["数据-run"]],
    ["^run.x$", ["run😀x"]],
    ["(?<kind>lr|LR)-", ["lr-3e-4-seed1", "lr-1e-3-seed2", "LR-SWEEP"]],
    ["e-[34]", ["lr-3e-4-seed1", "lr-1e-3-seed2"]],
    ["seed[12]{1}$", ["lr-3e-4-seed1", "lr-1e-3-seed2"]],
    ["^$", []],
    ["", names],
  ];
  for (const [pattern, want] of table) {
    it(`name ~ ${JSON.stringify(pattern)}`, () => {
      expect(names.filter((n) => finds(pattern, n))).toEqual(want);
    });
  }

  it("matches list items and leaves non-strings alone, as before", () => {
    const parsed = parseExpression('tags ~ "^base"');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(evaluateExpression(parsed.expr, makeRun("p/a", { tags: ["x", "baseline"] }))).toBe(true);
    expect(evaluateExpression(parsed.expr, makeRun("p/a", { tags: ["x"] }))).toBe(false);
    const seed = parseExpression('config.seed ~ "1"');
    if (!seed.ok) throw new Error(seed.error.message);
    expect(evaluateExpression(seed.expr, makeRun("p/a", { config: { seed: 1 } }))).toBe(false);
  });

  it("a quote escaped inside the expression string is a quote in the pattern", () => {
    expect(select('name ~ "\\"x\\""', ['a"x"b', "axb"])).toEqual(['a"x"b']);
  });
});
