import type { Expr } from "../core/query/ast.ts";
import type { ColumnOrder } from "../core/runTables/columnOrder.ts";
import type { RowsColumns } from "../core/runTables/rowsColumns.ts";

/**
 * What the page asks the rows file worker (rowsFileWorker.ts): read a file, which column to order
 * next, which rows a filter keeps; and to hold its background ordering while the page answers an
 * interaction (`hold` true), or to go on (false).
 */
export type RowsFileRequest =
  | { kind: "load"; url: string }
  | { kind: "order"; column: number }
  | { kind: "filter"; id: number; expr: Expr }
  | { kind: "hold"; on: boolean };

/**
 * What the worker posts: the columns (with the dictionary's facts and the disagreements), then
 * each column's ascending order as it is computed, and the rows each filter asked for keeps
 * (ascending); or why the file could not be read.
 */
export type RowsFileMessage =
  | { kind: "columns"; columns: RowsColumns }
  | { kind: "order"; column: number; order: ColumnOrder }
  | { kind: "filtered"; id: number; rows: Int32Array }
  | { kind: "failed"; message: string };
