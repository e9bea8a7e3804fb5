/**
 * Evaluating a parsed expression against runs. Two-valued logic: any condition on a field the run
 * does not have is false (including `!=`, `not in` and `!~`), so `not (config.lr > 1)` is true for
 * a run without `config.lr`.
 */
import type { Run } from "../run.ts";
import type { CompareExpr, Expr, FieldPath } from "./ast.ts";
import { equalsLiteral, orderAgainst } from "./compareValues.ts";
import { regexOf } from "./matchRegex.ts";
import { fieldLabel, getField } from "./fieldPath.ts";

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
      return evaluateExpression(expr.left, run) || evaluateExpression(expr.right, run);
    case "and":
      return evaluateExpression(expr.left, run) && evaluateExpression(expr.right, run);
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

/** Every field `expr` reads, once each (by canonical label), in source order. */
export function referencedFields(expr: Expr): FieldPath[] {
  const seen = new Map<string, FieldPath>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case "or":
      case "and":
        visit(e.left);
        visit(e.right);
        return;
      case "not":
        visit(e.operand);
        return;
      default: {
        const label = fieldLabel(e.field.path);
        if (!seen.has(label)) seen.set(label, e.field.path);
      }
    }
  };
  visit(expr);
  return [...seen.values()];
}
