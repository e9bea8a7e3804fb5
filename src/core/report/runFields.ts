import { getField, parseFieldPath, type FieldPath } from "../query/index.ts";
import type { Run } from "../run.ts";

// The chart block reads the catalog under these names; the fields themselves live in query/fields.ts.
export { fieldLabelsOfRuns as knownFields, flattenConfig } from "../query/fields.ts";

/**
 * A chart field as written: a field path (`config.lr`, `summary.val/loss`, `group`), or a bare
 * metric name, which means its summary value (`val/loss` → `summary.val/loss`).
 */
export function parseChartField(text: string): ReturnType<typeof parseFieldPath> {
  const direct = parseFieldPath(text);
  if (direct.ok) return direct;
  const asMetric = parseFieldPath(`summary.${text}`);
  return asMetric.ok ? asMetric : direct;
}

export function hasField(runs: readonly Run[], path: FieldPath): boolean {
  return runs.some((r) => getField(r, path) !== undefined);
}
