/**
 * The rows file of a large table (`data/tables/…json`): the payload stored by column, so a page
 * reads 100,000 rows without parsing 100,000 small arrays. A column of numbers (and gaps) is one
 * array of numbers; any other column is one array of indices into a dictionary of the file's
 * distinct cells, where labels and predictions that repeat are stored once. Pure and browser-safe.
 */
import type { PayloadCell, RowsPayload } from "./rowsPayload.ts";

export const ROWS_FILE_FORMAT = "runfolio-rows-1";

/** A number column's non-finite values, which JSON has no numbers for. */
type NonFinite = "NaN" | "Infinity" | "-Infinity";

/**
 * One column's cells, top to bottom: numbers as they are (null for a gap, a non-finite number by
 * name, so one NaN does not push a column of scores into the dictionary), or dictionary indices.
 */
export type RowsFileColumn = { numbers: (number | NonFinite | null)[] } | { cells: number[] };

export interface RowsFile extends Omit<RowsPayload, "rows"> {
  format: typeof ROWS_FILE_FORMAT;
  rowCount: number;
  /** The distinct cells of the columns stored as indices, in order of first appearance. */
  dictionary: PayloadCell[];
  /** One entry per column of `columns`. */
  data: RowsFileColumn[];
}

/** A cell as a number column stores it; undefined for a cell a number column cannot hold. */
function numberOrGap(cell: PayloadCell | undefined): number | NonFinite | null | undefined {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === "number") return cell;
  return typeof cell === "object" && "n" in cell ? cell.n : undefined;
}

/** The rows file of `payload`; the same payload always gives the same file. */
export function encodeRowsFile(payload: RowsPayload): RowsFile {
  const { rows, ...meta } = payload;
  const dictionary: PayloadCell[] = [];
  const index = new Map<string, number>();
  const data = payload.columns.map((_, c): RowsFileColumn => {
    if (rows.every((row) => numberOrGap(row[c]) !== undefined)) return { numbers: rows.map((row) => numberOrGap(row[c])!) };
    return {
      cells: rows.map((row) => {
        const cell = row[c] ?? null;
        // The JSON text tells cells apart exactly as the file will store them (1 and "1" differ).
        const key = JSON.stringify(cell);
        let i = index.get(key);
        if (i === undefined) {
          i = dictionary.length;
          index.set(key, i);
          dictionary.push(cell);
        }
        return i;
      }),
    };
  });
  return { format: ROWS_FILE_FORMAT, ...meta, rowCount: rows.length, dictionary, data };
}

/** Throws unless `file` is a rows file this code reads (not a stale or foreign file). */
export function checkRowsFile(file: RowsFile): void {
  if (file?.format !== ROWS_FILE_FORMAT || !Array.isArray(file.data) || file.data.length !== file.columns?.length) {
    throw new Error("the rows file is not in the format this page reads");
  }
}

/** Rows `from` to `to` (exclusive) of a checked rows file, as row arrays (a page reads the columns instead: core/runTables/rowsColumns.ts). */
export function decodeRows(file: RowsFile, from: number, to: number): PayloadCell[][] {
  const { dictionary, data } = file;
  const end = Math.min(to, file.rowCount);
  const rows: PayloadCell[][] = [];
  for (let r = from; r < end; r++) rows.push(new Array<PayloadCell>(data.length));
  data.forEach((column, c) => {
    if ("numbers" in column) {
      const values = column.numbers;
      for (let r = from; r < end; r++) {
        const v = values[r] ?? null;
        rows[r - from]![c] = typeof v === "string" ? { n: v } : v;
      }
    } else {
      const cells = column.cells;
      for (let r = from; r < end; r++) rows[r - from]![c] = dictionary[cells[r]!] ?? null;
    }
  });
  return rows;
}

/** The payload without its rows. */
export function rowsFileMeta(file: RowsFile): Omit<RowsPayload, "rows"> {
  const { format: _format, rowCount: _rowCount, dictionary: _dictionary, data: _data, ...meta } = file;
  return meta;
}

/** The payload a rows file stores; throws on a file that is not one. */
export function decodeRowsFile(file: RowsFile): RowsPayload {
  checkRowsFile(file);
  return { ...rowsFileMeta(file), rows: decodeRows(file, 0, file.rowCount) };
}
