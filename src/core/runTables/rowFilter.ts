/**
 * The expression language over table rows: the same parser and evaluator as run-set expressions,
 * with a row's columns as its fields (`pred != "cat" and score > 0.5`, `` `true label` = "dog" ``).
 * A field that names no column is an error with a did-you-mean. Pure and browser-safe: the table
 * script filters with it too.
 */
import { didYouMean } from "../diagnostics.ts";
import type { Expr, FieldNode, ParseResult } from "../query/ast.ts";
import type { RegexCompiler } from "../query/compileRegex.ts";
import { evaluateExpression } from "../query/evaluateExpression.ts";
import { exprMessages } from "../query/messages.ts";
import { parseExpressionWith } from "../query/parser.ts";
import { ExpressionFailure } from "../query/tokenize.ts";
import type { Run } from "../run.ts";

/** A row's values by column name, without a prototype (a column may be called `__proto__`). */
export type RowRecord = Record<string, unknown>;

export function emptyRecord(): RowRecord {
  return Object.create(null) as RowRecord;
}

export function parseRowFilter(source: string, columns: readonly string[], compileRegex: RegexCompiler): ParseResult {
  const known = new Set(columns);
  const parsed = parseExpressionWith(source, compileRegex, (token): FieldNode => {
    const name = token.segments.map((s) => s.value).join(".");
    if (!known.has(name)) throw new ExpressionFailure(exprMessages.unknownColumn(name, didYouMean(name, columns), columns), token.start, token.end - token.start);
    // A column is one key of the row: `config` is the root whose keys the evaluator looks up as written.
    return { kind: "field", path: { root: "config", keys: [name] }, text: token.text, start: token.start, end: token.end };
  });
  if (!parsed.ok) return parsed;
  const has = findHas(parsed.expr);
  if (has) return { ok: false, error: { ...exprMessages.hasInTable(), offset: has.start, length: has.end - has.start } };
  return parsed;
}

function findHas(expr: Expr): Expr | null {
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === "has") return e;
    if (e.kind === "and" || e.kind === "or") stack.push(e.left, e.right);
    else if (e.kind === "not") stack.push(e.operand);
  }
  return null;
}

/** True when `record` satisfies `expr` (parsed by `parseRowFilter`). */
export function rowMatches(expr: Expr, record: RowRecord): boolean {
  // The evaluator reads fields through a run; a row stands in as a run whose `config` is the row.
  return evaluateExpression(expr, { config: record } as unknown as Run);
}
