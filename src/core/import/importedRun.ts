/**
 * What every importer produces: one run in canonical form, ready to be written as
 * `runs/<project>/<run>/run.json` + `history.csv` by `writeRunFolder`. Importers are pure
 * functions of the files they are given; reading the disk and writing runs/ happen around them.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { GitInfo, RunState, SummaryValue } from "../run.ts";
import type { RunFileContent } from "./runFiles.ts";

export interface ImportedHistory {
  /** Metric names in the order the columns are written (after `step` and `time`). */
  metrics: string[];
  /** One row per logged step; `null` = not logged at that step; NaN/±Infinity kept as logged non-finite values. */
  rows: { step: number; time: number | null; values: Record<string, number | null> }[];
}

export interface ImportedRun {
  /** Run part of the id, a safe file name (`[A-Za-z0-9._-]`, no leading dot). */
  slug: string;
  project: string;
  name: string;
  group: string | null;
  tags: string[];
  state: RunState;
  /** ISO 8601, UTC. */
  created: string | null;
  duration: number | null;
  notes: string | null;
  git: GitInfo | null;
  config: Record<string, unknown>;
  /** Explicit summary values the source recorded (not the last history values, which the loader derives). */
  summary: Record<string, SummaryValue>;
  history: ImportedHistory | null;
  /**
   * The run's other files (media/, media.jsonl, tables/, histograms/, system.jsonl, plots/), by
   * path relative to the run folder; absent when there are none (see runFiles.ts).
   */
  files?: Record<string, RunFileContent>;
  /** Where each part came from, for the import report: repository-relative or source-relative paths. */
  sources: string[];
}

/** Something the importer saw and did not import, counted per kind and reason. */
export interface SkippedItem {
  run: string;
  what: string;
  reason: string;
  count: number;
}

/** A choice the importer made that the user may want to check or change (printed under `notes:`). */
export interface ImportNote {
  file: string;
  message: string;
}

export interface ImportResult {
  runs: ImportedRun[];
  skipped: SkippedItem[];
  /** Inferences and placements worth a line in the output (absent when there are none). */
  notes?: ImportNote[];
  /** Errors stop the import of the run (never a silent partial run); warnings do not. */
  diagnostics: Diagnostic[];
}
