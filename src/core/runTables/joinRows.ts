/**
 * Assembles a table view from runs' tables: one run's rows; several runs' rows one after another
 * (with a column naming the run); or rows joined on an id column, one row per id with each run's
 * columns side by side. A column whose value is the same in every run for every row (the label,
 * the input image) is shown once; the others once per run. Pure and browser-safe.
 */
import type { TableCell, TableData } from "../runs/tableData.ts";
import type { MediaLink } from "../media/mediaUrls.ts";
import { encodeCell, type PayloadCell, type RowsColumn, type RowsRun } from "./rowsPayload.ts";
import { emptyRecord, type RowRecord } from "./rowFilter.ts";
import { cellKey } from "./rowsPayload.ts";

export interface RunRows {
  run: RowsRun;
  table: TableData;
  /** Indices of the table's rows to show (those at the chosen step), in file order. */
  rows: number[];
}

export interface JoinOptions {
  /** The id column to join on; null: no join. */
  join: string | null;
  /** Columns to show, in order (the join column is always first). */
  columns: readonly string[];
  /** Columns whose differences count as disagreements; null: every per-run column without fractional numbers. */
  compare: readonly string[] | null;
  /** With several runs and no join: the name of the column that names each row's run. */
  runColumn: string;
  /** Keeps a source row (the block's `filter`); a joined row stays when any run's row is kept. */
  keep?: (record: RowRecord) => boolean;
  mediaHref: (runIndex: number, path: string) => string | MediaLink;
}

export type JoinProblem =
  | { kind: "duplicateId"; run: number; id: string }
  | { kind: "missingId"; run: number; row: number };

export interface JoinedRows {
  columns: RowsColumn[];
  rows: PayloadCell[][];
  present: number[] | null;
  problems: JoinProblem[];
}

function recordOf(table: TableData, row: TableCell[], extra?: [string, string]): RowRecord {
  const rec = emptyRecord();
  table.columns.forEach((c, k) => {
    const v = row[k];
    rec[c] = v === undefined ? null : typeof v === "object" && v !== null ? v.media : v;
  });
  if (extra) rec[extra[0]] = extra[1];
  return rec;
}

export function joinRows(inputs: readonly RunRows[], opts: JoinOptions): JoinedRows {
  if (opts.join === null) return stackRows(inputs, opts);
  const join = opts.join;
  const problems: JoinProblem[] = [];
  const ids = new Map<string, number>();
  /** Per joined row, per run: the source row, or -1. */
  const sources: Int32Array[] = [];
  const idCells: TableCell[] = [];
  const kept: boolean[] = [];
  inputs.forEach((input, r) => {
    const at = input.table.columns.indexOf(join);
    const seen = new Set<string>();
    let reported = false;
    for (const i of input.rows) {
      const row = input.table.rows[i]!;
      const id = row[at] ?? null;
      if (id === null) {
        if (!reported) problems.push({ kind: "missingId", run: r, row: i });
        reported = true;
        continue;
      }
      const key = typeof id === "object" ? id.media : String(id);
      if (seen.has(key)) {
        if (!problems.some((p) => p.kind === "duplicateId" && p.run === r)) problems.push({ kind: "duplicateId", run: r, id: key });
        continue;
      }
      seen.add(key);
      let j = ids.get(key);
      if (j === undefined) {
        j = sources.length;
        ids.set(key, j);
        sources.push(new Int32Array(inputs.length).fill(-1));
        idCells.push(id);
        kept.push(false);
      }
      sources[j]![r] = i;
      if (!kept[j] && (!opts.keep || opts.keep(recordOf(input.table, row)))) kept[j] = true;
    }
  });

  const shown = opts.columns.filter((c) => c !== join);
  const at = inputs.map((input) => new Map(input.table.columns.map((c, k) => [c, k])));
  const cell = (r: number, j: number, column: string): TableCell | undefined => {
    const i = sources[j]![r]!;
    const k = at[r]!.get(column);
    return i < 0 || k === undefined ? undefined : inputs[r]!.table.rows[i]![k];
  };
  const rowsKept = sources.map((_, j) => j).filter((j) => kept[j]);
  const columns: RowsColumn[] = [{ key: join, run: null, compared: false }];
  const getters: ((j: number) => PayloadCell)[] = [(j) => encodeCell(idCells[j], (p) => opts.mediaHref(firstRun(sources[j]!), p))];
  for (const name of shown) {
    const everywhere = at.every((m) => m.has(name));
    const shared = everywhere && rowsKept.every((j) => {
      let key: string | undefined;
      for (let r = 0; r < inputs.length; r++) {
        if (sources[j]![r]! < 0) continue;
        const k = cellKey(encodeCell(cell(r, j, name), () => ""));
        if (key === undefined) key = k;
        else if (key !== k) return false;
      }
      return true;
    });
    if (shared) {
      columns.push({ key: name, run: null, compared: false });
      getters.push((j) => {
        const r = firstRun(sources[j]!);
        return encodeCell(cell(r, j, name), (p) => opts.mediaHref(r, p));
      });
      continue;
    }
    const compared = opts.compare ? opts.compare.includes(name) : !rowsKept.some((j) => inputs.some((_, r) => {
      const v = cell(r, j, name);
      return typeof v === "number" && !Number.isInteger(v);
    }));
    inputs.forEach((_, r) => {
      columns.push({ key: name, run: r, compared });
      getters.push((j) => encodeCell(cell(r, j, name), (p) => opts.mediaHref(r, p)));
    });
  }
  const rows = rowsKept.map((j) => getters.map((g) => g(j)));
  const present = rowsKept.map((j) => sources[j]!.reduce((bits, i, r) => (i >= 0 ? bits | (1 << r) : bits), 0));
  return { columns, rows, present, problems };
}

function firstRun(sources: Int32Array): number {
  return Math.max(0, sources.findIndex((i) => i >= 0));
}

/** Rows of each run one after another; with several runs, a first column names the run. */
function stackRows(inputs: readonly RunRows[], opts: JoinOptions): JoinedRows {
  const many = inputs.length > 1;
  const columns: RowsColumn[] = [...(many ? [{ key: opts.runColumn, run: null, compared: false }] : []), ...opts.columns.map((key) => ({ key, run: null, compared: false }))];
  const rows: PayloadCell[][] = [];
  inputs.forEach((input, r) => {
    const at = opts.columns.map((c) => input.table.columns.indexOf(c));
    for (const i of input.rows) {
      const row = input.table.rows[i]!;
      if (opts.keep && !opts.keep(recordOf(input.table, row, many ? [opts.runColumn, input.run.name] : undefined))) continue;
      const cells = at.map((k) => encodeCell(k < 0 ? null : row[k], (p) => opts.mediaHref(r, p)));
      rows.push(many ? [input.run.name, ...cells] : cells);
    }
  });
  return { columns, rows, present: null, problems: [] };
}
