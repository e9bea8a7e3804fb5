/**
 * The fast path of `parseHistoryCsv` for what nearly every history file is: a plain header and
 * rows of unquoted numbers. One pass over the bytes with no callbacks and no substrings; anything
 * else — quotes, spaces, text, ragged rows, blank lines, an empty or decreasing step, a column with
 * no values — returns null so the full parser handles it and reports it. When it returns a result,
 * that result is exactly what `parseHistoryCsv` gives (tested on every fixture).
 *
 * It reads the file's bytes when the loader gives them (`SourceText.bytes`), so a plain numeric
 * file is never decoded into a string: the body of such a file is ASCII, where bytes and UTF-16
 * code units coincide, and any other byte makes it step aside.
 */
import { STEP_KEYS, TIME_KEYS } from "./HistoryBuilder.ts";
import { assembleHistory, firstIndexOf } from "./historyColumns.ts";
import { isNonFiniteToken } from "./parseCsv.ts";
import type { ParsedHistory, SourceText } from "./runFileTypes.ts";
import { stripBom } from "./parseJsonWithPositions.ts";

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const COMMA = 44;
const LF = 10;
const CR = 13;

/** The header's names and the body (everything after the header's line feed) as bytes. */
interface SplitCsv {
  names: string[];
  body: Uint8Array;
  /** Offset of the first body byte in `body`. */
  start: number;
}

export function parseHistoryCsvFast(file: SourceText): ParsedHistory | null {
  const csv = (file.bytes && splitBytes(file.bytes)) || splitText(file.text);
  if (!csv) return null;
  const { names } = csv;
  if (names.some((h) => h === "" || h !== h.trim()) || new Set(names).size !== names.length) return null;
  return parseBody(names, csv.body, csv.start);
}

/** Header and body of a file given as bytes; null when the header line is not plain ASCII (the text path decides then). */
function splitBytes(bytes: Uint8Array): SplitCsv | null {
  let headerEnd = 0;
  let header = "";
  for (; headerEnd < bytes.length; headerEnd++) {
    const b = bytes[headerEnd]!;
    if (b === LF) break;
    // A NUL is UTF-16 or UTF-32 text: the text path names the encoding.
    if (b >= 0x80 || b === 0) return null;
    header += String.fromCharCode(b);
  }
  if (headerEnd === bytes.length) return null;
  return fromHeaderLine(header, bytes, headerEnd + 1);
}

/** Header and body of a file given as text: the body goes to bytes (UTF-8, so any non-ASCII character is rejected as a byte ≥ 0x80). */
function splitText(raw: string): SplitCsv | null {
  const text = stripBom(raw);
  const headerEnd = text.indexOf("\n");
  if (headerEnd <= 0) return null;
  return fromHeaderLine(text.slice(0, headerEnd), new TextEncoder().encode(text.slice(headerEnd + 1)), 0);
}

function fromHeaderLine(line: string, body: Uint8Array, start: number): SplitCsv | null {
  const header = line.charCodeAt(line.length - 1) === CR ? line.slice(0, -1) : line;
  // Quotes are for the full parser (in the body, the cells reject them on their own), and so is a
  // lone CR, which the full parser reads as a line break.
  if (line.length === 0 || header.includes('"') || header.includes("\r")) return null;
  return { names: header.split(","), body, start };
}

/**
 * Rows of unquoted numbers into one Float64Array per column. Every byte of the body is read
 * exactly once and every cell is written (NaN for an empty one), so the columns need no fill.
 */
function parseBody(names: readonly string[], body: Uint8Array, start: number): ParsedHistory | null {
  const buf = withFinalLineFeed(body, start);
  if (!buf) return null;
  const ncols = names.length;
  const stepCol = firstIndexOf(names, STEP_KEYS);
  const timeCol = firstIndexOf(names, TIME_KEYS);
  let capacity = estimateRows(buf, start);
  const state: RowState = {
    buf,
    i: start,
    columns: names.map(() => new Float64Array(capacity)),
    lastRow: new Int32Array(ncols).fill(-1),
    stepCol,
    lastStep: -Infinity,
    nonFinite: 0,
    row: 0,
  };
  while (state.i < buf.length) {
    if (state.row === capacity) {
      capacity = 2 * capacity + 16;
      state.columns = state.columns.map((col) => grow(col, capacity));
    }
    if (!parseRow(state)) return null;
  }
  const { lastRow, row: count } = state;
  let columns = state.columns;
  for (let c = 0; c < ncols; c++) if (c !== stepCol && lastRow[c] === -1 && count > 0) return null;

  const last = names.map((_, c) => (lastRow[c]! >= 0 ? columns[c]![lastRow[c]!]! : undefined));
  // A close guess keeps its few spare rows rather than copying every column.
  if (capacity - count <= count / 8) columns = columns.map((col) => col.subarray(0, count));
  const { history, lastLogged } = assembleHistory({ names, columns, stepCol, timeCol, rows: count, last });
  return { history, lastLogged, diagnostics: [], nonFinite: state.nonFinite };
}

/**
 * Where the parse of a body stands between rows. Rows are parsed by a function of their own, called
 * once per row: V8 optimises it like any hot function, where one long loop over the whole file ran
 * as on-stack-replaced code that deoptimised each time an inner loop ended.
 */
interface RowState {
  /** The body, ending in a line feed: every scan stops inside it, so no read needs a bounds check. */
  readonly buf: Uint8Array;
  /** Offset of the next row. */
  i: number;
  columns: Float64Array[];
  /** Per column, the last row where a value was logged (−1: none). */
  readonly lastRow: Int32Array;
  readonly stepCol: number;
  lastStep: number;
  nonFinite: number;
  /** Index of the next row. */
  row: number;
}

/** One row into the columns; false when it is not plain numeric CSV (or the step decreases). */
function parseRow(state: RowState): boolean {
  const { buf, columns, lastRow, stepCol, row } = state;
  const ncols = columns.length;
  let i = state.i;
  for (let c = 0; c < ncols; c++) {
    const column = columns[c]!;
    const cellStart = i;
    let ch = buf[i]!;
    if (ch === COMMA || ch === LF || ch === CR) {
      // A line that starts with its end is blank: the full parser skips it, a one-column row would not.
      if (c === stepCol || (c === 0 && ch !== COMMA)) return false;
      column[row] = NaN;
    } else {
      let neg = false;
      if (ch === 45 || ch === 43) {
        neg = ch === 45;
        ch = buf[++i]!;
      }
      // All digits, integer and fraction, as one integer: exact while below 10^15.
      let mantissa = 0;
      const intStart = i;
      while (ch >= 48 && ch <= 57) {
        mantissa = mantissa * 10 + (ch - 48);
        ch = buf[++i]!;
      }
      let any = i > intStart;
      let scale = 0;
      if (ch === 46) {
        ch = buf[++i]!;
        const fracStart = i;
        while (ch >= 48 && ch <= 57) {
          mantissa = mantissa * 10 + (ch - 48);
          ch = buf[++i]!;
        }
        scale = fracStart - i;
        any ||= i > fracStart;
      }
      let v: number;
      if (!any) {
        // A non-finite token (nan, inf, -Infinity, …) is logged; any other text is for the full parser.
        let end = i;
        while ((ch = buf[end]!) !== COMMA && ch !== LF && ch !== CR) end++;
        if (end - cellStart > 9 || !isNonFiniteToken(latin1(buf, cellStart, end))) return false;
        i = end;
        v = NaN;
      } else {
        if (ch === 101 || ch === 69) {
          ch = buf[++i]!;
          let expNeg = false;
          if (ch === 45 || ch === 43) {
            expNeg = ch === 45;
            ch = buf[++i]!;
          }
          let exp = 0;
          const expStart = i;
          while (ch >= 48 && ch <= 57) {
            if (exp < 100000) exp = exp * 10 + (ch - 48);
            ch = buf[++i]!;
          }
          if (i === expStart) return false;
          scale += expNeg ? -exp : exp;
        }
        if (ch !== COMMA && ch !== LF && ch !== CR) return false;
        // Clinger's fast path: at most 15 significant digits (mantissa < 10^15) and an exact power of ten.
        if (mantissa < 1e15 && scale >= -22 && scale <= 22) v = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
        else v = Math.abs(Number(latin1(buf, neg ? cellStart + 1 : cellStart, i)));
        if (neg) v = -v;
        if (!Number.isFinite(v)) v = NaN;
      }
      if (v !== v) {
        if (c === stepCol) return false;
        state.nonFinite++;
      } else if (c === stepCol) {
        if (v < state.lastStep) return false;
        state.lastStep = v;
      }
      column[row] = v;
      lastRow[c] = row;
    }
    // The cell ends at a comma (more cells follow) or at the end of the row.
    if (c < ncols - 1) {
      if (buf[i] !== COMMA) return false;
      i++;
    } else {
      if (buf[i] === CR) i++;
      if (buf[i] !== LF) return false;
      i++;
    }
  }
  state.i = i;
  state.row = row + 1;
  return true;
}

/**
 * The body ending in a line feed (copied with one added when the last line has none, which
 * parses the same): then every scan stops inside the buffer. Null when it ends in a lone CR,
 * which the parser would reject anyway.
 */
function withFinalLineFeed(body: Uint8Array, start: number): Uint8Array | null {
  const n = body.length;
  if (n <= start || body[n - 1] === LF) return body;
  if (body[n - 1] === CR) return null;
  const out = new Uint8Array(n + 1);
  out.set(body);
  out[n] = LF;
  return out;
}

/**
 * Rows the body probably has, from the mean length of a few lines spread over it, plus a little:
 * counting the line feeds would cost a pass over the file; a short guess costs a copy of the
 * columns, a long one a few spare rows.
 */
function estimateRows(buf: Uint8Array, start: number): number {
  const n = buf.length;
  if (start >= n) return 0;
  const SAMPLES = 8;
  let sampled = 0;
  let lines = 0;
  for (let k = 0; k < SAMPLES; k++) {
    // The line after the line feed at or before this point (the first line for k = 0).
    let from = start + Math.floor((k * (n - start)) / SAMPLES);
    if (k > 0) {
      while (from < n && buf[from - 1] !== LF) from++;
    }
    let end = from;
    while (end < n && buf[end] !== LF) end++;
    if (end === n) break;
    sampled += end + 1 - from;
    lines++;
  }
  if (lines === 0) return 1;
  return Math.ceil(((n - start) * lines * 1.02) / sampled) + 16;
}

function grow(column: Float64Array, capacity: number): Float64Array {
  const out = new Float64Array(capacity);
  out.set(column);
  return out;
}

/** Bytes [start, end) as a string, one character per byte (only short cells come here). */
function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let k = start; k < end; k++) s += String.fromCharCode(buf[k]!);
  return s;
}
