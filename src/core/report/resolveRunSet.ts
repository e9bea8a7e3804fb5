import type { Diagnostic } from "../diagnostics.ts";
import { parseExpression, selectRuns } from "../query/index.ts";
import type { Run } from "../run.ts";
import type { RunSetSource } from "../blocks/blockTypes.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";

export interface ResolvedRunSet {
  runs: Run[];
  /** The expression text that chose them, or null for "every run". */
  expression: string | null;
  diagnostics: Diagnostic[];
}

/** Parse and apply a run-set expression; errors point at the exact column inside the YAML value. */
export function resolveRunSet(source: RunSetSource | null, allRuns: readonly Run[]): ResolvedRunSet {
  if (!source) return { runs: [...allRuns], expression: null, diagnostics: [] };
  const parsed = parseExpression(source.expression);
  if (!parsed.ok) {
    const start = source.yaml.scalarContentOffset(source.path);
    const span =
      start !== undefined
        ? { offset: start + parsed.error.offset, length: Math.max(1, parsed.error.length) }
        : source.yaml.locateValue(source.path);
    const { code, message, hint } = parsed.error;
    return {
      runs: [],
      expression: source.expression,
      diagnostics: [regionDiagnostic(source.region, span, { code, message, ...(hint ? { hint } : {}) })],
    };
  }
  return { runs: selectRuns(allRuns, parsed.expr), expression: source.expression, diagnostics: [] };
}
