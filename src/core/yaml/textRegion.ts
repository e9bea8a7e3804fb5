import { boundMessage, positionAt, lineStarts, type Diagnostic, type Message, type Position, type Severity } from "../diagnostics.ts";

/**
 * A piece of a file parsed on its own (front matter, a fenced block body): offsets inside the
 * piece map back to the file's line and column so diagnostics point into the real file.
 */
export interface TextRegion {
  file: string;
  /** The piece's text. */
  text: string;
  /** File line (1-based) on which the piece's first line stands. */
  firstLine: number;
  /** Columns the piece was indented by in the file (a fence inside a list item). */
  indent: number;
  /**
   * Columns each line of the piece was indented by, where they differ from `indent`: a fence's
   * body lines may be indented less than the fence, or be blank.
   */
  lineIndents?: readonly number[];
}

function indentOf(region: TextRegion, line: number): number {
  return region.lineIndents?.[line - 1] ?? region.indent;
}

const EXCERPT_WINDOW = 120;

export function regionPosition(region: TextRegion, offset: number, starts?: number[]): Position {
  const at = Math.max(0, Math.min(offset, region.text.length));
  const p = positionAt(region.text, at, starts ?? lineStarts(region.text));
  // An empty line of the piece may be shorter than the indent in the file (a blank line in a
  // list item): its first column is the only one sure to be there.
  const c = region.text.charCodeAt(at);
  const emptyLine = p.column === 1 && (at === region.text.length || c === 10 || c === 13);
  return { line: region.firstLine + p.line - 1, column: emptyLine ? 1 : p.column + indentOf(region, p.line) };
}

/** Line starts of each region's text, computed once: a block with thousands of problems would otherwise split its text for each. */
const startsOf = new WeakMap<TextRegion, { text: string; starts: number[] }>();

function regionStarts(region: TextRegion): number[] {
  let cached = startsOf.get(region);
  if (!cached || cached.text !== region.text) startsOf.set(region, (cached = { text: region.text, starts: lineStarts(region.text) }));
  return cached.starts;
}

export function regionDiagnostic(
  region: TextRegion,
  span: { offset: number; length: number } | undefined,
  message: Message,
  severity: Severity = "error",
): Diagnostic {
  const msg = boundMessage(message);
  const offset = span?.offset ?? 0;
  const starts = regionStarts(region);
  const pos = regionPosition(region, offset, starts);
  const local = positionAt(region.text, Math.max(0, Math.min(offset, region.text.length)), starts);
  const lineStart = starts[local.line - 1] ?? 0;
  const lineEnd = local.line < starts.length ? starts[local.line]! : region.text.length;
  let lineText = region.text.slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, "");
  let column = local.column;
  // A long line (a minified value, a runaway bracket) is cut to a window around the column.
  if (lineText.length > EXCERPT_WINDOW) {
    const from = Math.max(0, column - 1 - EXCERPT_WINDOW / 2);
    const to = Math.min(lineText.length, from + EXCERPT_WINDOW);
    lineText = (from > 0 ? "…" : "") + lineText.slice(from, to) + (to < lineText.length ? "…" : "");
    column = column - from + (from > 0 ? 1 : 0);
  }
  const length = Math.max(1, Math.min(span?.length ?? 1, lineText.length - column + 1));
  const gutter = `${pos.line} | `;
  // An empty line is shown where regionPosition puts it: at the file's first column.
  const indent = lineText === "" ? 0 : indentOf(region, local.line);
  const excerpt = `  ${gutter}${" ".repeat(indent)}${lineText}\n  ${" ".repeat(gutter.length + indent + column - 1)}${"^".repeat(length)}`;
  return {
    file: region.file,
    line: pos.line,
    column: pos.column,
    severity,
    code: msg.code,
    message: msg.message,
    ...(msg.hint ? { hint: msg.hint } : {}),
    excerpt,
  };
}
