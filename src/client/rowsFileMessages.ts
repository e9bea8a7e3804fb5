import type { ColumnOrder } from "../core/runTables/columnOrder.ts";
import type { RowsColumns } from "../core/runTables/rowsColumns.ts";

/** What the page asks the rows file worker (rowsFileWorker.ts): read a file, then which column to order next. */
export type RowsFileRequest = { kind: "load"; url: string } | { kind: "order"; column: number };

/**
 * What the worker posts: the columns (with the dictionary's facts and the disagreements), then
 * each column's ascending order as it is computed; or why the file could not be read.
 */
export type RowsFileMessage =
  | { kind: "columns"; columns: RowsColumns }
  | { kind: "order"; column: number; order: ColumnOrder }
  | { kind: "failed"; message: string };
