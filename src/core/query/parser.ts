/**
 * Recursive-descent parser for run-set expressions. Grammar (see docs/expressions.md):
 *
 *   expression = or ;  or = and { ("or" | "||") and } ;  and = unary { ("and" | "&&") unary } ;
 *   unary = ("not" | "!") unary | primary ;  primary = "(" expression ")" | condition | "has" value ;
 *   condition = field ( compare value | ["not"] "in" list | ("~" | "!~") string | "has" value ) ;
 *
 * Besides syntax, it checks what can be checked without runs: field names, regexes, dates
 * compared with `created`, run states, and operators that cannot apply (`tags = "x"`, `< null`).
 */
import { didYouMean, type Message } from "../diagnostics.ts";
import { RUN_STATES } from "../run.ts";
import type { ComparisonOperator, Expr, FieldNode, LiteralNode, MatchExpr, ParseResult } from "./ast.ts";
import { canonicalDate } from "./compareValues.ts";
import type { RegexCompiler } from "./compileRegex.ts";
import { regexOf, rememberRegex } from "./matchRegex.ts";
import { fieldFromToken, isKnownRoot, SCALAR_FIELDS } from "./fieldPath.ts";
import { exprMessages, OPERATOR_LIST } from "./messages.ts";
import { describeToken, ExpressionFailure, Lexer, type Keyword, type Operator, type Punctuation, type Token } from "./tokenize.ts";
import { ownValue } from "../ownRecord.ts";

const COMPARISONS: Partial<Record<Operator, ComparisonOperator>> = {
  "=": "=",
  "==": "=",
  "!=": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};

/** Words people reach for from SQL or other query languages, and what to write instead. */
const OPERATOR_WORD_HINTS: Record<string, string> = {
  is: "use = or != (e.g. group = null)",
  contains: 'use has for lists (tags has "x") or ~ for text (name ~ "x")',
  like: 'use ~ with a regular expression (name ~ "^lr-")',
  matches: 'use ~ with a regular expression (name ~ "^lr-")',
  between: "use two comparisons: x >= a and x <= b",
};

const BARE_WORD = /[^\s()[\],]+/y;

/** Nesting of `not` and parentheses allowed, so hostile input fails with a message, not a stack overflow. */
export const MAX_NESTING = 200;

function isKeyword(t: Token, ...words: Keyword[]): boolean {
  return t.kind === "keyword" && words.includes(t.value);
}

function isOp(t: Token, ...ops: Operator[]): boolean {
  return t.kind === "op" && ops.includes(t.value);
}

function isPunct(t: Token, p: Punctuation): boolean {
  return t.kind === "punct" && t.value === p;
}

/** Turns a path token into a field, or throws the error that explains why it is not one. */
export type FieldResolver = (token: Extract<Token, { kind: "path" }>) => FieldNode;

class Parser {
  private readonly source: string;
  private readonly lexer: Lexer;
  private prev: Token | undefined;
  private readonly compileRegex: RegexCompiler;
  private readonly fieldOf: FieldResolver;
  private depth = 0;

  constructor(source: string, compileRegex: RegexCompiler, fieldOf: FieldResolver) {
    this.source = source;
    this.lexer = new Lexer(source);
    this.compileRegex = compileRegex;
    this.fieldOf = fieldOf;
  }

  parse(): Expr {
    if (this.peek().kind === "eof") this.fail(exprMessages.emptyExpression(), 0, 0);
    const expr = this.parseOr();
    const t = this.peek();
    if (t.kind !== "eof") {
      if (isPunct(t, ")")) this.failAt(exprMessages.unmatchedParenthesis(), t);
      this.failTrailing(t, false);
    }
    return expr;
  }

  private peek(n = 0): Token {
    return this.lexer.peek(n);
  }

  private next(): Token {
    this.prev = this.lexer.next();
    return this.prev;
  }

  private after(): string | undefined {
    return this.prev ? `'${this.prev.text}'` : undefined;
  }

  private fail(message: Message, offset: number, length: number): never {
    throw new ExpressionFailure(message, offset, length);
  }

  private failAt(message: Message, span: { start: number; end: number }): never {
    return this.fail(message, span.start, span.end - span.start);
  }

  private failTrailing(t: Token, insideParentheses: boolean): never {
    const word = t.kind === "path" && t.segments.length === 1 ? t.text.toLowerCase() : undefined;
    const suggestion = word !== undefined ? didYouMean(word, ["and", "or"]) : undefined;
    return this.failAt(exprMessages.trailingInput(describeToken(t), insideParentheses, suggestion), t);
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (isKeyword(this.peek(), "or") || isOp(this.peek(), "||")) {
      this.next();
      const right = this.parseAnd();
      left = { kind: "or", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseUnary();
    while (isKeyword(this.peek(), "and") || isOp(this.peek(), "&&")) {
      this.next();
      const right = this.parseUnary();
      left = { kind: "and", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): Expr {
    const t = this.peek();
    if (++this.depth > MAX_NESTING) this.failAt(exprMessages.tooDeep(MAX_NESTING), t);
    try {
      if (isKeyword(t, "not") || isOp(t, "!")) {
        this.next();
        const operand = this.parseUnary();
        return { kind: "not", operand, start: t.start, end: operand.end };
      }
      return this.parsePrimary();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    if (isPunct(t, "(")) {
      this.next();
      const inner = this.parseOr();
      const close = this.peek();
      if (isPunct(close, ")")) {
        this.next();
        const wrapped = { ...inner, start: t.start, end: close.end };
        // The copy is a new node: its compiled pattern must follow it (kept by node identity).
        if (inner.kind === "match") {
          const regex = regexOf(inner);
          if (regex) rememberRegex(wrapped as MatchExpr, regex);
        }
        return wrapped;
      }
      if (close.kind === "eof") this.fail(exprMessages.unclosedParenthesis(), t.start, 1);
      this.failTrailing(close, true);
    }
    if (isKeyword(t, "has")) {
      this.next();
      const value = this.parseValue(t);
      const field: FieldNode = { kind: "field", path: { root: "tags", keys: [] }, text: "tags", start: t.start, end: t.start };
      return { kind: "has", field, value, start: t.start, end: value.end };
    }
    if (t.kind === "path") return this.parseCondition(t);
    const found = describeToken(t);
    if (t.kind === "number" || t.kind === "string" || isKeyword(t, "true", "false", "null")) {
      this.failAt(exprMessages.expected("a field", found, this.after(), "a condition starts with a field, e.g. config.lr >= 1e-4"), t);
    }
    return this.failAt(exprMessages.expected("a condition", found, this.after()), t);
  }

  private parseCondition(fieldToken: Extract<Token, { kind: "path" }>): Expr {
    this.next();
    const field = this.fieldOf(fieldToken);
    const opTok = this.peek();
    const comparison = opTok.kind === "op" ? COMPARISONS[opTok.value] : undefined;
    if (comparison !== undefined) {
      this.next();
      const value = this.parseValue(opTok);
      this.checkComparison(field, opTok, comparison, value);
      return { kind: "compare", op: comparison, field, value, start: field.start, end: value.end };
    }
    if (isOp(opTok, "~", "!~")) {
      this.next();
      const pattern = this.next();
      if (pattern.kind !== "string") {
        const hint = `write the pattern in quotes, e.g. ${field.text} ~ "^lr-"`;
        return this.failAt(exprMessages.expected("a quoted regular expression", describeToken(pattern), `'${opTok.text}'`, hint), pattern);
      }
      const compiled = this.compileRegex(pattern.raw);
      if (!compiled.ok) {
        // The raw pattern starts right after the opening quote.
        const { offset, length, ...message } = compiled.error;
        return this.fail(message, pattern.start + 1 + offset, length);
      }
      const node: MatchExpr = {
        kind: "match",
        negated: opTok.text === "!~",
        field,
        pattern: pattern.raw,
        patternStart: pattern.start,
        patternEnd: pattern.end,
        start: field.start,
        end: pattern.end,
      };
      rememberRegex(node, compiled.regex);
      return node;
    }
    if (isKeyword(opTok, "in") || (isKeyword(opTok, "not") && isKeyword(this.peek(1), "in"))) {
      const negated = isKeyword(opTok, "not");
      this.next();
      const inTok = negated ? this.next() : opTok;
      const { values, end } = this.parseList(inTok);
      for (const value of values) this.checkEquality(field, value);
      return { kind: "in", negated, field, values, start: field.start, end };
    }
    if (isKeyword(opTok, "not")) {
      this.next();
      const second = this.peek();
      const hint = `to negate a condition, put not in front of it: not (${field.text} …)`;
      return this.failAt(exprMessages.expected("'in'", describeToken(second), "'not'", hint), second);
    }
    if (isKeyword(opTok, "has")) {
      this.next();
      if (((SCALAR_FIELDS as readonly string[]).includes(field.path.root) && field.path.root !== "tags") || field.path.root === "git") {
        const hint = `has looks inside lists such as tags; for text use ${field.text} ~ "regex" or ${field.text} = "value"`;
        this.failAt(exprMessages.operatorNotApplicable("has", `${field.text}, which is not a list`, hint), opTok);
      }
      const value = this.parseValue(opTok);
      return { kind: "has", field, value, start: field.start, end: value.end };
    }
    return this.failAt(exprMessages.expected(`an operator (${OPERATOR_LIST})`, describeToken(opTok), `'${field.text}'`, this.operatorHint(field, opTok)), opTok);
  }

  private operatorHint(field: FieldNode, t: Token): string | undefined {
    if (t.kind === "path" && t.segments.length === 1 && !t.segments[0]!.quoted) {
      const word = t.text.toLowerCase();
      const special = ownValue(OPERATOR_WORD_HINTS, word);
      if (special !== undefined) return special;
      const suggestion = didYouMean(word, ["in", "has", "not"]);
      if (suggestion !== undefined) return `did you mean '${suggestion}'?`;
    }
    if (t.kind === "string" || t.kind === "number") return `add an operator, e.g. ${field.text} = ${t.text}`;
    if (t.kind === "eof") return `to test a boolean, write ${field.text} = true`;
    return undefined;
  }

  private parseValue(opTok: Token): LiteralNode {
    const t = this.next();
    const literal = (value: LiteralNode["value"]): LiteralNode => ({ kind: "literal", value, start: t.start, end: t.end });
    switch (t.kind) {
      case "number":
        return literal(t.value);
      case "string":
        if (t.badEscape) this.fail(exprMessages.invalidEscape(t.badEscape.sequence), t.badEscape.offset, t.badEscape.sequence.length);
        return literal(t.value);
      case "keyword":
        if (t.value === "true") return literal(true);
        if (t.value === "false") return literal(false);
        if (t.value === "null") return literal(null);
        break;
      case "path": {
        if (isKnownRoot(t.segments[0]!.value)) this.failAt(exprMessages.fieldAsValue(opTok.text, t.text), t);
        BARE_WORD.lastIndex = t.start;
        const word = BARE_WORD.exec(this.source)?.[0] ?? t.text;
        this.failAt(exprMessages.unquotedText(opTok.text, word), t);
      }
    }
    return this.failAt(exprMessages.expected("a value", describeToken(t), `'${opTok.text}'`), t);
  }

  private parseList(inTok: Token): { values: LiteralNode[]; end: number } {
    const open = this.next();
    if (!isPunct(open, "[")) {
      this.failAt(exprMessages.expected("'['", describeToken(open), `'${inTok.text}'`, 'write a list of values: in ["a", "b"]'), open);
    }
    const values: LiteralNode[] = [];
    for (;;) {
      const t = this.peek();
      if (isPunct(t, "]")) {
        this.next();
        return { values, end: t.end };
      }
      values.push(this.parseValue(this.prev!));
      const sep = this.next();
      if (isPunct(sep, "]")) return { values, end: sep.end };
      if (!isPunct(sep, ",")) {
        const last = values[values.length - 1]!;
        const hint = sep.kind === "eof" ? "close the list with ']'" : "separate list items with ','";
        this.failAt(exprMessages.expected("',' or ']'", describeToken(sep), `'${this.source.slice(last.start, last.end)}'`, hint), sep);
      }
    }
  }

  private checkComparison(field: FieldNode, opTok: Token, op: ComparisonOperator, value: LiteralNode): void {
    if (field.path.root === "tags") {
      const hint = 'tags is a list: use tags has "x", tags in ["x", "y"] or tags ~ "regex"';
      this.failAt(exprMessages.operatorNotApplicable(opTok.text, "tags", hint), opTok);
    }
    if (value.value === null && op !== "=" && op !== "!=") {
      const hint = `null only compares with = and != (e.g. ${field.text} != null)`;
      this.failAt(exprMessages.operatorNotApplicable(opTok.text, "null", hint), value);
    }
    if (op === "=" || op === "!=") this.checkEquality(field, value);
    else this.checkDate(field, value);
  }

  /** Checks for `=`, `!=` and `in` items: a date for `created`, a known state for `state`. */
  private checkEquality(field: FieldNode, value: LiteralNode): void {
    this.checkDate(field, value);
    if (field.path.root === "state" && typeof value.value === "string" && !(RUN_STATES as readonly string[]).includes(value.value)) {
      this.failAt(exprMessages.unknownState(value.value, didYouMean(value.value, RUN_STATES)), value);
    }
  }

  private checkDate(field: FieldNode, value: LiteralNode): void {
    if (field.path.root !== "created" || value.value === null) return;
    if (typeof value.value !== "string" || canonicalDate(value.value) === undefined) {
      this.failAt(exprMessages.invalidDate(this.source.slice(value.start, value.end)), value);
    }
  }
}

/** Parse a run-set expression. Never throws for bad input: errors come back with their offset. */
/**
 * Parses with the given regex compiler, which is called only for `~` / `!~` patterns: the browser
 * passes one it loaded on demand (RE2 is about 46 KB gzipped), everything else `parseExpression`.
 * `fieldOf` says what a field is: a run's (the default), or a table row's (core/runTables/rowFilter.ts).
 */
export function parseExpressionWith(source: string, compileRegex: RegexCompiler, fieldOf: FieldResolver = fieldFromToken): ParseResult {
  try {
    return { ok: true, expr: new Parser(source, compileRegex, fieldOf).parse() };
  } catch (e) {
    if (e instanceof ExpressionFailure) return { ok: false, error: e.error };
    throw e;
  }
}
