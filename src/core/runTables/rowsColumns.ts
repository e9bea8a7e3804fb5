/**
 * A table's rows stored by column, as the page works on them: a column of numbers as a
 * Float64Array (a gap marked in a byte mask), any other column as codes into the file's dictionary
 * of distinct cells. Made straight from a rows file (core/runTables/rowsFile.ts) or from a payload
 * through the same encoding, so the build and the page see the same cells. Only typed arrays and
 * the dictionary: a worker hands it to the page without copying the rows, and no row is built
 * until it is drawn. Pure and browser-safe.
 */
import { compareText } from "../format/compareText.ts";
import { checkRowsFile, encodeRowsFile, type RowsFile } from "./rowsFile.ts";
import { cellKey, cellValue, type PayloadCell, type RowsPayload } from "./rowsPayload.ts";

/** The payload without its rows: what a table's columns, runs and settings are. */
export type RowsMeta = Omit<RowsPayload, "rows" | "present">;

export type ColumnData =
  /** Numbers as they are (NaN and ±Infinity too); `gaps[i] = 1` where the cell is empty (null). */
  | { kind: "numbers"; values: Float64Array; gaps: Uint8Array | null }
  | { kind: "codes"; codes: Uint32Array };

/**
 * Facts about the dictionary a page needs for every sort and comparison, computed once (by the
 * worker that read the file, or on first use): how its values order, and which cells are equal.
 */
export interface DictionaryFacts {
  /** Per entry, its place among the distinct values in sort order (equal values share one); gaps get `gapRank`. */
  rank: Uint32Array;
  gapRank: number;
  /** Per entry, a number equal for cells the runs agree on (`sameCell`): 1 and "1" differ, two NaN do not. */
  sameClass: Uint32Array;
}

export interface RowsColumns {
  meta: RowsMeta;
  rowCount: number;
  /** The distinct cells the `codes` columns point into. */
  dictionary: PayloadCell[];
  /** One entry per column of `meta.columns`. */
  data: ColumnData[];
  /** Joined tables: per row, a bit per run that has it. */
  present: Uint32Array | null;
  /** Computed once, by the worker that read the file or on first use. */
  facts?: DictionaryFacts;
  /** Per row, a bit per compared column group the runs disagree in (core/runTables/rowsDisagreements.ts), when computed ahead. */
  differing?: Uint32Array;
}

type NonFinite = "NaN" | "Infinity" | "-Infinity";
const NON_FINITE: Record<NonFinite, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

/** The columns of a rows file; throws on a file that is not one. A code outside the dictionary reads as an empty cell. */
export function columnsOfFile(file: RowsFile): RowsColumns {
  checkRowsFile(file);
  const n = Math.max(0, Math.floor(Number(file.rowCount)) || 0);
  const dictionary = Array.isArray(file.dictionary) ? file.dictionary.slice() : [];
  let nullCode = -1;
  const data = file.data.map((column): ColumnData => {
    if ("numbers" in column) {
      const source = column.numbers;
      const values = new Float64Array(n);
      let gaps: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        const v = source[i];
        if (typeof v === "number") values[i] = v;
        else if (typeof v === "string" && Object.hasOwn(NON_FINITE, v)) values[i] = NON_FINITE[v];
        else {
          values[i] = NaN;
          (gaps ??= new Uint8Array(n))[i] = 1;
        }
      }
      return { kind: "numbers", values, gaps };
    }
    const source = column.cells;
    const codes = new Uint32Array(n);
    const size = dictionary.length;
    for (let i = 0; i < n; i++) {
      const c = source[i]!;
      if (c >= 0 && c < size && c === Math.floor(c)) codes[i] = c;
      else {
        if (nullCode < 0) nullCode = dictionary.push(null) - 1;
        codes[i] = nullCode;
      }
    }
    return { kind: "codes", codes };
  });
  const present = file.present ? Uint32Array.from({ length: n }, (_, i) => file.present![i] ?? 0) : null;
  const { format: _f, rowCount: _r, dictionary: _d, data: _data, present: _p, ...meta } = file;
  return { meta, rowCount: n, dictionary, data, present };
}

/** The columns of a payload: the rows file's encoding, so a page drawn by the build and one drawn from the file agree. */
export function columnsOfPayload(payload: RowsPayload): RowsColumns {
  return columnsOfFile(encodeRowsFile(payload));
}

/** Cell (row, column) as the payload would carry it. */
export function cellAt(columns: RowsColumns, row: number, column: number): PayloadCell {
  const d = columns.data[column];
  if (!d) return null;
  if (d.kind === "codes") return columns.dictionary[d.codes[row]!] ?? null;
  if (d.gaps?.[row]) return null;
  const v = d.values[row]!;
  if (Number.isFinite(v)) return v;
  return { n: v !== v ? "NaN" : v > 0 ? "Infinity" : "-Infinity" };
}

/** 0 numbers, 1 booleans, 2 text, 3 gaps (null and NaN): gaps sort last both ways. */
export function rankOf(v: string | number | boolean | null): number {
  if (v === null || (typeof v === "number" && v !== v)) return 3;
  return typeof v === "number" ? 0 : typeof v === "boolean" ? 1 : 2;
}

function compareValues(a: string | number | boolean | null, b: string | number | boolean | null): number {
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb || ra === 3) return ra - rb;
  if (ra === 2) return compareText(a as string, b as string);
  // Numbers and booleans; `+ 0` makes -0 equal to 0.
  const x = Number(a) + 0;
  const y = Number(b) + 0;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The dictionary's sort ranks and equality classes: each distinct value is sorted once, so sorting text becomes sorting integers. */
export function dictionaryFacts(dictionary: readonly PayloadCell[]): DictionaryFacts {
  const values = dictionary.map((c) => cellValue(c));
  const byValue = Array.from(values.keys()).sort((i, j) => compareValues(values[i]!, values[j]!) || i - j);
  const rank = new Uint32Array(dictionary.length);
  let next = 0;
  let gapRank = -1;
  byValue.forEach((entry, k) => {
    const v = values[entry]!;
    if (rankOf(v) === 3) {
      if (gapRank < 0) gapRank = k === 0 ? 0 : ++next;
      rank[entry] = gapRank;
      return;
    }
    if (k > 0 && compareValues(values[byValue[k - 1]!]!, v) !== 0) next++;
    rank[entry] = next;
  });
  if (gapRank < 0) gapRank = dictionary.length === 0 ? 0 : next + 1;
  const classes = new Map<string, number>();
  const sameClass = Uint32Array.from(dictionary, (c) => {
    const key = cellKey(c);
    let k = classes.get(key);
    if (k === undefined) classes.set(key, (k = classes.size));
    return k;
  });
  return { rank, gapRank, sameClass };
}


/** The buffers `columns` can hand over to another thread without a copy. */
export function transferablesOf(columns: RowsColumns): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView | null | undefined): void => {
    if (a && a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  for (const d of columns.data) {
    if (d.kind === "numbers") {
      add(d.values);
      add(d.gaps);
    } else add(d.codes);
  }
  add(columns.present);
  add(columns.differing);
  add(columns.facts?.rank);
  add(columns.facts?.sameClass);
  return out;
}
