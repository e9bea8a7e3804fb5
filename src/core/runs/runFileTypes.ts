// The shapes every run-file parser shares: a file's text in, a parsed history out. Their own
// module, so the CSV parser and its fast path (and the other formats) need not import each other.
import type { Diagnostic } from "../diagnostics.ts";
import type { History } from "../run.ts";

export interface SourceText {
  /** Repository-relative POSIX path, used in diagnostics. */
  path: string;
  text: string;
  /**
   * The file's bytes, when it was read from disk: the CSV fast path parses them without decoding
   * `text` (the loader then decodes `text` only when something reads it).
   */
  bytes?: Uint8Array;
  /** A run folder's media file that is a symbolic link leaving the run folder: its target (the file is not read). */
  linkOutside?: string;
  /** The history already parsed, for a binary form with an asynchronous parser (Parquet) or a file that could not be inflated. */
  parsed?: ParsedHistory;
}

export interface ParsedHistory {
  /** Null when the file has an error: the run is then left out. */
  history: History | null;
  /**
   * Per metric, its last logged value: NaN when that value was non-finite (`nan`, `inf`, bare
   * `NaN`, `"NaN"`, …). Cells that were not logged (empty CSV cell, absent JSONL key, JSON null)
   * are skipped; a metric that was never logged is absent. `{}` when `history` is null. The
   * summary default comes from here: `History` alone cannot tell "not logged" from "logged NaN".
   */
  lastLogged: Record<string, number>;
  diagnostics: Diagnostic[];
  /** Logged values that were NaN or ±Infinity (kept as gaps; valid, so not reported). */
  nonFinite: number;
}
