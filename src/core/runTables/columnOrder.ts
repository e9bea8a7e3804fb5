/**
 * A column's rows in ascending order, computed as a permutation of row indices without building a
 * row or calling a comparator per pair: each row gets the rank of its value among the column's
 * distinct values (dictionary codes by the ranks `dictionaryFacts` gave the distinct cells once;
 * numbers by the engine's native sort of the column's numbers), then one stable counting sort
 * orders the rows by rank: ties keep table order. Pure and browser-safe.
 */
import type { ColumnData, DictionaryFacts } from "./rowsColumns.ts";

export interface ColumnOrder {
  /** Row indices, ascending: values first (ties in table order), then gaps (null, NaN) in table order. */
  order: Int32Array;
  /** `ties[k] = 1` when `order[k]` holds the same value as `order[k - 1]`: descending order walks each run of ties forwards. */
  ties: Uint8Array;
  /** How many gaps end `order`. */
  gaps: number;
}

export function columnOrder(column: ColumnData, facts: DictionaryFacts, rowCount: number): ColumnOrder {
  return column.kind === "numbers" ? numberOrder(column.values, column.gaps, rowCount) : codeOrder(column.codes, facts, rowCount);
}

/** Each row's rank by its code: text was ordered once per distinct value. */
function codeOrder(codes: Uint32Array, facts: DictionaryFacts, n: number): ColumnOrder {
  const { rank, gapRank } = facts;
  const rowRank = new Uint32Array(n);
  for (let i = 0; i < n; i++) rowRank[i] = rank[codes[i]!]!;
  return orderByRank(rowRank, gapRank);
}

/**
 * Each row's rank among the column's distinct numbers (±Infinity included), found by binary search
 * in the numbers sorted by the engine's native typed-array sort; NaN and empty cells are gaps.
 */
function numberOrder(values: Float64Array, gapMask: Uint8Array | null, n: number): ColumnOrder {
  const distinct = new Float64Array(n);
  let m = 0;
  // `+ 0` makes -0 a 0: equal numbers tie, whatever their sign bit.
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === v && gapMask?.[i] !== 1) distinct[m++] = v + 0;
  }
  distinct.subarray(0, m).sort();
  let d = 0;
  for (let k = 0; k < m; k++) if (d === 0 || distinct[k] !== distinct[d - 1]) distinct[d++] = distinct[k]!;
  const rowRank = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v || gapMask?.[i] === 1) {
      rowRank[i] = d;
      continue;
    }
    let lo = 0;
    let hi = d - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    rowRank[i] = lo;
  }
  return orderByRank(rowRank, d);
}

/** A stable counting sort of the rows by rank: linear in rows plus ranks. Rows of rank `gapRank` are the gaps. */
function orderByRank(rowRank: Uint32Array, gapRank: number): ColumnOrder {
  const n = rowRank.length;
  const count = new Uint32Array(gapRank + 2);
  for (let i = 0; i < n; i++) count[rowRank[i]! + 1]!++;
  const gaps = count[gapRank + 1]!;
  for (let r = 1; r < count.length; r++) count[r]! += count[r - 1]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[count[rowRank[i]!]!++] = i;
  // A position ties with the one before when both hold the same rank, gaps excepted.
  const ties = new Uint8Array(n);
  for (let k = 1; k < n - gaps; k++) if (rowRank[order[k]!] === rowRank[order[k - 1]!]) ties[k] = 1;
  return { order, ties, gaps };
}
