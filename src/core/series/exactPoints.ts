import type { History } from "../run.ts";

/**
 * Points per metric in a run's published JSON (`/data/runs/<id>.json`): what a chart can show,
 * not every logged step. A metric logged at most this many times is published whole.
 */
export const RUN_DATA_POINTS = 1000;

/**
 * The rows of a metric when the run's published JSON can hold every one it logged: at most
 * `points` of them and each a finite value at a finite step (JSON has no ±Infinity). Else null:
 * the JSON then holds a downsampled line and every logged point stays in the source file.
 */
export function exactPoints(history: History, metric: string, points = RUN_DATA_POINTS): Int32Array | null {
  const ys = history.metrics[metric];
  if (!ys) return null;
  const rows = new Int32Array(Math.min(ys.length, points));
  let n = 0;
  for (let i = 0; i < ys.length; i++) {
    const v = ys[i]!;
    if (Number.isNaN(v)) continue;
    if (n === points || !Number.isFinite(v) || !Number.isFinite(history.step[i]!)) return null;
    rows[n++] = i;
  }
  return rows.subarray(0, n);
}

