import type { ImportedRun } from "./importedRun.ts";

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
    config: {},
    summary: {},
    history: null,
    sources,
  };
}
