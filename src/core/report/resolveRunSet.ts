import type { Diagnostic } from "../diagnostics.ts";
import { parseExpression, selectRuns, type ExpressionError } from "../query/index.ts";
import type { Run } from "../run.ts";
import type { RunSetSource } from "../blocks/blockTypes.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import { unknownFields } from "../query/unknownFields.ts";

export interface ResolvedRunSet {
  runs: Run[];
  /** The expression text that chose them, or null for "every run". */
  expression: string | null;
  diagnostics: Diagnostic[];
  /** When it selects nothing: the fields it names that no run has, each a warning with a did-you-mean. */
  unknownFields: Diagnostic[];
}

/** The expression's syntax error, at the exact column inside the YAML value. */
function syntaxDiagnostic(source: RunSetSource, error: ExpressionError): Diagnostic {
  const start = source.yaml.scalarContentOffset(source.path);
  const span = start !== undefined ? { offset: start + error.offset, length: Math.max(1, error.length) } : source.yaml.locateValue(source.path);
  const { code, message, hint } = error;
  return regionDiagnostic(source.region, span, { code, message, ...(hint ? { hint } : {}) });
}

/**
 * The syntax errors of a run-set expression, without applying it: a report's front-matter `runs`
 * is checked even when no block or citation uses it.
 */
export function runSetSyntaxDiagnostics(source: RunSetSource): Diagnostic[] {
  const parsed = parseExpression(source.expression);
  return parsed.ok ? [] : [syntaxDiagnostic(source, parsed.error)];
}

/** Parse and apply a run-set expression; errors point at the exact column inside the YAML value. */
export function resolveRunSet(source: RunSetSource | null, allRuns: readonly Run[]): ResolvedRunSet {
  if (!source) return { runs: [...allRuns], expression: null, diagnostics: [], unknownFields: [] };
  const parsed = parseExpression(source.expression);
  if (!parsed.ok) return { runs: [], expression: source.expression, diagnostics: [syntaxDiagnostic(source, parsed.error)], unknownFields: [] };
  const runs = selectRuns(allRuns, parsed.expr);
  const start = runs.length === 0 ? source.yaml.scalarContentOffset(source.path) : undefined;
  const unknown = runs.length === 0
    ? unknownFields(parsed.expr, allRuns).map(({ node, message }) =>
        regionDiagnostic(source.region, start !== undefined ? { offset: start + node.start, length: node.end - node.start } : source.yaml.locateValue(source.path), message, "warning"),
      )
    : [];
  return { runs, expression: source.expression, diagnostics: [], unknownFields: unknown };
}
