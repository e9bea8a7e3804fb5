import type { Run } from "../../src/core/run.ts";

/** A complete `Run` for tests: `makeRun("p/a", { config: { lr: 1 } })`. */
export function makeRun(id: string, overrides: Partial<Run> = {}): Run {
  const [project = "p", name = id] = id.split("/");
  return {
    id,
    project,
    name,
    group: null,
    tags: [],
    state: "finished",
    created: null,
    duration: null,
    notes: null,
    git: null,
    config: {},
    summary: {},
    metrics: [],
    steps: 0,
    source: { format: "json", files: [`runs/${id}.json`] },
    ...overrides,
  };
}
