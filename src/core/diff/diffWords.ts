/** The words both diff writers (terminal text and pull-request markdown) use for values and counts. */
import { compareCellText, formatDelta } from "../compare/compareRuns.ts";
import type { MetricChange, SnapshotDiff } from "./diffSnapshots.ts";

export interface RevisionLabels {
  /** `main (1a2b3c4)`. */
  base: string;
  /** `feature (5d6e7f8)` or `working tree`. */
  head: string;
}

/** A value as the compare view shows it; a key the run does not have is `—` here only when absent. */
export function valueText(key: string, value: unknown): string {
  return value === undefined ? "(absent)" : compareCellText({ key }, value);
}

/** `−0.08 (−2.6%)`, or "" when the values are not both numbers. */
export function deltaText(m: MetricChange): string {
  return m.delta === null ? "" : formatDelta({ abs: m.delta, pct: m.ratio === null ? null : m.ratio * 100 });
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;

/** `2 runs added, 1 removed, 3 changed, 24 unchanged; 1 report changed`. */
export function summaryLine(diff: SnapshotDiff): string {
  const runs = `${plural(diff.added.length, "run")} added, ${diff.removed.length.toLocaleString("en-US")} removed, ${diff.changed.length.toLocaleString("en-US")} changed, ${diff.unchanged.toLocaleString("en-US")} unchanged`;
  return `${runs}; ${plural(diff.reports.length, "report")} changed`;
}

/** A note when a side has run or report errors (their runs are missing from the comparison). */
export function problemsLine(diff: SnapshotDiff): string | null {
  const sides = [
    diff.baseProblems ? `base has ${plural(diff.baseProblems, "error")}` : "",
    diff.headProblems ? `head has ${plural(diff.headProblems, "error")}` : "",
  ].filter(Boolean);
  return sides.length ? `${sides.join(", ")} in its runs or reports (runs that do not load are left out; see \`runfolio check\`)` : null;
}
