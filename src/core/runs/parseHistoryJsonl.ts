/**
 * JSON-lines history (`history.jsonl`, also W&B's `wandb-history.jsonl`): one object per logged
 * step, sparse keys allowed, blank lines ignored. Each line goes through `JSON.parse`; the
 * positional parser runs only for a line that has something to report.
 */
import { describeJsonValue, jsonPathKey, parseJsonWithPositions, stripBom } from "./parseJsonWithPositions.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { HistoryBuilder, STEP_KEYS, isLoggedValue, toHistoryNumber } from "./HistoryBuilder.ts";
import { runMessages } from "./messages.ts";
import { forEachLine, isPlainObject, parseObjectLine } from "./jsonLineReader.ts";
import type { ParsedHistory, SourceText } from "./runFileTypes.ts";

export { isPlainObject } from "./jsonLineReader.ts";

export function parseHistoryJsonl(file: SourceText): ParsedHistory {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);
  const builder = new HistoryBuilder();
  const rowLines: { start: number; line: string }[] = [];

  /**
   * Offset in `text` of the value of `key` on the line starting at `start`. The line's positions
   * are read once: a line with thousands of bad values would otherwise be re-parsed for each.
   */
  let positionsOf: { start: number; positions: Map<string, { offset: number }> | null } | null = null;
  const valueOffset = (start: number, line: string, key: string): number => {
    if (positionsOf?.start !== start) {
      const r = parseJsonWithPositions(line, { positions: true });
      positionsOf = { start, positions: r.ok ? r.positions : null };
    }
    return start + (positionsOf.positions?.get(jsonPathKey([key]))?.offset ?? 0);
  };

  /** Offset in `text` of the name of `key` on the line starting at `start`. */
  const keyOffset = (start: number, line: string, key: string): number => {
    const r = parseJsonWithPositions(line, { positions: true });
    const span = r.ok ? r.positions!.get(jsonPathKey([key])) : undefined;
    return start + (span?.keyOffset ?? 0);
  };

  forEachLine(text, (line, start, lineNo) => {
    const value = parseObjectLine(line, start, lineNo, diags);
    if (!value) return;
    for (const key of Object.keys(value)) {
      if (key === "") {
        diags.at(keyOffset(start, line, key), "warning", runMessages.emptyMetricName(`on line ${lineNo}`));
        continue;
      }
      const raw = value[key];
      const num = toHistoryNumber(raw);
      if (num === undefined) {
        const msg = (STEP_KEYS as readonly string[]).includes(key)
          ? runMessages.badStep(key, describeJsonValue(raw))
          : runMessages.historyNotNumber(key, describeJsonValue(raw));
        diags.at(valueOffset(start, line, key), "error", msg);
        continue;
      }
      builder.add(key, num, isLoggedValue(raw));
    }
    builder.endRow();
    rowLines.push({ start, line });
  });

  const built = builder.finish();
  if (built.stepProblem && built.stepKey) {
    const { start, line } = rowLines[built.stepProblem.row]!;
    if (built.stepProblem.kind === "missing") diags.at(start, "error", runMessages.notAStepKey());
    else {
      const raw = rowValue(line, built.stepKey);
      diags.at(valueOffset(start, line, built.stepKey), "error", runMessages.badStep(built.stepKey, describeJsonValue(raw)));
    }
  }
  for (const { key, row } of built.emptyColumns) {
    const { start, line } = rowLines[row]!;
    diags.at(valueOffset(start, line, key), "warning", runMessages.emptyColumn(key));
  }
  if (built.stepDecrease && built.stepKey && !diags.hasErrors) {
    const { start, line } = rowLines[built.stepDecrease.row]!;
    const { from, to } = built.stepDecrease;
    diags.at(valueOffset(start, line, built.stepKey), "warning", runMessages.stepDecreases(built.stepKey, from, to));
  }
  return {
    history: diags.hasErrors ? null : built.history,
    lastLogged: diags.hasErrors ? {} : built.lastLogged,
    diagnostics: diags.done(),
    nonFinite: builder.nonFinite,
  };
}

/**
 * The value of `key` in a row line that was read before. `JSON.parse` first: the positional parser
 * gives up on a line nested deeper than its stack (which `JSON.parse` reads).
 */
function rowValue(line: string, key: string): unknown {
  try {
    return (JSON.parse(line) as Record<string, unknown>)[key];
  } catch {
    const r = parseJsonWithPositions(line);
    return r.ok && isPlainObject(r.value) ? r.value[key] : undefined;
  }
}
