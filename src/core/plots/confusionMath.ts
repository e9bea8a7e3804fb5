/**
 * Confusion matrices as a chart shows them: shares of each true class (rows: recall on the
 * diagonal) or of each predicted class (columns: precision on the diagonal), and the cell-wise
 * difference of two runs' matrices.
 */
import { normalizeRows } from "./evalCurves.ts";

export type ConfusionNormalization = "rows" | "columns";

/** Each row (or column) divided by its sum; a row (column) without examples is null throughout. */
export function normalizeMatrix(matrix: readonly (readonly number[])[], by: ConfusionNormalization): (number | null)[][] {
  if (by === "rows") return normalizeRows(matrix);
  const sums = matrix[0]?.map((_, j) => matrix.reduce((s, row) => s + row[j]!, 0)) ?? [];
  return matrix.map((row) => row.map((v, j) => (sums[j]! > 0 ? v / sums[j]! : null)));
}

/** `b − a`, cell by cell (null where either is null). The matrices have the same shape. */
export function matrixDifference(a: readonly (readonly (number | null)[])[], b: readonly (readonly (number | null)[])[]): (number | null)[][] {
  return a.map((row, i) => row.map((v, j) => (v === null || b[i]![j] === null ? null : b[i]![j]! - v)));
}
