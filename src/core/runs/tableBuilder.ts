/**
 * Collects a table's rows as the readers find them: columns in first-seen order, row-major cells,
 * each row's step. Shared by the JSON-lines and CSV readers, which report problems at positions;
 * the builder only says what is wrong.
 */
import type { Diagnostic } from "../diagnostics.ts";
import { mediaPathProblem, type RunTableInfo, type TableCell, type TableData } from "./tableData.ts";

/** Rows a table may hold: a 100,000-example evaluation set fits twice over. */
export const MAX_TABLE_ROWS = 200_000;
export const MAX_TABLE_COLUMNS = 500;

export interface ParsedTable {
  /** Null when the file has an error: the table is left out, the run keeps the rest. */
  table: TableData | null;
  diagnostics: Diagnostic[];
}

export interface TableParseOptions {
  /**
   * Files under the run folder's `media/`, relative to the run folder: a media cell naming another
   * file is an error. Absent: not checked (a table read again after the build's check).
   */
  mediaFiles?: ReadonlySet<string>;
}

/** Why a media path cannot be shown, or null: `mediaPathProblem`, then whether the file exists. */
export function mediaCellProblem(path: string, opts: TableParseOptions): { kind: "path"; problem: string } | { kind: "missing" } | null {
  const problem = mediaPathProblem(path);
  if (problem !== null) return { kind: "path", problem };
  if (opts.mediaFiles && !opts.mediaFiles.has(path)) return { kind: "missing" };
  return null;
}

export class TableBuilder {
  readonly columns: string[] = [];
  readonly rows: TableCell[][] = [];
  private readonly index = new Map<string, number>();
  private readonly steps: number[] = [];
  /** Whether the rows carry a step: decided by the first row. */
  private stepped: boolean | undefined;

  /** The index of column `name`, added when new; -1 when the table already has the most columns. */
  columnOf(name: string): number {
    const at = this.index.get(name);
    if (at !== undefined) return at;
    if (this.columns.length >= MAX_TABLE_COLUMNS) return -1;
    this.index.set(name, this.columns.length);
    this.columns.push(name);
    return this.columns.length - 1;
  }

  get full(): boolean {
    return this.rows.length >= MAX_TABLE_ROWS;
  }

  /**
   * Checks a row's step (undefined: the row has none): the first row decides whether every row
   * has one. Returns what is wrong, as the "found" of the message, or null.
   */
  stepProblem(step: TableCell | undefined): string | null {
    const has = step !== undefined;
    this.stepped ??= has;
    if (this.stepped !== has) return has ? "a step on a row after rows without one" : "no `step` on this row, though the first row has one";
    if (!has) return null;
    if (typeof step !== "number" || !Number.isInteger(step) || step < 0) return describeCell(step);
    return null;
  }

  addRow(cells: TableCell[], step: number | undefined): void {
    this.rows.push(cells);
    if (step !== undefined) this.steps.push(step);
  }

  finish(name: string, file: string): TableData {
    return { name, file, columns: this.columns, rows: this.rows, steps: this.stepped ? this.steps : null };
  }
}

/** What a run keeps about a table it read. */
export function tableInfo(table: TableData): RunTableInfo {
  const steps = table.steps ? [...new Set(table.steps)].sort((a, b) => a - b) : [];
  return { name: table.name, file: table.file, rows: table.rows.length, columns: table.columns, steps };
}

function describeCell(v: TableCell | undefined): string {
  if (v === null) return "null";
  if (typeof v === "string") return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  if (typeof v === "number") return `the number ${String(v)}`;
  if (typeof v === "boolean") return String(v);
  return "a media cell";
}
