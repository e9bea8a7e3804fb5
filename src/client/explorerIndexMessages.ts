import type { RunFields } from "../core/explore/explorerFields.ts";
import type { Run, RunState } from "../core/run.ts";

/**
 * What the explorer index worker (explorerIndexWorker.ts) posts to the page, in this order:
 * `columns`, `runs`… and `indexed` from the index; then `fields`… (`start` is the first run's
 * position) and `done` from the fields file. `failed` can come at any point and ends the stream.
 */
export type ExplorerIndexMessage =
  | { kind: "columns"; total: number; defaultColumns: string[]; columns: { group: "run" | "config" | "summary"; key: string }[]; early: string[]; projects: string[]; states: RunState[] }
  | { kind: "runs"; runs: Run[] }
  | { kind: "indexed" }
  | { kind: "fields"; start: number; fields: RunFields[] }
  | { kind: "done" }
  | { kind: "failed"; message: string };
