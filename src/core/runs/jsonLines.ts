/**
 * The line loop of a JSON-lines run file (histograms, system metrics): each non-blank line parsed
 * as one JSON object, syntax errors and non-objects reported at their position, blank lines
 * skipped. The callback gets the object and a locator of its line's values in the file's offsets.
 */
import { MAX_NESTING } from "../ownRecord.ts";
import type { FileDiagnostics } from "./FileDiagnostics.ts";
import { runMessages } from "./messages.ts";
import { isPlainObject } from "./parseHistoryJsonl.ts";
import { describeJsonValue, parseJsonValue, type JsonPath } from "./parseJsonWithPositions.ts";
import { Locator } from "./parseRunJson.ts";

export interface JsonLine {
  value: Record<string, unknown>;
  /** 1-based line number. */
  line: number;
  /** Offset in the file's text of the value at `path` (of the key's name with `key: true`). */
  at: (path: JsonPath, key?: boolean) => number;
}

export function forEachJsonLine(text: string, diags: FileDiagnostics, each: (line: JsonLine) => void): void {
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
    const r = parseJsonValue(line);
    if (!r.ok) {
      diags.at(start + r.error.offset, "error", r.error.kind === "depth" ? runMessages.tooDeep(MAX_NESTING) : runMessages.jsonSyntax(r.error.message));
      continue;
    }
    if (!isPlainObject(r.value)) {
      diags.at(start + (line.length - line.trimStart().length), "error", runMessages.jsonlNotObject(lineNo, describeJsonValue(r.value)));
      continue;
    }
    const loc = new Locator(line);
    each({ value: r.value, line: lineNo, at: (path, key = false) => start + (key ? loc.key(path) : loc.value(path)) });
  }
}
