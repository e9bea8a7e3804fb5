/**
 * A table's rows as its page works with them: which rows runs disagree on, filtering with the
 * expression language, sorting by a column, the rows of a view. The build renders the first page
 * with it and the page script everything after, so both show the same rows in the same order.
 * Pure and browser-safe. Sorting keeps an order per column once computed: paging and re-filtering
 * a 100,000-row table then cost one pass, not a sort.
 */
import { compareText } from "../format/compareText.ts";
import type { Expr } from "../query/ast.ts";
import { cellKey, cellValue, type RowsPayload } from "./rowsPayload.ts";
import { emptyRecord, rowMatches, type RowRecord } from "./rowFilter.ts";

export interface RowsSort {
  column: number;
  descending: boolean;
}

export interface RowsState {
  filter: Expr | null;
  sort: RowsSort | null;
  onlyDisagreements: boolean;
}

/** 0 numbers, 1 booleans, 2 text, 3 gaps (null and NaN): gaps sort last both ways. */
function rankOf(v: string | number | boolean | null): number {
  if (v === null || (typeof v === "number" && v !== v)) return 3;
  return typeof v === "number" ? 0 : typeof v === "boolean" ? 1 : 2;
}

export class RowsModel {
  readonly payload: RowsPayload;
  /** Per row, a bit per compared column group in which the runs that have the row differ. */
  readonly differing: Uint32Array;
  readonly disagreeCount: number;
  /** Per column, its group of per-run columns (by key), or -1. */
  private readonly groupOf: Int32Array;
  private readonly orders = new Map<number, { order: Int32Array; gaps: number }>();
  private records: RowRecord[][] | null = null;
  private filtered: { expr: Expr; mask: Uint8Array } | null = null;

  constructor(payload: RowsPayload) {
    this.payload = payload;
    const groups = new Map<string, number>();
    this.groupOf = Int32Array.from(payload.columns, (c) => {
      if (c.run === null || !c.compared) return -1;
      if (!groups.has(c.key)) groups.set(c.key, Math.min(groups.size, 31));
      return groups.get(c.key)!;
    });
    const n = payload.rows.length;
    this.differing = new Uint32Array(n);
    let count = 0;
    if (payload.join !== null && groups.size > 0) {
      const present = payload.present;
      for (let i = 0; i < n; i++) {
        const row = payload.rows[i]!;
        const seen = new Map<number, string>();
        let bits = 0;
        for (let c = 0; c < payload.columns.length; c++) {
          const g = this.groupOf[c]!;
          if (g < 0) continue;
          const run = payload.columns[c]!.run!;
          if (present && !(present[i]! & (1 << run))) continue;
          const key = cellKey(row[c]);
          const first = seen.get(g);
          if (first === undefined) seen.set(g, key);
          else if (first !== key) bits |= 1 << g;
        }
        this.differing[i] = bits;
        if (bits !== 0) count++;
      }
    }
    this.disagreeCount = count;
  }

  get rowCount(): number {
    return this.payload.rows.length;
  }

  /** Whether cell (row, column) is one where the runs disagree: highlighted. */
  differs(row: number, column: number): boolean {
    const g = this.groupOf[column]!;
    return g >= 0 && (this.differing[row]! & (1 << g)) !== 0;
  }

  /** The names a filter may use: each column's key, once. */
  fields(): string[] {
    return [...new Set(this.payload.columns.map((c) => c.key))];
  }

  /**
   * The row's values by field: one record for a plain table; for a joined one, one per run that
   * has the row (shared columns and that run's own), so `pred = "cat"` keeps a row where any run
   * predicted cat.
   */
  recordsOf(row: number): RowRecord[] {
    this.records ??= new Array<RowRecord[]>(this.rowCount);
    let out = this.records[row];
    if (out) return out;
    const { columns, runs, present } = this.payload;
    const cells = this.payload.rows[row]!;
    const perRun = this.payload.join !== null && columns.some((c) => c.run !== null);
    out = [];
    for (let r = 0; r < (perRun ? runs.length : 1); r++) {
      if (perRun && present && !(present[row]! & (1 << r))) continue;
      const rec = emptyRecord();
      columns.forEach((c, k) => {
        if (c.run === null || !perRun || c.run === r) rec[c.key] = cellValue(cells[k]);
      });
      out.push(rec);
    }
    this.records[row] = out;
    return out;
  }

  private matches(expr: Expr): Uint8Array {
    if (this.filtered?.expr === expr) return this.filtered.mask;
    const mask = new Uint8Array(this.rowCount);
    for (let i = 0; i < mask.length; i++) mask[i] = this.recordsOf(i).some((rec) => rowMatches(expr, rec)) ? 1 : 0;
    this.filtered = { expr, mask };
    return mask;
  }

  private orderOf(column: number): { order: Int32Array; gaps: number } {
    const hit = this.orders.get(column);
    if (hit) return hit;
    const n = this.rowCount;
    const values = this.payload.rows.map((r) => cellValue(r[column]));
    const ranks = Uint8Array.from(values, rankOf);
    const order = Int32Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const ra = ranks[a]!;
      const d = ra - ranks[b]!;
      if (d !== 0) return d;
      const va = values[a]!;
      const vb = values[b]!;
      let c = 0;
      if (ra === 0) c = (va as number) - (vb as number);
      else if (ra === 1) c = Number(va) - Number(vb);
      else if (ra === 2) c = compareText(va as string, vb as string);
      return c || a - b;
    });
    let gaps = 0;
    for (let i = n - 1; i >= 0 && ranks[order[i]!] === 3; i--) gaps++;
    const out = { order, gaps };
    this.orders.set(column, out);
    return out;
  }

  /** The rows of a view, in order: filtered, only disagreements when asked, sorted (ties in table order, gaps last). */
  view(state: RowsState): number[] {
    const n = this.rowCount;
    const mask = state.filter ? this.matches(state.filter) : null;
    const only = state.onlyDisagreements && this.payload.join !== null;
    const keep = (i: number): boolean => (!mask || mask[i] === 1) && (!only || this.differing[i] !== 0);
    const out: number[] = [];
    if (!state.sort) {
      for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
      return out;
    }
    const { order, gaps } = this.orderOf(state.sort.column);
    const valued = n - gaps;
    if (state.sort.descending) {
      // Descending, ties still in table order: walk runs of equal values backwards, each forwards.
      let end = valued;
      while (end > 0) {
        let start = end - 1;
        const column = state.sort.column;
        const key = cellKey(this.payload.rows[order[start]!]![column]);
        while (start > 0 && cellKey(this.payload.rows[order[start - 1]!]![column]) === key) start--;
        for (let i = start; i < end; i++) if (keep(order[i]!)) out.push(order[i]!);
        end = start;
      }
    } else for (let i = 0; i < valued; i++) if (keep(order[i]!)) out.push(order[i]!);
    for (let i = valued; i < n; i++) if (keep(order[i]!)) out.push(order[i]!);
    return out;
  }
}
