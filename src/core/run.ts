/**
 * The canonical run model every loader produces and every view consumes. Plain data, JSON
 * serialisable (except `History`, which holds typed arrays and never enters the content store).
 */
import type { RunPlot } from "./plots/runPlot.ts";
import type { RunMediaItem, TableMediaImage } from "./media/runMedia.ts";
import type { RunHistogramRef, RunSystemRef } from "./plots/runData.ts";

export const RUN_STATES = ["running", "finished", "crashed", "failed"] as const;
export type RunState = (typeof RUN_STATES)[number];

/** A summary value; `null` is a gap (NaN, ±Infinity, empty cell or explicit null in the source). */
export type SummaryValue = number | string | boolean | null;

export interface GitInfo {
  commit?: string;
  branch?: string;
  dirty?: boolean;
  remote?: string;
}

/** Every key a `git` record may have. */
export const GIT_KEYS = ["commit", "branch", "dirty", "remote"] as const satisfies readonly (keyof GitInfo)[];

export type RunFormat = "json" | "folder" | "runs-csv";

export interface RunSourceRef {
  format: RunFormat;
  /** Repository-relative POSIX paths of every file the run was read from (run file first). */
  files: string[];
  /** For a `runs.csv` row: the 1-based line of the row. */
  line?: number;
}

export interface Run {
  /** `<project>/<run>`: the path under `runs/` without extension; also the URL. */
  id: string;
  project: string;
  /** Display name; defaults to the run part of the id. */
  name: string;
  group: string | null;
  tags: string[];
  state: RunState;
  /** ISO 8601 timestamp or null. */
  created: string | null;
  /** Seconds, or null. */
  duration: number | null;
  notes: string | null;
  git: GitInfo | null;
  /** Nested JSON config as written by the user. */
  config: Record<string, unknown>;
  /** Flat metric name → value: explicit summary merged over each metric's last logged value. */
  summary: Record<string, SummaryValue>;
  /** Sorted names of the metrics that have a history. */
  metrics: string[];
  /** Number of history rows (logged steps). */
  steps: number;
  source: RunSourceRef;
  /** Evaluation plots of a folder run (`plots/<name>.json`), by name then step; absent when it has none. */
  plots?: RunPlot[];
  /** Media of a folder run (`media.jsonl`), in line order; absent when it has none. */
  media?: RunMediaItem[];
  /** Per-example tables of a folder run (`tables/<name>.jsonl|csv`), by name; their rows are read when shown. */
  tables?: RunTableInfo[];
  /** Images its tables may show that `media.jsonl` does not list, wide enough for thumbnails; absent when none. */
  tableMedia?: TableMediaImage[];
  /** Histogram files of a folder run (`histograms/<key>.jsonl`), by key; absent when it has none. */
  histograms?: RunHistogramRef[];
  /** The run folder's `system.jsonl`, when it has one that parsed. */
  system?: RunSystemRef;
}

/** A per-example table's cell that shows a file of the run folder: `{"media": "media/preds/3_12.png"}`. */
export interface MediaCell {
  media: string;
}

/** A cell: text, a number (NaN and ±Infinity kept), a boolean, a gap (null) or a media file. */
export type TableCell = string | number | boolean | null | MediaCell;

export interface TableData {
  name: string;
  /** Repository-relative path of the file. */
  file: string;
  /** Column names in first-seen order (`step` included when the rows have one). */
  columns: string[];
  /** Row-major cells in `columns` order; a row shorter than `columns` has gaps at the end. */
  rows: TableCell[][];
  /** Each row's step, for a per-step table; null when the rows have no `step`. */
  steps: number[] | null;
}

/** What a run keeps about one of its per-example tables (the rows are read when a page shows them). */
export interface RunTableInfo {
  name: string;
  /** Repository-relative path of the file. */
  file: string;
  /** Rows in the file, over every step. */
  rows: number;
  columns: string[];
  /** Distinct steps, ascending; empty for a table without steps. */
  steps: number[];
}

/**
 * A run's metric history in columns. Row i is one logged step. `NaN` marks a gap (not logged at
 * that step, or a non-finite value in the source): gaps are never turned into zeros.
 */
export interface History {
  step: Float64Array;
  /** Unix time in seconds per row, or null when the source has no wall time. NaN where absent. */
  time: Float64Array | null;
  metrics: Record<string, Float64Array>;
}
