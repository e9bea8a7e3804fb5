/**
 * Table files in the `{"columns": [...], "data": [[...], ...]}` form that W&B (`*.table.json`) and
 * MLflow (`log_table`) write, read with bare NaN/Infinity and positioned diagnostics; and the
 * conversion of their cells to run-format table values.
 */
import { positionAt, type Diagnostic, type Message } from "../diagnostics.ts";
import { describeJsonValue, jsonPathKey, parseJsonWithPositions, type JsonSpan } from "../runs/parseJsonWithPositions.ts";
import { importMessages } from "./importMessages.ts";
import { mediaMessages } from "./mediaMessages.ts";
import type { TableValue } from "./runFiles.ts";

export interface TableJson {
  columns: string[];
  data: unknown[][];
  /** Offset of a cell in the text (`data[row][column]`), for diagnostics about it. */
  offsetOf(row: number, column: number): number;
}

function diagnostic(path: string, text: string, offset: number, m: Message): Diagnostic {
  const pos = positionAt(text, offset);
  return { file: path, line: pos.line, column: pos.column, severity: "error", code: m.code, message: m.message, ...(m.hint ? { hint: m.hint } : {}) };
}

export function readTableJson(path: string, text: string): { ok: true; table: TableJson } | { ok: false; diagnostic: Diagnostic } {
  const parsed = parseJsonWithPositions(text, { positions: true });
  if (!parsed.ok) return { ok: false, diagnostic: diagnostic(path, text, parsed.error.offset, importMessages.jsonSyntax(parsed.error.message)) };
  const spans = parsed.positions!;
  const at = (p: (string | number)[]): number => spans.get(jsonPathKey(p))?.offset ?? 0;
  const bad = (p: (string | number)[], expected: string, v: unknown, found = describeJsonValue(v)): { ok: false; diagnostic: Diagnostic } => ({
    ok: false,
    diagnostic: diagnostic(path, text, at(p), mediaMessages.tableShape(expected, found)),
  });
  const v = parsed.value;
  if (v === null || typeof v !== "object" || Array.isArray(v)) return bad([], "a table object", v);
  const o = v as Record<string, unknown>;
  if (!Array.isArray(o.columns)) return bad(Object.hasOwn(o, "columns") ? ["columns"] : [], 'a "columns" list', o.columns ?? o);
  const columns: string[] = [];
  for (let i = 0; i < o.columns.length; i++) {
    const c: unknown = o.columns[i];
    if (typeof c === "string") columns.push(c);
    else if (typeof c === "number") columns.push(String(c));
    else return bad(["columns", i], "a column name", c);
  }
  if (!Array.isArray(o.data)) return bad(Object.hasOwn(o, "data") ? ["data"] : [], 'a "data" list of rows', o.data ?? o);
  const data: unknown[][] = [];
  for (let r = 0; r < o.data.length; r++) {
    const row: unknown = o.data[r];
    if (!Array.isArray(row)) return bad(["data", r], "a row (a list of cells)", row);
    if (row.length !== columns.length) return bad(["data", r], `a row of ${columns.length} cell(s)`, row, `a row of ${row.length}`);
    data.push(row);
  }
  const offsetOf = (row: number, column: number): number => (spans.get(jsonPathKey(["data", row, column])) as JsonSpan | undefined)?.offset ?? at(["data", row]);
  return { ok: true, table: { columns, data, offsetOf } };
}

/** A table cell as a run-format value: scalars as they are, anything structured as its JSON text. */
export function plainCell(v: unknown): TableValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "number" && !Number.isFinite(x) ? String(x) : x));
}

/** Column names made unique (a repeated name gets ` (2)`), so no cell overwrites another. */
export function uniqueColumns(columns: readonly string[], reserved: readonly string[] = []): string[] {
  const taken = new Set(reserved);
  return columns.map((c) => {
    let name = c;
    for (let i = 2; taken.has(name); i++) name = `${c} (${i})`;
    taken.add(name);
    return name;
  });
}
