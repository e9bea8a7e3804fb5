/**
 * The fast path of `parseHistoryCsv` for what nearly every history file is: a plain header and
 * rows of unquoted numbers. One pass over the text with no callbacks and no substrings; anything
 * else — quotes, spaces, text, ragged rows, blank lines, an empty or decreasing step, a column with
 * no values — returns null so the full parser handles it and reports it. When it returns a result,
 * that result is exactly what `parseHistoryCsv` gives (tested on every fixture).
 */
import { STEP_KEYS, TIME_KEYS } from "./HistoryBuilder.ts";
import { assembleHistory, firstIndexOf } from "./historyColumns.ts";
import { isNonFiniteToken } from "./parseCsv.ts";
import type { ParsedHistory, SourceText } from "./parseHistoryCsv.ts";
import { stripBom } from "./parseJsonWithPositions.ts";

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const COMMA = 44;
const LF = 10;
const CR = 13;

export function parseHistoryCsvFast(file: SourceText): ParsedHistory | null {
  const text = stripBom(file.text);
  const n = text.length;
  const headerEnd = text.indexOf("\n");
  if (headerEnd <= 0 || text.includes('"')) return null;
  const headerLine = text.charCodeAt(headerEnd - 1) === CR ? text.slice(0, headerEnd - 1) : text.slice(0, headerEnd);
  const names = headerLine.split(",");
  if (names.some((h) => h === "" || h !== h.trim()) || new Set(names).size !== names.length) return null;
  const ncols = names.length;

  let capacity = 0;
  for (let k = text.indexOf("\n", headerEnd + 1); k >= 0; k = text.indexOf("\n", k + 1)) capacity++;
  if (n > 0 && text.charCodeAt(n - 1) !== LF) capacity++;
  const columns = names.map(() => new Float64Array(capacity).fill(NaN));
  const logged = new Int32Array(ncols);
  const last = new Float64Array(ncols).fill(NaN);
  const hasLast = new Uint8Array(ncols);
  const stepCol = firstIndexOf(names, STEP_KEYS);
  const timeCol = firstIndexOf(names, TIME_KEYS);
  let nonFinite = 0;
  let lastStep = -Infinity;
  let rows = 0;

  let i = headerEnd + 1;
  while (i < n) {
    for (let c = 0; c < ncols; c++) {
      const start = i;
      let ch = text.charCodeAt(i);
      if (i >= n || ch === COMMA || ch === LF || ch === CR) {
        if (c === stepCol) return null;
      } else {
        let neg = false;
        if (ch === 45 || ch === 43) {
          neg = ch === 45;
          ch = text.charCodeAt(++i);
        }
        let mantissa = 0;
        let digits = 0;
        let scale = 0;
        let any = false;
        while (ch >= 48 && ch <= 57) {
          if (mantissa !== 0 || ch !== 48) digits++;
          mantissa = mantissa * 10 + (ch - 48);
          any = true;
          ch = text.charCodeAt(++i);
        }
        if (ch === 46) {
          ch = text.charCodeAt(++i);
          while (ch >= 48 && ch <= 57) {
            if (mantissa !== 0 || ch !== 48) digits++;
            mantissa = mantissa * 10 + (ch - 48);
            scale--;
            any = true;
            ch = text.charCodeAt(++i);
          }
        }
        let v: number;
        if (!any) {
          // A non-finite token (nan, inf, -Infinity, …) is logged; any other text is for the full parser.
          let end = i;
          while (end < n && (ch = text.charCodeAt(end)) !== COMMA && ch !== LF && ch !== CR) end++;
          if (!isNonFiniteToken(text.slice(start, end))) return null;
          i = end;
          v = NaN;
        } else {
          if (ch === 101 || ch === 69) {
            ch = text.charCodeAt(++i);
            let expNeg = false;
            if (ch === 45 || ch === 43) {
              expNeg = ch === 45;
              ch = text.charCodeAt(++i);
            }
            let exp = 0;
            let expDigits = 0;
            while (ch >= 48 && ch <= 57) {
              if (exp < 100000) exp = exp * 10 + (ch - 48);
              expDigits++;
              ch = text.charCodeAt(++i);
            }
            if (expDigits === 0) return null;
            scale += expNeg ? -exp : exp;
          }
          if (i < n && ch !== COMMA && ch !== LF && ch !== CR) return null;
          if (digits <= 15 && scale >= -22 && scale <= 22) v = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
          else v = Math.abs(Number(text.slice(neg ? start + 1 : start, i)));
          if (neg) v = -v;
          if (!Number.isFinite(v)) v = NaN;
        }
        if (v !== v) {
          if (c === stepCol) return null;
          nonFinite++;
        } else if (c === stepCol) {
          if (v < lastStep) return null;
          lastStep = v;
        }
        columns[c]![rows] = v;
        logged[c]!++;
        last[c] = v;
        hasLast[c] = 1;
      }
      // The cell ends at a comma (more cells follow) or at the end of the row.
      ch = text.charCodeAt(i);
      if (c < ncols - 1) {
        if (ch !== COMMA) return null;
        i++;
      } else if (i < n) {
        if (ch === CR) ch = text.charCodeAt(++i);
        if (ch !== LF) return null;
        i++;
      }
    }
    rows++;
  }
  if (rows !== capacity) return null;
  for (let c = 0; c < ncols; c++) if (c !== stepCol && logged[c] === 0 && rows > 0) return null;

  const lastValues = Array.from(last, (v, c) => (hasLast[c] ? v : undefined));
  const { history, lastLogged } = assembleHistory({ names, columns, stepCol, timeCol, rows, last: lastValues });
  return { history, lastLogged, diagnostics: [], nonFinite };
}
