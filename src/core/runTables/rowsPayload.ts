/**
 * What a `table` block or a run page's table hands its page script: the rows (after the block's
 * filter, in the block's order), their columns and, for tables joined across runs, which run each
 * column belongs to and which rows each run has. Plain JSON: non-finite numbers and media cells are
 * encoded. Pure and browser-safe.
 */
import type { MediaLink } from "../media/mediaUrls.ts";
import type { TableCell } from "../runs/tableData.ts";

/** A media cell: its link and `p`, the path the table names. */
export type MediaPayload = MediaLink & { p: string };

/** A cell in the payload: JSON has no NaN or Infinity, and a media cell carries its URLs. */
export type PayloadCell = string | number | boolean | null | { n: "NaN" | "Infinity" | "-Infinity" } | MediaPayload;

export interface RowsColumn {
  /** The field the column shows: the name filters and sorting use. */
  key: string;
  /** A per-run column of a joined table: the index of its run in `runs`; null for shared columns. */
  run: number | null;
  /** Whether runs that differ in this column make a row a disagreement (joined tables). */
  compared: boolean;
}

export interface RowsRun {
  id: string;
  name: string;
  href: string;
}

export interface RowsPayload {
  runs: RowsRun[];
  columns: RowsColumn[];
  rows: PayloadCell[][];
  /** The column a joined table is joined on; null for one table (or tables listed one after another). */
  join: string | null;
  /** Joined tables: per row, a bit per run that has it. */
  present: number[] | null;
  pageSize: number;
  /** Show only rows where runs disagree, at first (`show: disagreements`). */
  onlyDisagreements: boolean;
}

/** A cell as the payload carries it; `mediaHref` gives a media file's URL ("" when it has none) or its link with thumbnails. */
export function encodeCell(cell: TableCell | undefined, mediaHref: (path: string) => string | MediaLink): PayloadCell {
  if (cell === undefined || cell === null) return null;
  if (typeof cell === "number") {
    if (Number.isFinite(cell)) return cell;
    return { n: cell !== cell ? "NaN" : cell > 0 ? "Infinity" : "-Infinity" };
  }
  if (typeof cell === "object") {
    const link = mediaHref(cell.media);
    return typeof link === "string" ? { m: link, p: cell.media } : { ...link, p: cell.media };
  }
  return cell;
}

/** A payload cell's value as filters and sorting see it: a number (NaN, ±Infinity), text (a media cell's path), a boolean or null. */
export function cellValue(cell: PayloadCell | undefined): string | number | boolean | null {
  if (cell === undefined || cell === null) return null;
  if (typeof cell !== "object") return cell;
  if ("n" in cell) return cell.n === "NaN" ? NaN : cell.n === "Infinity" ? Infinity : -Infinity;
  return cell.p;
}

/** A key equal for equal cells (NaN equals NaN; 1 and "1" differ): how runs are compared. */
export function cellKey(cell: PayloadCell | undefined): string {
  if (cell === undefined || cell === null) return "z";
  if (typeof cell === "object") return "n" in cell ? `n${cell.n}` : `m${cell.p}`;
  return `${typeof cell === "number" ? "d" : typeof cell === "boolean" ? "b" : "s"}${String(cell)}`;
}

/** `cellKey(a) === cellKey(b)`, without making the keys: how a page compares runs' cells. */
export function sameCell(a: PayloadCell | undefined, b: PayloadCell | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || a === null) return b === undefined || b === null;
  if (typeof a !== "object" || typeof b !== "object" || b === null) return false;
  if ("n" in a) return "n" in b && a.n === b.n;
  return "p" in b && a.p === b.p;
}

export function isMediaPayload(cell: PayloadCell | undefined): cell is MediaPayload {
  return typeof cell === "object" && cell !== null && "m" in cell;
}
