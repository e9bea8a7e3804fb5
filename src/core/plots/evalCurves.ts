/**
 * Evaluation computations on labelled predictions, as scikit-learn defines them: confusion
 * matrices (rows are true labels, columns predicted), ROC curves with the trapezoid AUC, and PR
 * curves with average precision (the step-wise sum, not the trapezoid, which overstates it).
 * Equal scores are one threshold: they enter the curve together, so ties give one diagonal step.
 * Pure and browser-safe.
 */

/** `matrix[i][j]`: examples of true label `labels[i]` predicted as `labels[j]`. Values not in `labels` are skipped. */
export function confusionMatrix<L>(labels: readonly L[], yTrue: readonly L[], yPred: readonly L[]): number[][] {
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  const n = Math.min(yTrue.length, yPred.length);
  for (let k = 0; k < n; k++) {
    const i = index.get(yTrue[k]!);
    const j = index.get(yPred[k]!);
    if (i !== undefined && j !== undefined) matrix[i]![j]!++;
  }
  return matrix;
}

/** Each row divided by its sum (the share of each true class predicted as each label); a row without examples is null throughout. */
export function normalizeRows(matrix: readonly (readonly number[])[]): (number | null)[][] {
  return matrix.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (sum > 0 ? v / sum : null));
  });
}

/** Cumulative true and false positives at each distinct score, highest score first. */
interface Thresholds {
  thresholds: number[];
  tps: number[];
  fps: number[];
  positives: number;
  negatives: number;
}

function thresholdCounts(positive: readonly boolean[], scores: readonly number[]): Thresholds {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (positive[i]) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      thresholds.push(scores[i]!);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return { thresholds, tps, fps, positives: tp, negatives: fp };
}

export interface RocCurve {
  /** False positive rate per point, from (0, 0) at an infinite threshold to (1, 1). */
  fpr: number[];
  tpr: number[];
  /** The score at or above which examples count as positive; `Infinity` for the first point. */
  thresholds: number[];
  /** Area under the curve (trapezoid); NaN when there are no positives or no negatives. */
  auc: number;
}

export function rocCurve(positive: readonly boolean[], scores: readonly number[]): RocCurve {
  const t = thresholdCounts(positive, scores);
  const fpr = [0, ...t.fps.map((v) => v / t.negatives)];
  const tpr = [0, ...t.tps.map((v) => v / t.positives)];
  const auc = t.positives > 0 && t.negatives > 0 ? trapezoidArea(fpr, tpr) : NaN;
  return { fpr, tpr, thresholds: [Infinity, ...t.thresholds], auc };
}

export interface PrCurve {
  /** Recall per point, rising from 0 (precision 1, no prediction made) as the threshold falls. */
  recall: number[];
  precision: number[];
  thresholds: number[];
  /** Σ (Rₙ − Rₙ₋₁) Pₙ over the thresholds (scikit-learn's average_precision_score); NaN without positives. */
  averagePrecision: number;
}

export function prCurve(positive: readonly boolean[], scores: readonly number[]): PrCurve {
  const t = thresholdCounts(positive, scores);
  const recall = [0];
  const precision = [1];
  let ap = 0;
  for (let k = 0; k < t.thresholds.length; k++) {
    const r = t.positives > 0 ? t.tps[k]! / t.positives : NaN;
    const p = t.tps[k]! / (t.tps[k]! + t.fps[k]!);
    ap += (r - recall[recall.length - 1]!) * p;
    recall.push(r);
    precision.push(p);
  }
  return { recall, precision, thresholds: [Infinity, ...t.thresholds], averagePrecision: t.positives > 0 ? ap : NaN };
}

/** Area under the points in the order given (scikit-learn's `auc`); x must be monotonic for an area to mean anything. */
export function trapezoidArea(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return Math.abs(area);
}

/**
 * At most `max` points of a curve for drawing, always keeping the first and last: a curve from
 * 100,000 examples has as many thresholds, far more than a 640 px chart shows. Areas are
 * computed before thinning.
 */
export function thinCurve(x: readonly number[], y: readonly number[], max: number): { x: number[]; y: number[] } {
  if (x.length <= max) return { x: [...x], y: [...y] };
  const keep: number[] = [];
  const stride = (x.length - 1) / (max - 1);
  for (let k = 0; k < max; k++) keep.push(Math.round(k * stride));
  return { x: keep.map((i) => x[i]!), y: keep.map((i) => y[i]!) };
}
