/**
 * Merges the runs of every source into one list sorted by id. A run id defined twice is an error
 * on the later source naming the earlier one; the earlier run is kept. Ids that cannot be published
 * (a runs.csv id like `a#1`, a file `x..json` whose id ends in a dot) and ids that are one page on a
 * case-insensitive host are errors too; those runs are kept, since the error fails the build anyway.
 */
import { compareText } from "../format/compareText.ts";
import type { Diagnostic, Message } from "../diagnostics.ts";
import { howNamesCollide, nameKey, nameProblem, visibleName } from "../files/fileNames.ts";
import type { Run } from "../run.ts";
import { runOutputFiles } from "../paths/runPath.ts";
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
  const runs = [...byId.values()].sort((a, b) => compareText(a.id, b.id));
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
  reportOutputCollisions(runs, report);
  return { runs, diagnostics };
}

/**
 * A run published inside a folder that another run's output file occupies (`runs/p/x/run.json`
 * writes `data/runs/p/x.json`; `runs/p/x.json/sub.json` needs the folder `data/runs/p/x.json/`).
 * Compared case-insensitively, as case-insensitive hosts store them.
 */
/** The explorer's page, the one file the site itself writes among the run pages. */
const EXPLORER_PAGE = "runs/index.html";

function reportOutputCollisions(runs: readonly Run[], report: (run: Run, m: Message) => void): void {
  // Owner of each published file, described for the message; the site's own files under runs/ first.
  const owners = new Map<string, { owner: string; run: Run | null }>([[nameKey(EXPLORER_PAGE), { owner: "the runs explorer", run: null }]]);
  for (const run of runs) {
    for (const file of runOutputFiles(run.id)) if (!owners.has(nameKey(file))) owners.set(nameKey(file), { owner: `run "${visibleName(run.id)}"`, run });
  }
  for (const run of runs) {
    const hit = runOutputFiles(run.id)
      .flatMap(foldersOf)
      .map((dir) => [dir, owners.get(nameKey(dir))] as const)
      .find(([, o]) => o !== undefined && o.run !== run);
    if (hit) report(run, runMessages.outputCollision(visibleName(run.id), visibleName(hit[0]), hit[1]!.owner));
  }
}

/** `a/b/c/d.json` → `a/b`, `a/b/c` (the top folder is shared by every run). */
function foldersOf(file: string): string[] {
  const parts = file.split("/");
  return parts.slice(1, -1).map((_, i) => parts.slice(0, i + 2).join("/"));
}
