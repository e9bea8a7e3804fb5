/**
 * Which rows of a table's columns a filter keeps, a byte per row. The page's model and the rows
 * file worker (which filters its own copy of the columns) both call this, so they keep the same
 * rows. Pure and browser-safe.
 */
import type { Expr } from "../query/ast.ts";
import { conditionsOf } from "../query/evaluateExpression.ts";
import { filterMask } from "./columnFilter.ts";
import type { RowsColumns } from "./rowsColumns.ts";

type CellValue = string | number | boolean | null;

/**
 * Per row, 1 where `expr` holds. A plain table's row is read once; a joined row once per run that
 * has it (shared columns and that run's own), so `pred = "cat"` keeps a row where any run predicted cat.
 * `values` is each dictionary entry's value as filters see it.
 */
export function rowsFilterMask(expr: Expr, columns: RowsColumns, values: readonly CellValue[]): Uint8Array {
  const { rowCount, present } = columns;
  const { columns: meta, runs, join } = columns.meta;
  const perRun = join !== null && meta.some((c) => c.run !== null);
  const source = { rowCount, data: columns.data, values };
  const masks = (perRun ? runs : runs.slice(0, 1)).map((_, r) =>
    filterMask(expr, (key) => meta.findIndex((c) => c.key === key && (c.run === null || !perRun || c.run === r)), source),
  );
  if (masks.length === 1 && !(perRun && present)) return masks[0]!;
  const mask = new Uint8Array(rowCount);
  masks.forEach((m, r) => {
    const bit = 1 << r;
    for (let i = 0; i < rowCount; i++) if (m[i] === 1 && (!perRun || !present || (present[i]! & bit) !== 0)) mask[i] = 1;
  });
  return mask;
}

/** The rows a mask keeps, ascending: what the worker hands the page. */
export function maskRows(mask: Uint8Array): Int32Array {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i]!;
  const rows = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] === 1) rows[k++] = i;
  return rows;
}

/**
 * Whether `expr` means the same after a structured clone: a `~` pattern's compiled regex stays
 * beside the AST (query/matchRegex.ts), not in it, so a filter with one is evaluated where it was parsed.
 */
export function filterTravels(expr: Expr): boolean {
  return conditionsOf(expr).every((e) => e.kind !== "match");
}
