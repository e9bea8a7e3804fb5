/**
 * The two halves every JSON-lines run file shares (histories, tables, media indexes, histograms,
 * system metrics): walking its non-blank lines with their offsets, and parsing one line as a JSON
 * object, with a syntax error or another kind of value reported at its position.
 */
import type { Message } from "../diagnostics.ts";
import type { FileDiagnostics } from "./FileDiagnostics.ts";
import { jsonProblemMessage, runMessages } from "./messages.ts";
import { describeJsonValue, parseJsonValue } from "./parseJsonWithPositions.ts";

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Each non-blank line of `text` (LF or CRLF), with the offset of its start in `text` and its
 * 1-based number; `each` returns false to stop.
 */
export function forEachLine(text: string, each: (line: string, start: number, lineNo: number) => boolean | void): void {
  let lineNo = 0;
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    lineNo++;
    const start = pos;
    const line = text.slice(start, end);
    pos = next;
    if (line.trim() === "") continue;
    if (each(line, start, lineNo) === false) return;
  }
}

/** One line as a JSON object, or null once the reason it is not one is reported. */
export function parseObjectLine(
  line: string,
  start: number,
  lineNo: number,
  diags: FileDiagnostics,
  notObject: (line: number, found: string) => Message = runMessages.jsonlNotObject,
): Record<string, unknown> | null {
  const r = parseJsonValue(line);
  if (!r.ok) {
    diags.at(start + r.error.offset, "error", jsonProblemMessage(r.error));
    return null;
  }
  if (!isPlainObject(r.value)) {
    diags.at(start + (line.length - line.trimStart().length), "error", notObject(lineNo, describeJsonValue(r.value)));
    return null;
  }
  return r.value;
}
