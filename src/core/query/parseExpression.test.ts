import { describe, expect, it } from "vitest";
import type { Expr, ExpressionError } from "./ast.ts";
import { fieldLabel } from "./fieldPath.ts";
import { formatExpressionError } from "./formatExpressionError.ts";
import { exprMessages, OPERATOR_LIST } from "./messages.ts";
import { parseExpression } from "./parseExpression.ts";

/** A compact S-expression of the tree, so precedence tests read at a glance. */
function show(e: Expr): string {
  switch (e.kind) {
    case "or":
    case "and":
      return `(${e.kind} ${show(e.left)} ${show(e.right)})`;
    case "not":
      return `(not ${show(e.operand)})`;
    case "compare":
      return `(${e.op} ${fieldLabel(e.field.path)} ${JSON.stringify(e.value.value)})`;
    case "in":
      return `(${e.negated ? "not-in" : "in"} ${fieldLabel(e.field.path)} [${e.values.map((v) => JSON.stringify(v.value)).join(" ")}])`;
    case "match":
      return `(${e.negated ? "!~" : "~"} ${fieldLabel(e.field.path)} ${JSON.stringify(e.pattern)})`;
    case "has":
      return `(has ${fieldLabel(e.field.path)} ${JSON.stringify(e.value.value)})`;
  }
}

function parse(source: string): Expr {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`unexpected error: ${formatExpressionError(source, result.error)}`);
  return result.expr;
}

function tree(source: string): string {
  return show(parse(source));
}

function errorOf(source: string): ExpressionError {
  const result = parseExpression(source);
  if (result.ok) throw new Error(`expected an error for ${source}`);
  return result.error;
}

describe("parseExpression(source): structure", () => {
  it("parses the design example", () => {
    expect(tree('project = "nanogpt" and config.lr >= 1e-4 and tags has "baseline"')).toBe(
      '(and (and (= project "nanogpt") (>= config.lr 0.0001)) (has tags "baseline"))',
    );
  });

  it("binds and tighter than or, not tighter than and", () => {
    expect(tree("name = 1 or name = 2 and name = 3")).toBe("(or (= name 1) (and (= name 2) (= name 3)))");
    expect(tree("name = 1 and name = 2 or name = 3")).toBe("(or (and (= name 1) (= name 2)) (= name 3))");
    expect(tree("not name = 1 and name = 2")).toBe("(and (not (= name 1)) (= name 2))");
    expect(tree("not not name = 1")).toBe("(not (not (= name 1)))");
    expect(tree("name = 1 or name = 2 or name = 3")).toBe("(or (or (= name 1) (= name 2)) (= name 3))");
  });

  it("accepts &&, || and ! as synonyms", () => {
    expect(tree("!name = 1 && name = 2 || name = 3")).toBe(tree("not name = 1 and name = 2 or name = 3"));
  });

  it("lets parentheses override precedence and widens the span to include them", () => {
    expect(tree("(name = 1 or name = 2) and name = 3")).toBe("(and (or (= name 1) (= name 2)) (= name 3))");
    expect(tree("not (name = 1 or name = 2)")).toBe("(not (or (= name 1) (= name 2)))");
    const e = parse(" ( (name = 1) ) ");
    expect([e.start, e.end]).toEqual([1, 15]);
  });

  it("parses every comparison operator; == is =", () => {
    for (const [op, canonical] of [["=", "="], ["==", "="], ["!=", "!="], ["<", "<"], ["<=", "<="], [">", ">"], [">=", ">="]]) {
      expect(tree(`duration ${op} 10`)).toBe(`(${canonical} duration 10)`);
    }
  });

  it("parses in, not in, ~, !~, has and the bare has", () => {
    expect(tree('group in ["a", 1, true, null,]')).toBe('(in group ["a" 1 true null])');
    expect(tree("group not in []")).toBe("(not-in group [])");
    expect(tree(String.raw`name ~ "^lr-\d+\"x"`)).toBe(`(~ name ${JSON.stringify(String.raw`^lr-\d+\"x`)})`);
    expect(tree('name !~ "seed"')).toBe('(!~ name "seed")');
    expect(tree('has "baseline"')).toBe('(has tags "baseline")');
    expect(tree("config.layers has 3")).toBe("(has config.layers 3)");
  });

  it("resolves aliases, backticks and metric names with / and .", () => {
    expect(tree("params.optimizer.lr < 1")).toBe("(< config.optimizer.lr 1)");
    expect(tree("metrics.val/loss < 1")).toBe("(< summary.val/loss 1)");
    expect(tree("summary.eval.acc > .5")).toBe("(> summary.eval.acc 0.5)");
    expect(tree("summary.`val loss (avg)` < 1")).toBe("(< summary.`val loss (avg)` 1)");
    expect(tree("config.`a.b` = 1")).toBe("(= config.`a.b` 1)");
    expect(tree('git.branch = "main"')).toBe('(= git.branch "main")');
  });

  it("reads literals: negative and exponent numbers, quotes, booleans, null", () => {
    expect(tree("config.x = -3e-4 or config.y = 'a\\'b' or config.z = FALSE or group = null")).toBe(
      '(or (or (or (= config.x -0.0003) (= config.y "a\'b")) (= config.z false)) (= group null))',
    );
  });

  it("records field and literal spans", () => {
    const e = parse('  summary.val/loss <= "3"');
    expect(e).toMatchObject({ kind: "compare", start: 2, end: 25, field: { start: 2, end: 18, text: "summary.val/loss" }, value: { start: 22, end: 25, value: "3" } });
  });
});

describe("parseExpression(source): errors", () => {
  it("rejects empty input", () => {
    expect(errorOf("")).toEqual({ ...exprMessages.emptyExpression(), offset: 0, length: 0 });
    expect(errorOf("   ").code).toBe("EXPR001");
  });

  it("names what was expected after what, at the end of input", () => {
    expect(errorOf("config.lr >=")).toEqual({ ...exprMessages.expected("a value", "end of input", "'>='"), offset: 12, length: 0 });
    expect(errorOf("config.lr >=").message).toBe("expected a value after '>=', found end of input");
    expect(errorOf('name = "x" and')).toEqual({ ...exprMessages.expected("a condition", "end of input", "'and'"), offset: 14, length: 0 });
  });

  it("points an unclosed parenthesis at the opening one, a stray one at itself", () => {
    expect(errorOf("name = 1 and (name = 2 or (name = 3)")).toEqual({ ...exprMessages.unclosedParenthesis(), offset: 13, length: 1 });
    expect(errorOf("name = 1)")).toEqual({ ...exprMessages.unmatchedParenthesis(), offset: 8, length: 1 });
    expect(errorOf("(name = 1 name = 2)")).toEqual({ ...exprMessages.trailingInput("'name'", true, undefined), offset: 10, length: 4 });
    expect(errorOf("()")).toEqual({ ...exprMessages.expected("a condition", "')'", "'('"), offset: 1, length: 1 });
  });

  it("reports trailing tokens with a did-you-mean for keyword typos", () => {
    expect(errorOf("name = 1 adn id = 2")).toEqual({ ...exprMessages.trailingInput("'adn'", false, "and"), offset: 9, length: 3 });
    expect(errorOf("name = 1 2")).toEqual({ ...exprMessages.trailingInput("number 2", false, undefined), offset: 9, length: 1 });
  });

  it("suggests a known field for an unknown root", () => {
    expect(errorOf("confg.lr > 1")).toEqual({ ...exprMessages.unknownField("confg", "config.lr"), offset: 0, length: 5 });
    expect(errorOf("confg.lr > 1").hint).toBe("did you mean config.lr?");
    expect(errorOf("name = 1 or val/loss < 2")).toEqual({ ...exprMessages.unknownField("val/loss", "summary.val/loss"), offset: 12, length: 8 });
    expect(errorOf("lr < 2").hint).toBe("did you mean config.lr or summary.lr?");
    expect(errorOf("config > 1")).toEqual({ ...exprMessages.fieldNeedsKey("config"), offset: 0, length: 6 });
    expect(errorOf("name.first = 1")).toEqual({ ...exprMessages.fieldHasNoKeys("name"), offset: 4, length: 6 });
    expect(errorOf('git.brnch = "main"')).toEqual({ ...exprMessages.unknownGitKey("brnch", "branch"), offset: 4, length: 5 });
  });

  it("explains a missing or unknown operator", () => {
    expect(errorOf('tags hs "x"')).toEqual({
      ...exprMessages.expected(`an operator (${OPERATOR_LIST})`, "'hs'", "'tags'", "did you mean 'has'?"),
      offset: 5,
      length: 2,
    });
    expect(errorOf("config.use_amp").hint).toBe("to test a boolean, write config.use_amp = true");
    // A word named like an Object property is no operator hint (it once read one off the prototype).
    expect(errorOf("name constructor 1").hint).toBeUndefined();
    expect(errorOf("name toString 1").hint).toBeUndefined();
    expect(errorOf("name <> 1")).toEqual({ ...exprMessages.unknownOperator("<>", "!="), offset: 5, length: 2 });
    expect(errorOf("config.x not has 1")).toMatchObject({ code: "EXPR008", offset: 13, length: 3 });
  });

  it("rejects unquoted text and field-to-field comparisons", () => {
    expect(errorOf("name = lr-3e-4 and id = 1")).toEqual({ ...exprMessages.unquotedText("=", "lr-3e-4"), offset: 7, length: 2 });
    expect(errorOf("config.lr = params.lr")).toEqual({ ...exprMessages.fieldAsValue("=", "params.lr"), offset: 12, length: 9 });
    expect(errorOf("1 = name")).toMatchObject({ code: "EXPR008", message: "expected a field, found number 1", offset: 0, length: 1 });
  });

  it("reports an invalid regex inside the pattern string, at the offending character", () => {
    const e = errorOf('name = "a" or name ~ "(lr"');
    expect(e).toMatchObject({ code: "EXPR016", offset: 22, length: 1, message: "invalid regular expression: missing closing ) for this (" });
    expect(e.message).toContain("invalid regular expression");
    expect(errorOf("name ~ lr")).toMatchObject({ code: "EXPR008", message: "expected a quoted regular expression after '~', found 'lr'" });
  });

  it("reports an unknown escape where the string is used as a value", () => {
    expect(errorOf('name = "a\\qb"')).toEqual({ ...exprMessages.invalidEscape("\\q"), offset: 9, length: 2 });
  });

  it("checks dates for created, states for state, and operators that cannot apply", () => {
    expect(errorOf('created >= "2026-02-30"')).toEqual({ ...exprMessages.invalidDate('"2026-02-30"'), offset: 11, length: 12 });
    expect(errorOf("created >= 2026")).toEqual({ ...exprMessages.invalidDate("2026"), offset: 11, length: 4 });
    expect(errorOf('state in ["running", "finishd"]')).toEqual({ ...exprMessages.unknownState("finishd", "finished"), offset: 21, length: 9 });
    expect(errorOf('tags = "x"')).toMatchObject({ code: "EXPR019", offset: 5, length: 1 });
    expect(errorOf("group < null")).toMatchObject({ code: "EXPR019", offset: 8, length: 4 });
    expect(errorOf('name has "x"')).toMatchObject({ code: "EXPR019", offset: 5, length: 3 });
  });

  it("limits nesting instead of overflowing the stack", () => {
    expect(errorOf("(".repeat(100_000) + "name = 1")).toEqual({ ...exprMessages.tooDeep(200), offset: 200, length: 1 });
    expect(tree("not ".repeat(150) + "name = 1").startsWith("(not (not ")).toBe(true);
  });

  it("reports the first problem in source order", () => {
    expect(errorOf('confg.lr > 1 and name = "unterminated').code).toBe("EXPR012");
  });
});

describe("formatExpressionError(source, error)", () => {
  it("shows the line and a caret under the span, then the hint", () => {
    const source = "confg.lr > 1";
    expect(formatExpressionError(source, errorOf(source))).toBe(
      ["EXPR012: unknown field 'confg'", "  1 | confg.lr > 1", "      ^^^^^", "  hint: did you mean config.lr?"].join("\n"),
    );
  });

  it("puts one caret at the end of input and finds the right line", () => {
    expect(formatExpressionError("config.lr >=", errorOf("config.lr >="))).toBe(
      ["EXPR008: expected a value after '>=', found end of input", "  1 | config.lr >=", "                  ^"].join("\n"),
    );
    const multi = 'name = "a"\n  and tags hs "b"';
    expect(formatExpressionError(multi, errorOf(multi)).split("\n").slice(1, 3)).toEqual(['  2 |   and tags hs "b"', "                 ^^"]);
  });
});
