/**
 * A CSV table (`tables/<name>.csv`): a header row, then one row per example. Cells are typed as
 * in a history CSV (numbers, `nan`/`inf`, an empty cell is a gap) and otherwise kept as text; a
 * quoted cell and a number written with a leading zero (`007`, an id) stay text, so nothing the
 * file says changes; a text cell that starts with `media/` and ends in an image extension is a
 * media cell.
 */
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { runMessages } from "./messages.ts";
import { csvCellText, parseNumberAt, scanCsv } from "./parseCsv.ts";
import { describeChar } from "./parseHistoryCsv.ts";
import { stripBom } from "./parseJsonWithPositions.ts";
import type { SourceText } from "./runFileTypes.ts";
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, mediaCellProblem, TableBuilder, type ParsedTable, type TableParseOptions } from "./tableBuilder.ts";
import { mediaKind, type TableCell } from "./tableData.ts";
import { tableMessages } from "./tableMessages.ts";

const LEADING_ZERO = /^[+-]?0\d/;

/** A cell's value: a number, ±Infinity or NaN for a number-like cell, else its text (null when empty). */
export function csvTableCell(text: string, start: number, end: number, quoted: boolean): TableCell {
  if (quoted) return csvCellText(text, start, end, true);
  if (start === end) return null;
  const raw = text.slice(start, end);
  const v = parseNumberAt(text, start, end);
  if (v === undefined || LEADING_ZERO.test(raw.trim())) return raw;
  if (v !== v) {
    // parseNumberAt reads every non-finite token as NaN; a table keeps the infinities.
    const token = raw.trim().toLowerCase();
    if (token.includes("inf")) return token.startsWith("-") ? -Infinity : Infinity;
  }
  return v;
}

export function parseTableCsv(file: SourceText, name: string, opts: TableParseOptions = {}): ParsedTable {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);
  const builder = new TableBuilder();
  const header: { name: string; offset: number }[] = [];
  /** Per file column, the table column it fills (-1: left out). */
  let target: number[] = [];
  let stepCol = -1;
  let inHeader = true;
  let cells: TableCell[] = [];
  let col = 0;
  let rowOk = true;
  let stepOffset = 0;
  let stopped = false;

  const syntax = scanCsv(text, {
    cell(start, end, quoted) {
      const c = col++;
      if (stopped) return;
      if (inHeader) {
        header.push({ name: csvCellText(text, start, end, quoted).trim(), offset: quoted ? start - 1 : start });
        return;
      }
      const at = quoted ? start - 1 : start;
      if (c >= header.length) {
        if (c === header.length) {
          diags.at(at, "error", runMessages.csvTooManyCells(countCells(text, start, c), header.length));
          rowOk = false;
        }
        return;
      }
      if (c === stepCol) stepOffset = at;
      const t = target[c]!;
      if (t < 0) return;
      let cell = csvTableCell(text, start, end, quoted);
      if (typeof cell === "string" && cell.startsWith("media/") && mediaKind(cell) === "image") {
        const problem = mediaCellProblem(cell, opts);
        if (problem) {
          diags.at(at, "error", problem.kind === "missing" ? tableMessages.mediaMissing(JSON.stringify(cell)) : tableMessages.mediaPath(JSON.stringify(cell), problem.problem), end - start);
          rowOk = false;
          return;
        }
        cell = { media: cell };
      }
      while (cells.length < t) cells.push(null);
      cells[t] = cell;
    },
    row(start) {
      const count = col;
      col = 0;
      if (stopped) return;
      if (inHeader) {
        inHeader = false;
        readHeader();
        return;
      }
      if (builder.full) {
        diags.at(start, "error", tableMessages.tooLarge("rows", MAX_TABLE_ROWS));
        stopped = true;
        return;
      }
      if (count < header.length && rowOk) diags.at(start, "warning", runMessages.csvTooFewCells(count, header.length));
      let step: TableCell | undefined;
      if (stepCol >= 0) step = stepCol < count ? (cells[target[stepCol]!] ?? null) : null;
      const problem = builder.stepProblem(step);
      if (problem !== null) {
        diags.at(stepCol < count ? stepOffset : start, "error", tableMessages.badStep(problem));
        rowOk = false;
      }
      if (rowOk) builder.addRow(cells, typeof step === "number" ? step : undefined);
      cells = [];
      rowOk = true;
    },
  });

  function readHeader(): void {
    const seen = new Map<string, number>();
    target = header.map((h, k) => {
      if (h.name === "") {
        diags.at(h.offset, "warning", runMessages.unnamedColumn(k + 1));
        return -1;
      }
      const first = seen.get(h.name);
      if (first !== undefined) {
        diags.at(h.offset, "error", runMessages.duplicateColumn(h.name, first + 1), h.name.length);
        return -1;
      }
      seen.set(h.name, k);
      const t = builder.columnOf(h.name);
      if (t < 0 && seen.size === MAX_TABLE_COLUMNS + 1) diags.at(h.offset, "error", tableMessages.tooLarge("columns", MAX_TABLE_COLUMNS));
      return t;
    });
    stepCol = header.findIndex((h, k) => h.name === "step" && target[k]! >= 0);
  }

  if (syntax) {
    diags.at(syntax.offset, "error", syntax.kind === "unterminated-quote" ? runMessages.csvUnterminatedQuote() : runMessages.csvTextAfterQuote(describeChar(text, syntax.offset)));
  } else if (header.length === 0) {
    diags.whole("warning", tableMessages.emptyTable());
  } else if (builder.rows.length === 0 && !diags.hasErrors) {
    diags.whole("warning", tableMessages.emptyTable());
  }
  return { table: diags.hasErrors ? null : builder.finish(name, file.path), diagnostics: diags.done() };
}

/** How many cells the row holding the cell at `start` (its `index`-th) has. */
function countCells(text: string, start: number, index: number): number {
  let count = index;
  let inQuote = text.charCodeAt(start - 1) === 34;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuote = !inQuote;
    else if (!inQuote && c === 44) count++;
    else if (!inQuote && (c === 10 || c === 13)) break;
  }
  return count + 1;
}
