/**
 * Evaluating a parsed expression against runs. Two-valued logic: any condition on a field the run
 * does not have is false (including `!=`, `not in` and `!~`), so `not (config.lr > 1)` is true for
 * a run without `config.lr`.
 */
import type { Run } from "../run.ts";
import type { AndExpr, CompareExpr, Expr, FieldPath, HasExpr, InExpr, MatchExpr, OrExpr } from "./ast.ts";
import { equalsLiteral, orderAgainst } from "./compareValues.ts";
import { regexOf } from "./matchRegex.ts";
import { fieldLabel, getField } from "./fieldPath.ts";

const chains = new WeakMap<AndExpr | OrExpr, Expr[]>();

/**
 * The operands of a chain of `and` (or of `or`) in source order. `a and b and … ` is as deep as it
 * is long (parentheses and `not` are limited, chains are not), so it is walked without recursion.
 */
function chainOperands(expr: AndExpr | OrExpr): Expr[] {
  let list = chains.get(expr);
  if (list) return list;
  list = [];
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === expr.kind) stack.push((e as AndExpr | OrExpr).right, (e as AndExpr | OrExpr).left);
    else list.push(e);
  }
  chains.set(expr, list);
  return list;
}

/** Elements of a list value, or the value itself: `in`, `~` and `has` look inside lists. */
function items(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

function evaluateCompare(expr: CompareExpr, run: Run): boolean {
  const value = getField(run, expr.field.path);
  if (value === undefined) return false;
  const root = expr.field.path.root;
  const literal = expr.value.value;
  if (expr.op === "=") return equalsLiteral(value, literal, root);
  if (expr.op === "!=") return !equalsLiteral(value, literal, root);
  const order = orderAgainst(value, literal, root);
  if (order === undefined) return false;
  if (expr.op === "<") return order < 0;
  if (expr.op === "<=") return order <= 0;
  if (expr.op === ">") return order > 0;
  return order >= 0;
}

export function evaluateExpression(expr: Expr, run: Run): boolean {
  switch (expr.kind) {
    case "or":
      return chainOperands(expr).some((e) => evaluateExpression(e, run));
    case "and":
      return chainOperands(expr).every((e) => evaluateExpression(e, run));
    case "not":
      return !evaluateExpression(expr.operand, run);
    case "compare":
      return evaluateCompare(expr, run);
    case "in": {
      const value = getField(run, expr.field.path);
      if (value === undefined) return false;
      const root = expr.field.path.root;
      const hit = items(value).some((v) => expr.values.some((l) => equalsLiteral(v, l.value, root)));
      return expr.negated ? !hit : hit;
    }
    case "match": {
      const value = getField(run, expr.field.path);
      if (value === undefined) return false;
      // A `~` node not made by the parser has no compiled pattern and matches nothing.
      const re = regexOf(expr);
      if (re === undefined) return false;
      const hit = items(value).some((v) => typeof v === "string" && re.test(v));
      return expr.negated ? !hit : hit;
    }
    case "has": {
      const value = getField(run, expr.field.path);
      if (!Array.isArray(value)) return false;
      return value.some((v) => equalsLiteral(v, expr.value.value, expr.field.path.root));
    }
  }
}

/** The runs `expr` selects, in input order; `null` selects every run. */
export function selectRuns(runs: readonly Run[], expr: Expr | null): Run[] {
  return expr === null ? [...runs] : runs.filter((run) => evaluateExpression(expr, run));
}

/** A condition of an expression: a node that reads a field. */
export type ConditionExpr = CompareExpr | InExpr | MatchExpr | HasExpr;

/**
 * Every condition of `expr` (under any `and`, `or` and `not`), in source order. Code that looks
 * through an expression uses this instead of recursing: a long `a or b or …` chain is as deep as
 * it is long, and the parser limits only parentheses and `not`.
 */
export function conditionsOf(expr: Expr): ConditionExpr[] {
  const out: ConditionExpr[] = [];
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === "or" || e.kind === "and") stack.push(e.right, e.left);
    else if (e.kind === "not") stack.push(e.operand);
    else out.push(e);
  }
  return out;
}

/** Every field `expr` reads, once each (by canonical label), in source order. */
export function referencedFields(expr: Expr): FieldPath[] {
  const seen = new Map<string, FieldPath>();
  for (const e of conditionsOf(expr)) {
    const label = fieldLabel(e.field.path);
    if (!seen.has(label)) seen.set(label, e.field.path);
  }
  return [...seen.values()];
}
