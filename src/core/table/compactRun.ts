import type { Run } from "../run.ts";

/** The part of a run the expression language reads: what a table embeds for filtering in the browser. */
export type CompactRun = Pick<
  Run,
  "id" | "project" | "name" | "group" | "tags" | "state" | "created" | "duration" | "notes" | "steps" | "git" | "config" | "summary"
>;

export function compactRun(run: Run): CompactRun {
  return {
    id: run.id,
    project: run.project,
    name: run.name,
    group: run.group,
    tags: run.tags,
    state: run.state,
    created: run.created,
    duration: run.duration,
    notes: run.notes,
    steps: run.steps,
    git: run.git,
    config: run.config,
    summary: run.summary,
  };
}
