/**
 * Run ids a run-set expression names (`id = "p/a"`, `id in ["p/a", "p/b"]`) that no run has: a
 * renamed or deleted run silently drops out of a report's tables and charts, so `runfolio check`
 * warns at the id, with the nearest existing id.
 */
import { didYouMean, type Diagnostic } from "../../diagnostics.ts";
import type { RunSetSource } from "../../blocks/blockTypes.ts";
import { conditionsOf, parseExpression } from "../../query/index.ts";
import type { Expr, LiteralNode } from "../../query/ast.ts";
import type { Run } from "../../run.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { factMessages } from "./factMessages.ts";

function namedIds(expr: Expr): LiteralNode[] {
  const out: LiteralNode[] = [];
  for (const e of conditionsOf(expr)) {
    if (e.field.path.root !== "id") continue;
    if (e.kind === "compare" && (e.op === "=" || e.op === "!=") && typeof e.value.value === "string") out.push(e.value);
    else if (e.kind === "in") for (const v of e.values) if (typeof v.value === "string") out.push(v);
  }
  return out;
}

export function namedRunIdWarnings(source: RunSetSource, runs: readonly Run[]): Diagnostic[] {
  const parsed = parseExpression(source.expression);
  if (!parsed.ok) return [];
  const ids = new Set(runs.map((r) => r.id));
  const start = source.yaml.scalarContentOffset(source.path);
  return namedIds(parsed.expr)
    .filter((literal) => !ids.has(literal.value as string))
    .map((literal) => {
      const span = start !== undefined ? { offset: start + literal.start, length: literal.end - literal.start } : source.yaml.locateValue(source.path);
      return regionDiagnostic(source.region, span, factMessages.missingRunId(literal.value as string, didYouMean(literal.value as string, ids)), "warning");
    });
}
