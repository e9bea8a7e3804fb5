/**
 * Diagnostics are data with a position. Every module that reads user input reports problems as
 * `Diagnostic` values; the CLI, the build and the dev server only format and display them.
 */
import { compareText } from "./format/compareText.ts";

export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Repository-relative POSIX path, e.g. `runs/nanogpt/lr-3e-4.json` or `reports/sweep.md`. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column (in UTF-16 code units, as editors count). */
  column: number;
  severity: Severity;
  /** Permanent code from a message catalog, e.g. `RUN003`, `EXPR002`, `BLOCK001`. */
  code: string;
  /** What happened: names what was expected and what was found. */
  message: string;
  /** What to do, or a did-you-mean. */
  hint?: string;
  /** Optional source excerpt with a caret under the column (already formatted lines). */
  excerpt?: string;
}

/** A catalog entry's output: what every message function in a `messages.ts` returns. */
export interface Message {
  code: string;
  message: string;
  hint?: string;
}

export interface Position {
  line: number;
  column: number;
}

/** Longest run of non-space characters a message shows whole (a path, a key, a quoted value). */
export const MAX_MESSAGE_WORD = 300;
/** Longest message or hint, in UTF-16 code units. */
export const MAX_MESSAGE = 2_000;

/**
 * `text` with every run of non-space characters longer than `MAX_MESSAGE_WORD` and the whole text
 * past `MAX_MESSAGE` cut in the middle ("…"): messages quote what a file holds (a key, a state, an
 * expression), and a file may hold a megabyte there. Both ends stay, as they tell most.
 */
export function boundText(text: string): string {
  if (text.length <= MAX_MESSAGE_WORD) return text;
  const words = text.replace(new RegExp(`\\S{${MAX_MESSAGE_WORD + 1},}`, "g"), (w) => cutMiddle(w, MAX_MESSAGE_WORD));
  return words.length > MAX_MESSAGE ? cutMiddle(words, MAX_MESSAGE) : words;
}

/** `text` cut to about `max` code units around a "…" in the middle, never inside a surrogate pair. */
function cutMiddle(text: string, max: number): string {
  const tail = Math.floor(max / 4);
  let head = max - tail - 1;
  if (isLowSurrogate(text.charCodeAt(head))) head--;
  let from = text.length - tail;
  if (isLowSurrogate(text.charCodeAt(from))) from++;
  return `${text.slice(0, head)}…${text.slice(from)}`;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A catalog message with its text and hint bounded (`boundText`). */
export function boundMessage<M extends Message>(m: M): M {
  if (m.message.length <= MAX_MESSAGE_WORD && (m.hint === undefined || m.hint.length <= MAX_MESSAGE_WORD)) return m;
  return { ...m, message: boundText(m.message), ...(m.hint !== undefined ? { hint: boundText(m.hint) } : {}) };
}

/** `reports/sweep.md:14:3: error BLOCK001: …` plus hint and excerpt lines. */
export function formatDiagnostic(d: Diagnostic): string {
  let out = `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${boundText(d.message)}`;
  if (d.excerpt) out += `\n${d.excerpt}`;
  if (d.hint) out += `\n  hint: ${boundText(d.hint)}`;
  return out;
}

/** Stable order for listing: by file, line, column, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return compareText(a.file, b.file);
  return a.line - b.line || a.column - b.column || compareText(a.code, b.code);
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/** Offsets of the start of each line, for repeated offset → line/column lookups. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column of a 0-based offset. Pass `starts` from `lineStarts` when calling often. */
export function positionAt(text: string, offset: number, starts: number[] = lineStarts(text)): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const start = starts[lo]!;
  // A line's terminator is not part of it: an offset on the "\n" of "\r\n" (where a parser may
  // point at the end of a line) is the column just past the line's last character.
  let end = lo + 1 < starts.length ? starts[lo + 1]! : text.length;
  if (end > start && text.charCodeAt(end - 1) === 10) end--;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { line: lo + 1, column: Math.min(offset, end) - start + 1 };
}

/** The source line at `line` (1-based) and a caret line under `column`..`column+length-1`. */
export function caretExcerpt(text: string, line: number, column: number, length = 1): string {
  const src = text.split(/\r\n|\r|\n/)[line - 1] ?? "";
  const gutter = `${line} | `;
  const pad = " ".repeat(gutter.length + Math.max(0, column - 1));
  return `  ${gutter}${src}\n  ${pad}${"^".repeat(Math.max(1, length))}`;
}

/** Edit distance counting an adjacent swap as one edit (`adn` → `and`), for short strings (keys, metric names). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/** The closest candidate within a distance that scales with length, or undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  // Short words need a close match: `pie` is not a typo of `line`.
  const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  for (const c of candidates) {
    // Same word in other case, then a typed prefix (`lin` → `linear`), then the nearest by edits.
    const d =
      c.toLowerCase() === word.toLowerCase()
        ? 0.5
        : word.length >= 2 && c.toLowerCase().startsWith(word.toLowerCase())
          ? 0.75
          : editDistance(word, c);
    if (d < bestScore || (d === bestScore && best !== undefined && compareText(c, best) < 0)) {
      best = c;
      bestScore = d;
    }
  }
  return bestScore <= limit ? best : undefined;
}
