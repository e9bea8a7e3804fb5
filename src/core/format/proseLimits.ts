/**
 * Markdown shapes that make the markdown parser (micromark) take minutes or overflow the stack,
 * found by one linear scan before it runs: containers (block quotes, lists) nested deeper than
 * any document needs — the parser's time grows with the cube of the depth, and 3,000 nested list
 * items took over two minutes — and runs of `*` or `_` long enough that resolving emphasis
 * overflows the stack (40,000 in a row took three minutes, then threw). Code fences are skipped:
 * what is inside them is not parsed as markdown.
 */

/** Block quotes and list items nested inside each other; real documents use fewer than ten. */
export const MAX_PROSE_NESTING = 32;
/** `*` or `_` in a row in a line of text; emphasis needs at most three (1,000 take the parser half a second). */
export const MAX_DELIMITER_RUN = 1_000;

/** `[` opened inside each other in one paragraph (20,000 took the parser seconds; links nest one deep). */
export const MAX_BRACKET_NESTING = 1_000;

export type ProseLimitProblem =
  | { kind: "nesting"; offset: number; length: number }
  | { kind: "brackets"; offset: number; length: number }
  | { kind: "delimiters"; offset: number; length: number; char: string };

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const FENCE = /^(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^(?:[*_-][ \t]*){3,}$/;
const DELIMITER_RUN = new RegExp(`\\*{${MAX_DELIMITER_RUN + 1},}|_{${MAX_DELIMITER_RUN + 1},}`);

/** Columns of leading spaces and tabs (a tab to the next multiple of 4) and where the text starts. */
function indentOf(line: string, from: number): { cols: number; at: number } {
  let cols = 0;
  let at = from;
  for (; at < line.length; at++) {
    const c = line[at];
    if (c === " ") cols++;
    else if (c === "\t") cols += 4 - (cols % 4);
    else break;
  }
  return { cols, at };
}

/** The first shape of `body` the markdown parser cannot be trusted with, or null. */
export function findProseLimitProblem(body: string): ProseLimitProblem | null {
  // Content columns of the open list items, innermost last (CommonMark's rule, approximately).
  const items: number[] = [];
  let fence: { char: string; length: number } | null = null;
  let brackets = 0;
  let lineStart = 0;
  while (lineStart <= body.length) {
    let lineEnd = body.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = body.length;
    const line = body.slice(lineStart, lineEnd);
    let at = 0;
    let quotes = 0;
    // Block quote markers, each after at most three spaces.
    for (;;) {
      const { cols, at: next } = indentOf(line, at);
      if (cols <= 3 && line[next] === ">") {
        quotes++;
        at = next + 1;
        if (quotes > MAX_PROSE_NESTING) return { kind: "nesting", offset: lineStart + next, length: 1 };
      } else break;
    }
    const indent = indentOf(line, at);
    const rest = line.slice(indent.at);
    if (fence) {
      const close = FENCE.exec(rest);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length && rest.slice(close[1]!.length).trim() === "") fence = null;
    } else if (rest.trim() === "") {
      brackets = 0;
    } else {
      // A line less indented than an open item's content ends it (lazy continuations end it too
      // early, which only counts less).
      while (items.length > 0 && indent.cols < items[items.length - 1]!) items.pop();
      let col = indent.cols;
      let pos = indent.at;
      while (!THEMATIC_BREAK.test(line.slice(pos))) {
        // Four columns past the container's content is indented code, not a list item.
        if (col - (items.length > 0 ? items[items.length - 1]! : 0) >= 4) break;
        const marker = LIST_MARKER.exec(line.slice(pos));
        if (!marker) break;
        const markerEnd = col + marker[0].length;
        const after = indentOf(line, pos + marker[0].length);
        const blank = after.at >= line.length;
        items.push(markerEnd + (blank || after.cols > 4 ? 1 : after.cols));
        if (quotes + items.length > MAX_PROSE_NESTING) return { kind: "nesting", offset: lineStart + pos, length: marker[0].length };
        if (blank) break;
        col = markerEnd + after.cols;
        pos = after.at;
      }
      const text = line.slice(pos);
      const open = FENCE.exec(text);
      if (open) fence = { char: open[1]![0]!, length: open[1]!.length };
      else if (!THEMATIC_BREAK.test(text)) {
        const masked = text.replace(/`+[^`]*`+/g, (m) => " ".repeat(m.length));
        const run = DELIMITER_RUN.exec(masked);
        if (run) return { kind: "delimiters", offset: lineStart + pos + run.index, length: run[0].length, char: run[0][0]! };
        for (let k = 0; k < masked.length; k++) {
          const c = masked[k];
          if (c === "\\") k++;
          else if (c === "[") {
            if (++brackets > MAX_BRACKET_NESTING) return { kind: "brackets", offset: lineStart + pos + k, length: 1 };
          } else if (c === "]" && brackets > 0) brackets--;
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  return null;
}
