import type { Diagnostic } from "../diagnostics.ts";
import { parseExpression, selectRuns } from "../query/index.ts";
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

/** Parse and apply a run-set expression; errors point at the exact column inside the YAML value. */
export function resolveRunSet(source: RunSetSource | null, allRuns: readonly Run[]): ResolvedRunSet {
  if (!source) return { runs: [...allRuns], expression: null, diagnostics: [], unknownFields: [] };
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
      unknownFields: [],
    };
  }
  const runs = selectRuns(allRuns, parsed.expr);
  const start = runs.length === 0 ? source.yaml.scalarContentOffset(source.path) : undefined;
  const unknown = runs.length === 0
    ? unknownFields(parsed.expr, allRuns).map(({ node, message }) =>
        regionDiagnostic(source.region, start !== undefined ? { offset: start + node.start, length: node.end - node.start } : source.yaml.locateValue(source.path), message, "warning"),
      )
    : [];
  return { runs, expression: source.expression, diagnostics: [], unknownFields: unknown };
}
