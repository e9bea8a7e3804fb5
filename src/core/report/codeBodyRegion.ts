import type { Code } from "mdast";
import type { TextRegion } from "../yaml/textRegion.ts";

/**
 * The body of a fenced block as a region of the report file: it starts on the line after the
 * opening fence, indented as the fence is (a list item, a blockquote). A fence left open on the
 * file's last line has no such line: its (empty) body is placed on the fence's own line, so that
 * a diagnostic about it points into the file.
 */
export function codeBodyRegion(file: string, bodyFirstLine: number, node: Code): TextRegion {
  const start = node.position?.start ?? { line: 1, column: 1 };
  const end = node.position?.end ?? start;
  const bodyLine = end.line > start.line ? start.line : start.line - 1;
  return { file, text: node.value, firstLine: bodyFirstLine + bodyLine, indent: start.column - 1 };
}
