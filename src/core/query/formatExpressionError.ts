import { caretExcerpt, lineStarts, positionAt } from "../diagnostics.ts";
import type { ExpressionError } from "./ast.ts";

/**
 * `EXPR008: expected a value after '>=', found end of input`, then the source line with a caret
 * line under the offending span (clipped to that line), then the hint. For terminals and the browser.
 */
export function formatExpressionError(source: string, error: ExpressionError): string {
  const starts = lineStarts(source);
  const offset = Math.min(Math.max(0, error.offset), source.length);
  const { line, column } = positionAt(source, offset, starts);
  let lineEnd = offset;
  while (lineEnd < source.length && source[lineEnd] !== "\n" && source[lineEnd] !== "\r") lineEnd++;
  const length = Math.max(1, Math.min(error.length, lineEnd - offset));
  let out = `${error.code}: ${error.message}\n${caretExcerpt(source, line, column, length)}`;
  if (error.hint) out += `\n  hint: ${error.hint}`;
  return out;
}
