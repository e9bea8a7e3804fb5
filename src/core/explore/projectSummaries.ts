import { compareText } from "../format/compareText.ts";
import type { Run } from "../run.ts";

export interface ProjectSummary {
  project: string;
  runs: number;
  running: number;
  crashed: number;
}

/** Run counts per project, projects in name order. */
export function projectSummaries(runs: readonly Run[]): ProjectSummary[] {
  const byProject = new Map<string, ProjectSummary>();
  for (const run of runs) {
    const p = byProject.get(run.project) ?? { project: run.project, runs: 0, running: 0, crashed: 0 };
    p.runs++;
    if (run.state === "running") p.running++;
    if (run.state === "crashed" || run.state === "failed") p.crashed++;
    byProject.set(run.project, p);
  }
  return [...byProject.values()].sort((a, b) => compareText(a.project, b.project));
}
