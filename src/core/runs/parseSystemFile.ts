/**
 * A run folder's `system.jsonl`: one sample of system metrics per line
 * (`{"time": 1733400000.5, "cpu.percent": 35.5, "gpu.0.utilization": 97, …}`). `time` is required;
 * every other field is a number or null. A file with an error yields no samples (the run keeps
 * its other files); samples out of time order are sorted, with a warning.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { SystemSamples } from "../plots/runData.ts";
import { compareText } from "../format/compareText.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { forEachJsonLine } from "./jsonLines.ts";
import { describeJsonValue, stripBom } from "./parseJsonWithPositions.ts";
import { runDataMessages } from "./runDataMessages.ts";
import type { SourceText } from "./runFileTypes.ts";

export interface ParsedSystemFile {
  /** Null when the file has an error or no samples. */
  samples: SystemSamples | null;
  diagnostics: Diagnostic[];
}

export function parseSystemFile(file: SourceText): ParsedSystemFile {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);
  const rows: { time: number; values: Map<string, number> }[] = [];
  const names = new Set<string>();
  const timeLines = new Map<number, number>();
  let previous = -Infinity;
  let sorted = true;
  forEachJsonLine(text, diags, ({ value, line, at }) => {
    const time = value.time;
    if (typeof time !== "number" || !Number.isFinite(time) || time < 0) {
      diags.at(time === undefined ? at([]) : at(["time"]), "error", runDataMessages.badTime(time === undefined ? "nothing" : describeJsonValue(time)));
      return;
    }
    if (time < previous) {
      if (sorted) diags.at(at(["time"]), "warning", runDataMessages.timeGoesBack(time, previous));
      sorted = false;
    }
    const first = timeLines.get(time);
    if (first !== undefined) diags.at(at(["time"]), "warning", runDataMessages.duplicateTime(time, first));
    else timeLines.set(time, line);
    previous = time;
    const values = new Map<string, number>();
    for (const key of Object.keys(value)) {
      if (key === "time") continue;
      if (key === "") {
        diags.at(at([key], true), "warning", runDataMessages.emptySystemKey(line));
        continue;
      }
      const v = value[key];
      if (v === null) continue;
      if (typeof v !== "number") {
        diags.at(at([key]), "error", runDataMessages.systemNotNumber(key, describeJsonValue(v)));
        continue;
      }
      if (!Number.isFinite(v)) diags.at(at([key]), "warning", runDataMessages.notFiniteSystem(key));
      names.add(key);
      values.set(key, Number.isFinite(v) ? v : NaN);
    }
    rows.push({ time, values });
  });
  if (diags.hasErrors) return { samples: null, diagnostics: diags.done() };
  if (rows.length === 0) {
    diags.whole("warning", runDataMessages.emptyFile("samples"));
    return { samples: null, diagnostics: diags.done() };
  }
  // A stable sort keeps samples of equal time in line order.
  if (!sorted) rows.sort((a, b) => a.time - b.time);
  const metrics: Record<string, Float64Array> = Object.create(null) as Record<string, Float64Array>;
  for (const name of [...names].sort(compareText)) metrics[name] = Float64Array.from(rows, (r) => r.values.get(name) ?? NaN);
  return { samples: { time: Float64Array.from(rows, (r) => r.time), metrics }, diagnostics: diags.done() };
}
