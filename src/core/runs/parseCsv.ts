/**
 * RFC 4180 CSV tokenizer over a string. It reports cells as offsets to a sink instead of building
 * arrays of strings, so numeric CSV can be parsed straight into typed arrays. Blank lines between
 * records are skipped; CRLF, LF and CR line breaks are accepted; a `"` inside an unquoted cell is
 * taken literally. Callers strip a BOM first (see `stripBom`) so offsets match editor columns.
 */

export interface CsvSink {
  /**
   * One cell. For a quoted cell `start..end` is the text between the quotes, which may still hold
   * doubled quotes (see `csvCellText`).
   */
  cell(start: number, end: number, quoted: boolean): void;
  /** End of a record; `start` is the offset of its first character. */
  row(start: number): void;
}

export interface CsvSyntaxError {
  kind: "unterminated-quote" | "text-after-quote";
  offset: number;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Feeds every cell and record of `text` to `sink`. Returns the first syntax error, or null.
 * `delimiter` is the cell separator (__Default value:__ `,`; Python's `csv` writers also use tab or `;`).
 */
export function scanCsv(text: string, sink: CsvSink, delimiter: "," | "\t" | ";" = ","): CsvSyntaxError | null {
  const SEP = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let rowStart = 0;
  let atRowStart = true;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (atRowStart) {
      if (c === LF || c === CR) {
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        continue;
      }
      rowStart = i;
      atRowStart = false;
    }
    let next: number;
    if (c === QUOTE) {
      const start = i + 1;
      let j = start;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) return { kind: "unterminated-quote", offset: i };
        if (text.charCodeAt(j + 1) === QUOTE) j += 2;
        else break;
      }
      sink.cell(start, j, true);
      next = j + 1;
      c = next < n ? text.charCodeAt(next) : LF;
      if (c !== SEP && c !== LF && c !== CR) return { kind: "text-after-quote", offset: next };
    } else {
      let j = i;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === SEP || c === LF || c === CR) break;
        j++;
      }
      sink.cell(i, j, false);
      next = j;
      if (j >= n) c = LF;
    }
    if (c === SEP) {
      i = next + 1;
      if (i >= n) {
        sink.cell(n, n, false);
        sink.row(rowStart);
        return null;
      }
      continue;
    }
    sink.row(rowStart);
    atRowStart = true;
    i = next + (c === CR && text.charCodeAt(next + 1) === LF ? 2 : 1);
  }
  return null;
}

/** The text of a cell, with doubled quotes of a quoted cell undone. */
export function csvCellText(text: string, start: number, end: number, quoted: boolean): string {
  const s = text.slice(start, end);
  return quoted && s.includes('""') ? s.replaceAll('""', '"') : s;
}

export interface CsvCell {
  text: string;
  /** Offset of the cell's first character (the opening quote for quoted cells). */
  offset: number;
}

export interface CsvRecord {
  cells: CsvCell[];
  offset: number;
}

/** All records as strings, for small files (runs tables, headers); `delimiter` as in `scanCsv`. */
export function parseCsv(text: string, delimiter: "," | "\t" | ";" = ","): { records: CsvRecord[]; error: CsvSyntaxError | null } {
  const records: CsvRecord[] = [];
  let cells: CsvCell[] = [];
  const error = scanCsv(text, {
    cell(start, end, quoted) {
      cells.push({ text: csvCellText(text, start, end, quoted), offset: quoted ? start - 1 : start });
    },
    row(start) {
      records.push({ cells, offset: start });
      cells = [];
    },
  }, delimiter);
  return { records, error };
}

/** Tokens that mean a non-finite value: a gap in a history, `null` in a summary. */
const NON_FINITE = new Set(["nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"]);

export function isNonFiniteToken(s: string): boolean {
  return s.length <= 9 && NON_FINITE.has(s.toLowerCase());
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * The number written in `text[start..end)` (surrounding spaces allowed), NaN for a non-finite
 * token (nan, inf, -Infinity, …), or undefined when it is not a decimal number. Simple decimals are
 * converted exactly without allocating (Clinger's fast path); others go through `Number`.
 */
export function parseNumberAt(text: string, start: number, end: number): number | undefined {
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  let i = start;
  let c = text.charCodeAt(i);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let intDigits = 0;
  while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
    if (mantissa !== 0 || c !== 48) digits++;
    mantissa = mantissa * 10 + (c - 48);
    intDigits++;
    i++;
  }
  let fracDigits = 0;
  if (i < end && text.charCodeAt(i) === 46) {
    i++;
    while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      if (mantissa !== 0 || c !== 48) digits++;
      mantissa = mantissa * 10 + (c - 48);
      fracDigits++;
      i++;
    }
    scale = -fracDigits;
  }
  if (intDigits + fracDigits === 0) return nonFiniteOrUndefined(text, start, end);
  if (i < end && ((c = text.charCodeAt(i)) === 101 || c === 69)) {
    i++;
    let expNeg = false;
    c = text.charCodeAt(i);
    if (c === 45 || c === 43) {
      expNeg = c === 45;
      i++;
    }
    let exp = 0;
    let expDigits = 0;
    while (i < end && (c = text.charCodeAt(i)) >= 48 && c <= 57) {
      if (exp < 100000) exp = exp * 10 + (c - 48);
      expDigits++;
      i++;
    }
    if (expDigits === 0) return undefined;
    scale += expNeg ? -exp : exp;
  }
  if (i !== end) return nonFiniteOrUndefined(text, start, end);
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    const v = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
    return neg ? -v : v;
  }
  return Number(text.slice(start, end));
}

function nonFiniteOrUndefined(text: string, start: number, end: number): number | undefined {
  return end - start <= 9 && NON_FINITE.has(text.slice(start, end).toLowerCase()) ? NaN : undefined;
}
