/**
 * The line loop of a JSON-lines run file (histograms, system metrics): each non-blank line parsed
 * as one JSON object, syntax errors and non-objects reported at their position, blank lines
 * skipped. The callback gets the object and a locator of its line's values in the file's offsets.
 */
import type { FileDiagnostics } from "./FileDiagnostics.ts";
import { forEachLine, parseObjectLine } from "./jsonLineReader.ts";
import type { JsonPath } from "./parseJsonWithPositions.ts";
import { Locator } from "./parseRunJson.ts";

export interface JsonLine {
  value: Record<string, unknown>;
  /** 1-based line number. */
  line: number;
  /** Offset in the file's text of the value at `path` (of the key's name with `key: true`). */
  at: (path: JsonPath, key?: boolean) => number;
}

export function forEachJsonLine(text: string, diags: FileDiagnostics, each: (line: JsonLine) => void): void {
  forEachLine(text, (line, start, lineNo) => {
    const value = parseObjectLine(line, start, lineNo, diags);
    if (!value) return;
    const loc = new Locator(line);
    each({ value, line: lineNo, at: (path, key = false) => start + (key ? loc.key(path) : loc.value(path)) });
  });
}
