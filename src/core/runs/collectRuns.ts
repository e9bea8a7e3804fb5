/**
 * Merges the runs of every source into one list sorted by id. A run id defined twice is an error
 * on the later source naming the earlier one; the earlier run is kept.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { Run } from "../run.ts";
import { runMessages } from "./messages.ts";

/** `runs/p/runs.csv:4` for a table row, else the run's first file. */
export function describeRunOrigin(run: Run): string {
  return run.source.line !== undefined ? `${run.source.files[0]}:${run.source.line}` : run.source.files[0]!;
}

export function collectRuns(results: readonly { runs: readonly Run[] }[]): { runs: Run[]; diagnostics: Diagnostic[] } {
  const byId = new Map<string, Run>();
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    for (const run of result.runs) {
      const first = byId.get(run.id);
      if (!first) {
        byId.set(run.id, run);
        continue;
      }
      const m = runMessages.duplicateRun(run.id, describeRunOrigin(first));
      const d: Diagnostic = { file: run.source.files[0]!, line: run.source.line ?? 1, column: 1, severity: "error", code: m.code, message: m.message };
      if (m.hint !== undefined) d.hint = m.hint;
      diagnostics.push(d);
    }
  }
  const runs = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { runs, diagnostics };
}
