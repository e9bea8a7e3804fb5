/**
 * Merges the runs of every source into one list sorted by id. A run id defined twice is an error
 * on the later source naming the earlier one; the earlier run is kept. Ids that cannot be published
 * (a runs.csv id like `a#1`, a file `x..json` whose id ends in a dot) and ids that are one page on a
 * case-insensitive host are errors too; those runs are kept, since the error fails the build anyway.
 */
import type { Diagnostic, Message } from "../diagnostics.ts";
import { howNamesCollide, nameKey, nameProblem, visibleName } from "../files/fileNames.ts";
import type { Run } from "../run.ts";
import { runMessages } from "./messages.ts";

/** `runs/p/runs.csv:4` for a table row, else the run's first file. */
export function describeRunOrigin(run: Run): string {
  return run.source.line !== undefined ? `${run.source.files[0]}:${run.source.line}` : run.source.files[0]!;
}

export function collectRuns(results: readonly { runs: readonly Run[] }[]): { runs: Run[]; diagnostics: Diagnostic[] } {
  const byId = new Map<string, Run>();
  const diagnostics: Diagnostic[] = [];
  const report = (run: Run, m: Message): void => {
    const d: Diagnostic = { file: run.source.files[0]!, line: run.source.line ?? 1, column: 1, severity: "error", code: m.code, message: m.message };
    if (m.hint !== undefined) d.hint = m.hint;
    diagnostics.push(d);
  };
  for (const result of results) {
    for (const run of result.runs) {
      const first = byId.get(run.id);
      if (!first) {
        byId.set(run.id, run);
        continue;
      }
      report(run, runMessages.duplicateRun(run.id, describeRunOrigin(first)));
    }
  }
  const runs = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byKey = new Map<string, Run>();
  for (const run of runs) {
    const bad = run.id.split("/").map((segment) => [segment, nameProblem(segment)] as const).find(([, reason]) => reason !== null);
    if (bad) report(run, runMessages.badName(visibleName(bad[0]), bad[1]!));
    const key = nameKey(run.id);
    const first = byKey.get(key);
    if (!first) byKey.set(key, run);
    // Two files that collide are reported where the files are found; this catches the rest (a.json beside A/run.json, runs.csv ids).
    else if (nameKey(first.source.files[0]!) !== nameKey(run.source.files[0]!) || run.source.format === "runs-csv") {
      report(run, runMessages.nameCollision(visibleName(run.id), visibleName(first.id), howNamesCollide(run.id, first.id)));
    }
  }
  return { runs, diagnostics };
}
