/**
 * A row filter (the expression language over a table's columns) evaluated a column at a time:
 * each comparison is one tight loop over its column that writes a byte per row, and `and`, `or`
 * and `not` combine those bytes. A comparison on a dictionary column is decided once per distinct
 * cell and looked up per row; one on a number column against a number compares the Float64Array
 * directly. Every answer is the one `compileRowFilter` gives on the same cell (each comparison is
 * delegated to it), so a page filtering 100,000 rows this way keeps the rows the build would.
 * Pure and browser-safe.
 */
import type { CompareExpr, Expr } from "../query/ast.ts";
import { chain, compileRowFilter } from "./rowFilter.ts";
import type { ColumnData } from "./rowsColumns.ts";

type CellValue = string | number | boolean | null;

export interface FilterColumns {
  rowCount: number;
  data: readonly ColumnData[];
  /** Each dictionary entry's value as filters see it. */
  values: readonly CellValue[];
}

/** Per row, 1 where `expr` holds with each column named read from `slotOf`'s column (-1: no such column, never a match). */
export function filterMask(expr: Expr, slotOf: (column: string) => number, columns: FilterColumns): Uint8Array {
  const n = columns.rowCount;
  const evaluate = (e: Expr): Uint8Array => {
    switch (e.kind) {
      case "and":
      case "or": {
        const parts = chain(e);
        const out = evaluate(parts[0]!);
        for (const part of parts.slice(1)) {
          const m = evaluate(part);
          if (e.kind === "and") for (let i = 0; i < n; i++) out[i]! &= m[i]!;
          else for (let i = 0; i < n; i++) out[i]! |= m[i]!;
        }
        return out;
      }
      case "not": {
        const out = evaluate(e.operand);
        for (let i = 0; i < n; i++) out[i] = out[i]! ^ 1;
        return out;
      }
      case "has":
        // Rejected by `parseRowFilter`; a cell holds no list.
        return new Uint8Array(n);
      default:
        return leafMask(e, slotOf, columns);
    }
  };
  return evaluate(expr);
}

/** One comparison (`compare`, `in`, `match`) over its column. */
function leafMask(e: Exclude<Expr, { kind: "and" | "or" | "not" | "has" }>, slotOf: (column: string) => number, columns: FilterColumns): Uint8Array {
  const n = columns.rowCount;
  const out = new Uint8Array(n);
  const column = columns.data[slotOf(e.field.path.keys[0]!)];
  // A column the row does not have matches nothing, negated or not.
  if (!column) return out;
  // The comparison on one value: the row filter's own answer, on a row that is that value.
  const test = compileRowFilter<CellValue>(e, () => 0, (value) => value);
  if (column.kind === "codes") {
    const hit = Uint8Array.from(columns.values, (v) => (test(v) ? 1 : 0));
    const codes = column.codes;
    for (let i = 0; i < n; i++) out[i] = hit[codes[i]!]!;
    return out;
  }
  const { values, gaps } = column;
  const numeric = numberTest(e);
  if (numeric) for (let i = 0; i < n; i++) out[i] = numeric(values[i]!) ? 1 : 0;
  else for (let i = 0; i < n; i++) out[i] = test(values[i]!) ? 1 : 0;
  if (gaps) {
    const gap = test(null) ? 1 : 0;
    for (let i = 0; i < n; i++) if (gaps[i] === 1) out[i] = gap;
  }
  return out;
}

/** A number compared with a number, as the row filter compares them (NaN equals nothing, so `!=` holds); null otherwise. */
function numberTest(e: Expr): ((x: number) => boolean) | null {
  if (e.kind !== "compare" || typeof e.value.value !== "number") return null;
  const y = e.value.value;
  const ops: Record<CompareExpr["op"], (x: number) => boolean> = {
    "=": (x) => x === y,
    "!=": (x) => x !== y,
    "<": (x) => x < y,
    "<=": (x) => x <= y,
    ">": (x) => x > y,
    ">=": (x) => x >= y,
  };
  return ops[e.op];
}
