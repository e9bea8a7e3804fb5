/**
 * A JSON-lines table (`tables/<name>.jsonl`): one row object per line, blank lines ignored. Values
 * are text, numbers (Python's bare `NaN`, `Infinity`, `-Infinity` too), booleans, null, or a media
 * cell `{"media": "media/…"}`. Each line goes through `JSON.parse`; the positional parser runs for
 * bare non-finite tokens and for a line with something to report.
 */
import { forEachLine, parseObjectLine } from "./jsonLineReader.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { isPlainObject } from "./parseHistoryJsonl.ts";
import { describeJsonValue, jsonPathKey, parseJsonWithPositions, stripBom, type JsonPath } from "./parseJsonWithPositions.ts";
import type { SourceText } from "./runFileTypes.ts";
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, mediaCellProblem, TableBuilder, type ParsedTable, type TableParseOptions } from "./tableBuilder.ts";
import type { TableCell } from "./tableData.ts";
import { tableMessages } from "./tableMessages.ts";

export function parseTableJsonl(file: SourceText, name: string, opts: TableParseOptions = {}): ParsedTable {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);
  const builder = new TableBuilder();
  forEachLine(text, (line, start, lineNo) => {
    if (builder.full) {
      diags.at(start, "error", tableMessages.tooLarge("rows", MAX_TABLE_ROWS));
      return false;
    }
    const value = parseObjectLine(line, start, lineNo, diags, tableMessages.rowNotObject);
    if (value) readRow(value, line, start, builder, diags, opts);
  });
  if (builder.rows.length === 0 && !diags.hasErrors) diags.whole("warning", tableMessages.emptyTable());
  return { table: diags.hasErrors ? null : builder.finish(name, file.path), diagnostics: diags.done() };
}

function readRow(value: Record<string, unknown>, line: string, start: number, builder: TableBuilder, diags: FileDiagnostics, opts: TableParseOptions): void {
  // The line's positions are read once, and only when something on it is reported.
  let positions: ReturnType<typeof parseJsonWithPositions> | null = null;
  const offsetOf = (path: JsonPath): number => {
    positions ??= parseJsonWithPositions(line, { positions: true });
    return start + (positions.ok ? (positions.positions?.get(jsonPathKey(path))?.offset ?? 0) : 0);
  };
  const cells: TableCell[] = [];
  let ok = true;
  for (const key of Object.keys(value)) {
    const raw = value[key];
    const cell = toCell(raw);
    if (cell === undefined) {
      diags.at(offsetOf([key]), "error", tableMessages.cellType(key, describeJsonValue(raw)));
      ok = false;
      continue;
    }
    if (typeof cell === "object" && cell !== null) {
      const problem = mediaCellProblem(cell.media, opts);
      if (problem) {
        const shown = JSON.stringify(cell.media);
        diags.at(offsetOf([key, "media"]), "error", problem.kind === "missing" ? tableMessages.mediaMissing(shown) : tableMessages.mediaPath(shown, problem.problem));
        ok = false;
        continue;
      }
    }
    const col = builder.columnOf(key);
    if (col < 0) {
      diags.at(offsetOf([key]), "error", tableMessages.tooLarge("columns", MAX_TABLE_COLUMNS));
      ok = false;
      continue;
    }
    while (cells.length < col) cells.push(null);
    cells[col] = cell;
  }
  const step = Object.hasOwn(value, "step") ? toCell(value.step) : undefined;
  const stepProblem = builder.stepProblem(Object.hasOwn(value, "step") ? (step ?? null) : undefined);
  if (stepProblem !== null) {
    diags.at(Object.hasOwn(value, "step") ? offsetOf(["step"]) : start, "error", tableMessages.badStep(stepProblem));
    ok = false;
  }
  if (ok) builder.addRow(cells, typeof step === "number" ? step : undefined);
}

/** A JSON value as a cell, or undefined when a cell cannot hold it (lists, other objects). */
function toCell(raw: unknown): TableCell | undefined {
  if (raw === null || typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
  if (isPlainObject(raw) && Object.keys(raw).length === 1 && typeof raw.media === "string") return { media: raw.media };
  return undefined;
}
