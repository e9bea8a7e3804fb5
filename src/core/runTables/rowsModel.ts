/**
 * A table's rows as its page works with them: which rows runs disagree on, filtering with the
 * expression language, sorting by a column, the rows of a view. The build renders the first page
 * with it and the page script everything after, so both show the same rows in the same order.
 * Pure and browser-safe. Sorting keeps an order per column once computed: paging and re-filtering
 * a 100,000-row table then cost one pass, not a sort.
 */
import { compareText } from "../format/compareText.ts";
import type { Expr } from "../query/ast.ts";
import { cellKey, cellValue, type PayloadCell, type RowsPayload } from "./rowsPayload.ts";
import { compileRowFilter } from "./rowFilter.ts";

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
  private readonly orders = new Map<number, { order: Int32Array; ties: Uint8Array; gaps: number }>();
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
   * Which rows `expr` keeps. A plain table's row is read once; a joined row once per run that has
   * it (shared columns and that run's own), so `pred = "cat"` keeps a row where any run predicted cat.
   */
  private matches(expr: Expr): Uint8Array {
    if (this.filtered?.expr === expr) return this.filtered.mask;
    const { columns, runs, present, rows } = this.payload;
    const perRun = this.payload.join !== null && columns.some((c) => c.run !== null);
    const read = (row: PayloadCell[], slot: number): unknown => cellValue(row[slot]);
    const tests = (perRun ? runs : runs.slice(0, 1)).map((_, r) =>
      compileRowFilter(expr, (key) => columns.findIndex((c) => c.key === key && (c.run === null || !perRun || c.run === r)), read),
    );
    const mask = new Uint8Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      for (let r = 0; r < tests.length; r++) {
        if (perRun && present && !(present[i]! & (1 << r))) continue;
        if (tests[r]!(row)) {
          mask[i] = 1;
          break;
        }
      }
    }
    this.filtered = { expr, mask };
    return mask;
  }

  /**
   * Rows in ascending order of `column` (gaps last, ties in table order), and where each run of
   * equal values starts: descending order walks the runs backwards, each forwards.
   */
  private orderOf(column: number): { order: Int32Array; ties: Uint8Array; gaps: number } {
    const hit = this.orders.get(column);
    if (hit) return hit;
    const rows = this.payload.rows;
    const n = rows.length;
    const ranks = new Uint8Array(n);
    const nums = new Float64Array(n);
    const texts: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const v = cellValue(rows[i]![column]);
      const rank = rankOf(v);
      ranks[i] = rank;
      if (rank === 0) nums[i] = v as number;
      else if (rank === 1) nums[i] = v ? 1 : 0;
      else if (rank === 2) texts[i] = v as string;
    }
    const order = Int32Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const ra = ranks[a]!;
      const d = ra - ranks[b]!;
      if (d !== 0) return d;
      if (ra < 2) return nums[a]! - nums[b]! || a - b;
      if (ra === 2) return compareText(texts[a]!, texts[b]!) || a - b;
      return a - b;
    });
    const ties = new Uint8Array(n);
    for (let k = 1; k < n; k++) {
      const a = order[k - 1]!;
      const b = order[k]!;
      ties[k] = ranks[a] === ranks[b] && (ranks[a]! < 2 ? nums[a] === nums[b] : ranks[a] === 2 ? texts[a] === texts[b] : true) ? 1 : 0;
    }
    let gaps = 0;
    for (let k = n - 1; k >= 0 && ranks[order[k]!] === 3; k--) gaps++;
    const out = { order, ties, gaps };
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
    const { order, ties, gaps } = this.orderOf(state.sort.column);
    const valued = n - gaps;
    if (state.sort.descending) {
      // Descending, ties still in table order: walk runs of equal values backwards, each forwards.
      let end = valued;
      while (end > 0) {
        let start = end - 1;
        while (start > 0 && ties[start] === 1) start--;
        for (let i = start; i < end; i++) if (keep(order[i]!)) out.push(order[i]!);
        end = start;
      }
    } else for (let i = 0; i < valued; i++) if (keep(order[i]!)) out.push(order[i]!);
    for (let i = valued; i < n; i++) if (keep(order[i]!)) out.push(order[i]!);
    return out;
  }
}
