/**
 * Wide history CSV (`history.csv`, also Lightning/Keras CSV loggers): a header row, a step column
 * (`step`, else `_step`, else the row index), an optional wall-time column, and one column per
 * metric. Cells are parsed straight into Float64Arrays; an empty cell or a non-finite token is a
 * gap (NaN), never zero. An empty cell was not logged; a non-finite token was (see `lastLogged`).
 */
import type { ParsedHistory, SourceText } from "./runFileTypes.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { STEP_KEYS, TIME_KEYS } from "./HistoryBuilder.ts";
import { runMessages } from "./messages.ts";
import { csvCellText, parseNumberAt, scanCsv } from "./parseCsv.ts";
import { stripBom } from "./parseJsonWithPositions.ts";
import { parseHistoryCsvFast } from "./parseHistoryCsvFast.ts";
import { assembleHistory, firstIndexOf } from "./historyColumns.ts";

const DISPLAY_LIMIT = 40;

function shorten(s: string): string {
  return s.length > DISPLAY_LIMIT ? `${s.slice(0, DISPLAY_LIMIT - 3)}...` : s;
}

export function parseHistoryCsv(file: SourceText): ParsedHistory {
  return parseHistoryCsvFast(file) ?? parseHistoryCsvFull(file);
}

/** The full parser: any CSV, every problem reported with its position. */
export function parseHistoryCsvFull(file: SourceText): ParsedHistory {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);

  let capacity = 1;
  for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) capacity++;
  if (!text.includes("\n")) for (let k = text.indexOf("\r"); k >= 0; k = text.indexOf("\r", k + 1)) capacity++;

  const header: { name: string; offset: number }[] = [];
  let inHeader = true;
  let columns: (Float64Array | null)[] = [];
  let logged: number[] = [];
  /** Per column, the last logged value (NaN for a non-finite token); undefined: none yet. */
  let last: (number | undefined)[] = [];
  let stepCol = -1;
  let timeCol = -1;
  let ncols = 0;
  let rows = 0;
  let col = 0;
  let nonFinite = 0;
  let stepDecrease: { offset: number; from: number; to: number } | null = null;
  let lastStep = -Infinity;
  let rowHasError = false;

  const syntax = scanCsv(text, {
    cell(start, end, quoted) {
      const c = col++;
      if (inHeader) {
        header.push({ name: csvCellText(text, start, end, quoted).trim(), offset: quoted ? start - 1 : start });
        return;
      }
      if (c >= ncols) {
        if (c === ncols) {
          diags.at(quoted ? start - 1 : start, "error", runMessages.csvTooManyCells(countCells(text, start, end, c), ncols));
          rowHasError = true;
        }
        return;
      }
      const target = columns[c];
      if (!target) return;
      if (start === end) {
        if (c === stepCol) {
          diags.at(start, "error", runMessages.badStep(header[c]!.name, "an empty cell"));
          rowHasError = true;
        }
        return;
      }
      let v = parseNumberAt(text, start, end);
      if (v === undefined) {
        const found = shorten(csvCellText(text, start, end, quoted));
        const msg = c === stepCol ? runMessages.badStep(header[c]!.name, `"${found}"`) : runMessages.csvNotNumber(header[c]!.name, found);
        diags.at(quoted ? start - 1 : start, "error", msg, end - start + (quoted ? 2 : 0));
        rowHasError = true;
        return;
      }
      logged[c]!++;
      if (!Number.isFinite(v)) v = NaN; // an overflowing literal such as 1e999 is non-finite too
      if (v !== v) {
        if (c === stepCol) {
          diags.at(start, "error", runMessages.badStep(header[c]!.name, `"${csvCellText(text, start, end, quoted)}"`), end - start);
          rowHasError = true;
          return;
        }
        nonFinite++;
      }
      target[rows] = v;
      last[c] = v;
      if (c === stepCol) {
        if (v < lastStep && stepDecrease === null) stepDecrease = { offset: start, from: lastStep, to: v };
        lastStep = v;
      }
    },
    row(start) {
      if (inHeader) {
        inHeader = false;
        ncols = header.length;
        const seen = new Map<string, number>();
        columns = header.map((h, k) => {
          if (h.name === "") {
            diags.at(h.offset, "warning", runMessages.unnamedColumn(k + 1));
            return null;
          }
          const first = seen.get(h.name);
          if (first !== undefined) {
            diags.at(h.offset, "error", runMessages.duplicateColumn(h.name, first + 1), h.name.length);
            return null;
          }
          seen.set(h.name, k);
          return new Float64Array(capacity).fill(NaN);
        });
        logged = header.map(() => 0);
        last = header.map(() => undefined);
        const names = header.map((h) => h.name);
        stepCol = firstIndexOf(names, STEP_KEYS);
        timeCol = firstIndexOf(names, TIME_KEYS);
        col = 0;
        return;
      }
      if (col < ncols && !rowHasError) diags.at(start, "warning", runMessages.csvTooFewCells(col, ncols));
      if (stepCol >= col && !rowHasError) diags.at(start, "error", runMessages.badStep(header[stepCol]!.name, "a missing cell"));
      rows++;
      col = 0;
      rowHasError = false;
    },
  });

  if (syntax) {
    const msg = syntax.kind === "unterminated-quote" ? runMessages.csvUnterminatedQuote() : runMessages.csvTextAfterQuote(describeChar(text, syntax.offset));
    diags.at(syntax.offset, "error", msg);
    return { history: null, lastLogged: {}, diagnostics: diags.done(), nonFinite };
  }
  if (header.length === 0) {
    diags.whole("error", runMessages.emptyHistoryFile());
    return { history: null, lastLogged: {}, diagnostics: diags.done(), nonFinite };
  }

  for (let c = 0; c < ncols; c++) {
    if (columns[c] && c !== stepCol && logged[c] === 0 && rows > 0) {
      diags.at(header[c]!.offset, "warning", runMessages.emptyColumn(header[c]!.name), header[c]!.name.length);
    }
  }
  if (stepDecrease !== null && !diags.hasErrors) {
    const sd: { offset: number; from: number; to: number } = stepDecrease;
    diags.at(sd.offset, "warning", runMessages.stepDecreases(header[stepCol]!.name, sd.from, sd.to));
  }
  if (diags.hasErrors) return { history: null, lastLogged: {}, diagnostics: diags.done(), nonFinite };

  const { history, lastLogged } = assembleHistory({ names: header.map((h) => h.name), columns, stepCol, timeCol, rows, last });
  return { history, lastLogged, diagnostics: diags.done(), nonFinite };
}


/** How many cells the row starting around `start` has, counting from the cell at index `index`. */
function countCells(text: string, start: number, _end: number, index: number): number {
  let count = index;
  let i = start;
  let inQuote = false;
  if (text.charCodeAt(i - 1) === 34) {
    inQuote = true;
  }
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuote = !inQuote;
    else if (!inQuote && c === 44) count++;
    else if (!inQuote && (c === 10 || c === 13)) break;
  }
  return count + 1;
}

export function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return "end of input";
  const c = text[offset]!;
  return c === "\n" || c === "\r" ? "a line break" : `'${c}'`;
}
