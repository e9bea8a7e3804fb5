/**
 * A table's rows as its page works with them: which rows runs disagree on, filtering with the
 * expression language, sorting by a column, the rows of a view. The build renders the first page
 * with it and the page script everything after, so both show the same rows in the same order.
 * It works on columns (core/runTables/rowsColumns.ts): a sort is a permutation of row indices
 * computed over one column and kept, a filter a byte per row, and a cell is read only when its
 * page is drawn. Pure and browser-safe.
 */
import type { Expr } from "../query/ast.ts";
import { columnOrder, type ColumnOrder } from "./columnOrder.ts";
import { cellAt, columnsOfPayload, dictionaryFacts, type DictionaryFacts, type RowsColumns, type RowsMeta } from "./rowsColumns.ts";
import { compareGroups, disagreementsOf } from "./rowsDisagreements.ts";
import { rowsFilterMask } from "./rowsFilterMask.ts";
import { cellValue, type PayloadCell, type RowsPayload } from "./rowsPayload.ts";

export interface RowsSort {
  column: number;
  descending: boolean;
}

export interface RowsState {
  filter: Expr | null;
  sort: RowsSort | null;
  onlyDisagreements: boolean;
}

type CellValue = string | number | boolean | null;

export class RowsModel {
  readonly meta: RowsMeta;
  readonly rowCount: number;
  /** Per row, a bit per compared column group in which the runs that have the row differ. */
  readonly differing: Uint32Array;
  readonly disagreeCount: number;
  private readonly columns: RowsColumns;
  /** Per column, its group of per-run columns (by key), or -1. */
  private readonly groupOf: Int32Array;
  private factsMemo: DictionaryFacts | undefined;
  private valuesMemo: CellValue[] | undefined;
  private numericMemo: boolean[] | undefined;
  private readonly orders = new Map<number, ColumnOrder>();
  private filtered: { expr: Expr; mask: Uint8Array } | null = null;

  /** From a payload (the build, a page's inline rows) or from columns read from a rows file. */
  constructor(source: RowsPayload | RowsColumns) {
    const columns = "rows" in source ? columnsOfPayload(source) : source;
    this.columns = columns;
    this.meta = columns.meta;
    this.rowCount = columns.rowCount;
    this.factsMemo = columns.facts;
    this.groupOf = compareGroups(columns.meta);
    const compared = columns.meta.join !== null && this.groupOf.some((g) => g >= 0);
    if (columns.differing?.length === this.rowCount) this.differing = columns.differing;
    else this.differing = compared ? disagreementsOf(columns, this.facts, this.groupOf) : new Uint32Array(this.rowCount);
    let count = 0;
    for (let i = 0; i < this.rowCount; i++) if (this.differing[i] !== 0) count++;
    this.disagreeCount = count;
  }

  private get facts(): DictionaryFacts {
    return (this.factsMemo ??= dictionaryFacts(this.columns.dictionary));
  }

  /** Each dictionary entry's value as filters see it. */
  private get values(): CellValue[] {
    return (this.valuesMemo ??= this.columns.dictionary.map((c) => cellValue(c)));
  }

  /** Cell (row, column) as the payload carries it: what a page draws. */
  cell(row: number, column: number): PayloadCell {
    return cellAt(this.columns, row, column);
  }

  /** Cell (row, column) as filters and sorting see it. */
  value(row: number, column: number): CellValue {
    const d = this.columns.data[column];
    if (!d) return null;
    if (d.kind === "codes") return this.values[d.codes[row]!] ?? null;
    return d.gaps?.[row] ? null : d.values[row]!;
  }

  /** Whether a column's first value that is not empty is a number: its cells are right-aligned. */
  numeric(column: number): boolean {
    this.numericMemo ??= this.meta.columns.map((_, c) => {
      const d = this.columns.data[c]!;
      for (let i = 0; i < this.rowCount; i++) {
        if (d.kind === "numbers") {
          if (!d.gaps?.[i]) return true;
        } else {
          const v = this.values[d.codes[i]!];
          if (v !== null && v !== undefined) return typeof v === "number";
        }
      }
      return false;
    });
    return this.numericMemo[column] ?? false;
  }

  /** Whether cell (row, column) is one where the runs disagree: highlighted. */
  differs(row: number, column: number): boolean {
    const g = this.groupOf[column]!;
    return g >= 0 && (this.differing[row]! & (1 << g)) !== 0;
  }

  /** The names a filter may use: each column's key, once. */
  fields(): string[] {
    return [...new Set(this.meta.columns.map((c) => c.key))];
  }

  /** Which rows `expr` keeps, kept for the last expression. */
  private matches(expr: Expr): Uint8Array {
    if (this.filtered?.expr === expr) return this.filtered.mask;
    const mask = rowsFilterMask(expr, this.columns, this.values);
    this.filtered = { expr, mask };
    return mask;
  }

  /** Whether the rows `expr` keeps are at hand (computed, or handed over by `adoptFilter`). */
  hasFilter(expr: Expr): boolean {
    return this.filtered?.expr === expr;
  }

  /** The rows `expr` keeps, ascending, computed elsewhere (the rows file worker) by `rowsFilterMask`: the next view with `expr` uses them. */
  adoptFilter(expr: Expr, rows: Int32Array): void {
    const mask = new Uint8Array(this.rowCount);
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k]!;
      if (i < 0 || i >= this.rowCount) return;
      mask[i] = 1;
    }
    this.filtered = { expr, mask };
  }

  /** Whether the order of `column` is at hand (computed, or handed over by `adoptOrder`). */
  hasOrder(column: number): boolean {
    return this.orders.has(column) || !this.columns.data[column];
  }

  /** The ascending order of `column` computed elsewhere (the rows file worker), as `columnOrder` computes it. */
  adoptOrder(column: number, order: ColumnOrder): void {
    if (order.order.length === this.rowCount && order.ties.length === this.rowCount) this.orders.set(column, order);
  }

  /** Rows in ascending order of `column` (gaps last, ties in table order), kept once computed. */
  private orderOf(column: number): ColumnOrder {
    let hit = this.orders.get(column);
    if (!hit) {
      hit = columnOrder(this.columns.data[column]!, this.facts, this.rowCount);
      this.orders.set(column, hit);
    }
    return hit;
  }

  /** The rows of a view, in order: filtered, only disagreements when asked, sorted (ties in table order, gaps last). */
  view(state: RowsState): number[] {
    return Array.from(this.viewRows(state));
  }

  /** `view` as row indices in a typed array: what a page pages through, without an array of 100,000 numbers. */
  viewRows(state: RowsState): Int32Array {
    const n = this.rowCount;
    const mask = state.filter ? this.matches(state.filter) : null;
    const differing = state.onlyDisagreements && this.meta.join !== null ? this.differing : null;
    let keep: Uint8Array | null = mask;
    if (differing) {
      keep = new Uint8Array(n);
      for (let i = 0; i < n; i++) keep[i] = differing[i] !== 0 && (!mask || mask[i] === 1) ? 1 : 0;
    }
    const out = new Int32Array(n);
    let m = 0;
    const column = state.sort ? this.columns.data[state.sort.column] : undefined;
    if (!state.sort || !column) {
      for (let i = 0; i < n; i++) if (!keep || keep[i] === 1) out[m++] = i;
      return out.subarray(0, m);
    }
    const { order, ties, gaps } = this.orderOf(state.sort.column);
    const valued = n - gaps;
    if (state.sort.descending) {
      // Descending, ties still in table order: walk runs of equal values backwards, each forwards.
      let end = valued;
      while (end > 0) {
        let start = end - 1;
        while (start > 0 && ties[start] === 1) start--;
        for (let k = start; k < end; k++) {
          const i = order[k]!;
          if (!keep || keep[i] === 1) out[m++] = i;
        }
        end = start;
      }
    } else {
      for (let k = 0; k < valued; k++) {
        const i = order[k]!;
        if (!keep || keep[i] === 1) out[m++] = i;
      }
    }
    for (let k = valued; k < n; k++) {
      const i = order[k]!;
      if (!keep || keep[i] === 1) out[m++] = i;
    }
    return out.subarray(0, m);
  }
}
