import { ownRecord } from "../ownRecord.ts";
import type { History } from "../run.ts";
import { setOwn } from "../ownRecord.ts";

/** The first of `candidates` that is a column name, as an index; -1 when none is. */
export function firstIndexOf(names: readonly string[], candidates: readonly string[]): number {
  for (const c of candidates) {
    const k = names.indexOf(c);
    if (k >= 0) return k;
  }
  return -1;
}

/**
 * Parsed wide columns → `History` and each metric's last logged value. Shared by both CSV
 * parsers so the fast path gives exactly the full parser's result. Columns longer than `rows`
 * are cut; a missing step column numbers the rows 0, 1, 2, …
 */
export function assembleHistory(input: {
  names: readonly string[];
  columns: readonly (Float64Array | null)[];
  stepCol: number;
  timeCol: number;
  rows: number;
  /** Per column, the last logged value (NaN for a non-finite one), undefined when none was. */
  last: readonly (number | undefined)[];
}): { history: History; lastLogged: Record<string, number> } {
  const { names, columns, stepCol, timeCol, rows, last } = input;
  const fit = (a: Float64Array): Float64Array => (a.length === rows ? a : a.slice(0, rows));
  let step: Float64Array;
  if (stepCol >= 0) step = fit(columns[stepCol]!);
  else {
    step = new Float64Array(rows);
    for (let r = 0; r < rows; r++) step[r] = r;
  }
  const metrics = ownRecord<Float64Array>();
  const lastLogged = ownRecord<number>();
  for (let c = 0; c < names.length; c++) {
    const a = columns[c];
    if (a && c !== stepCol && c !== timeCol) {
      setOwn(metrics, names[c]!, fit(a));
      if (last[c] !== undefined) setOwn(lastLogged, names[c]!, last[c]!);
    }
  }
  const time = timeCol >= 0 && columns[timeCol] ? fit(columns[timeCol]!) : null;
  return { history: { step, time, metrics }, lastLogged };
}
