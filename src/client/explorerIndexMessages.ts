import type { Run } from "../core/run.ts";

/** What the explorer index worker (explorerIndexWorker.ts) posts to the page, in this order. */
export type ExplorerIndexMessage =
  | { kind: "columns"; total: number; defaultColumns: string[]; columns: { group: "run" | "config" | "summary"; key: string }[] }
  | { kind: "runs"; runs: Run[] }
  | { kind: "done" }
  | { kind: "failed"; message: string };
