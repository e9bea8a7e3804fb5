import type { Code } from "mdast";
import type { TextRegion } from "../yaml/textRegion.ts";

/**
 * The body of a fenced block as a region of the report file: it starts on the line after the
 * opening fence, indented as the fence is (a list item, a blockquote). A fence left open on the
 * file's last line has no such line: its (empty) body is placed on the fence's own line, so that
 * a diagnostic about it points into the file.
 */
export function codeBodyRegion(file: string, bodyFirstLine: number, node: Code, body?: string): TextRegion {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const end = node.position?.end ?? start;
  const bodyLine = end.line > start.line ? start.line : start.line - 1;
  const region: TextRegion = { file, text: node.value, firstLine: bodyFirstLine + bodyLine, indent: start.column - 1 };
  // An empty body has no line of its own (its region stands on the closing fence, or the fence).
  if (body === undefined || node.value === "") return region;
  // What the parser took off each line (the list item's or quote's prefix, up to the fence's
  // indent) is what the line is longer by in the file.
  const fileLines = linesOf(body);
  const lineIndents = node.value.split(LINE_BREAK).map((line, i) => {
    const inFile = fileLines[bodyLine + i];
    return inFile === undefined ? region.indent : Math.max(0, inFile.length - line.length);
  });
  return lineIndents.every((n) => n === region.indent) ? region : { ...region, lineIndents };
}

const LINE_BREAK = /\r\n|\r|\n/;

// The last body split, kept: every block of a report asks for the same one.
let lastBody: { body: string; lines: string[] } | null = null;

function linesOf(body: string): string[] {
  if (lastBody?.body !== body) lastBody = { body, lines: body.split(LINE_BREAK) };
  return lastBody.lines;
}
