/**
 * The row-oriented `RowsModel` this project shipped before the columnar one
 * (core/runTables/rowsModel.ts): it reads every cell from the payload's row arrays. Kept as the
 * oracle the columnar model's tests compare against: the same disagreements, the same filtered
 * rows, the same order with ties in table order.
 */
import { compareText } from "../../src/core/format/compareText.ts";
import type { Expr } from "../../src/core/query/ast.ts";
import type { RowsState } from "../../src/core/runTables/rowsModel.ts";
import { cellValue, sameCell, type PayloadCell, type RowsPayload } from "../../src/core/runTables/rowsPayload.ts";
import { compileRowFilter } from "../../src/core/runTables/rowFilter.ts";

/** 0 numbers, 1 booleans, 2 text, 3 gaps (null and NaN): gaps sort last both ways. */
function rankOf(v: string | number | boolean | null): number {
  if (v === null || (typeof v === "number" && v !== v)) return 3;
  return typeof v === "number" ? 0 : typeof v === "boolean" ? 1 : 2;
}

/**
 * `rows` (ascending) ordered by `keys[row]`, ties in `rows` order: a radix sort on the keys' bits
 * made order-preserving (four stable passes of 16 bits), linear where a comparator sort of 100,000
 * rows is not. Float64Array bytes are little-endian on every platform browsers and Node run on.
 */
function sortByNumber(rows: Int32Array, keys: Float64Array): Int32Array {
  const m = rows.length;
  const f = new Float64Array(m);
  // `+ 0` makes -0 a 0: equal numbers tie, whatever their sign bit.
  for (let j = 0; j < m; j++) f[j] = keys[rows[j]!]! + 0;
  const words = new Uint32Array(f.buffer);
  const hi = new Uint32Array(m);
  const lo = new Uint32Array(m);
  for (let j = 0; j < m; j++) {
    const h = words[2 * j + 1]!;
    const l = words[2 * j]!;
    // Negative numbers: every bit flipped (larger magnitude sorts first); others: the sign bit set.
    hi[j] = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[j] = h & 0x80000000 ? ~l >>> 0 : l;
  }
  let cur = new Int32Array(m);
  for (let j = 0; j < m; j++) cur[j] = j;
  let next = new Int32Array(m);
  const count = new Uint32Array(65537);
  for (const [digits, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    count.fill(0);
    for (let j = 0; j < m; j++) count[((digits[cur[j]!]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 1; d <= 65536; d++) count[d]! += count[d - 1]!;
    for (let j = 0; j < m; j++) next[count[(digits[cur[j]!]! >>> shift) & 0xffff]!++] = cur[j]!;
    [cur, next] = [next, cur];
  }
  return cur.map((j) => rows[j]!);
}

export class RowOrientedRowsModel {
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
      // Per group, its columns and their runs.
      const members = [...groups.values()].map((g) => payload.columns.flatMap((c, k) => (this.groupOf[k] === g ? [[k, c.run!] as const] : [])));
      for (let i = 0; i < n; i++) {
        const row = payload.rows[i]!;
        const has = present ? present[i]! : -1;
        let bits = 0;
        members.forEach((list, g) => {
          let first: PayloadCell | undefined;
          let seen = false;
          for (const [k, run] of list) {
            if (!(has & (1 << run))) continue;
            if (!seen) {
              first = row[k];
              seen = true;
            } else if (!sameCell(first, row[k])) {
              bits |= 1 << g;
              return;
            }
          }
        });
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
    // Numbers sort by a comparator over typed keys; text by its distinct values, each sorted once
    // (a column of five labels sorts five strings), each value's rows in table order.
    const nums: number[] = [];
    const numKeys = new Float64Array(n);
    const booleans: [number[], number[]] = [[], []];
    const texts = new Map<string, number[]>();
    const gapRows: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = cellValue(rows[i]![column]);
      const rank = rankOf(v);
      if (rank === 0) {
        nums.push(i);
        numKeys[i] = v as number;
      } else if (rank === 1) booleans[v ? 1 : 0].push(i);
      else if (rank === 2) {
        const list = texts.get(v as string);
        if (list) list.push(i);
        else texts.set(v as string, [i]);
      } else gapRows.push(i);
    }
    const order = new Int32Array(n);
    const ties = new Uint8Array(n);
    let k = 0;
    const append = (list: readonly number[]): void => {
      list.forEach((i, j) => {
        order[k] = i;
        ties[k++] = j > 0 ? 1 : 0;
      });
    };
    const sortedNums = sortByNumber(Int32Array.from(nums), numKeys);
    sortedNums.forEach((i, j) => {
      order[k] = i;
      ties[k++] = j > 0 && numKeys[i] === numKeys[sortedNums[j - 1]!] ? 1 : 0;
    });
    append(booleans[0]);
    append(booleans[1]);
    for (const v of [...texts.keys()].sort(compareText)) append(texts.get(v)!);
    for (const i of gapRows) {
      order[k] = i;
      ties[k++] = 0;
    }
    const out = { order, ties, gaps: gapRows.length };
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
