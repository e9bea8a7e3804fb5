import type { SummaryValue } from "../run.ts";
import type { ImportedRun } from "./importedRun.ts";
import { ownRecord } from "../ownRecord.ts";

/** An imported run with every field at its default; importers fill in what their source has. */
export function newRun(slug: string, project: string, sources: string[]): ImportedRun {
  return {
    slug,
    project,
    name: slug,
    group: null,
    tags: [],
    state: "finished",
    created: null,
    duration: null,
    notes: null,
    git: null,
    config: ownRecord(),
    summary: ownRecord<SummaryValue>(),
    history: null,
    sources,
  };
}
