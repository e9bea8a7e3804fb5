/**
 * The mean of several runs' PR or ROC curves on a common grid, as a group's curve. Each run's
 * curve is read at every grid point: ROC linearly between its points (the highest true positive
 * rate where a false positive rate repeats), as scikit-learn's mean ROC example does; PR as its
 * highest precision at a recall of x or more (interpolated precision). Any point order works.
 */
export const MEAN_CURVE_POINTS = 101;

export function curveAt(type: "pr" | "roc", x: readonly number[], y: readonly number[], at: number): number {
  if (type === "roc") return rocAt(x, y, at);
  let best = NaN;
  for (let i = 0; i < x.length; i++) if (x[i]! >= at - 1e-12 && !(y[i]! <= best)) best = y[i]!;
  // No point reaches this recall: no precision there (a gap, not 0).
  return best;
}

function rocAt(x: readonly number[], y: readonly number[], at: number): number {
  const order = x.map((_, i) => i).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  let j = -1;
  while (j + 1 < order.length && x[order[j + 1]!]! <= at) j++;
  if (j < 0) return y[order[0]!] ?? NaN;
  const lo = order[j]!;
  if (j === order.length - 1 || x[lo] === at) return y[lo]!;
  const hi = order[j + 1]!;
  return y[lo]! + ((y[hi]! - y[lo]!) * (at - x[lo]!)) / (x[hi]! - x[lo]!);
}

export function meanCurve(type: "pr" | "roc", curves: readonly { x: readonly number[]; y: readonly number[] }[]): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k < MEAN_CURVE_POINTS; k++) {
    const at = k / (MEAN_CURVE_POINTS - 1);
    const values = curves.map((c) => curveAt(type, c.x, c.y, at)).filter((v) => Number.isFinite(v));
    if (values.length === 0) continue;
    x.push(at);
    y.push(values.reduce((a, b) => a + b, 0) / values.length);
  }
  return { x, y };
}

/** Mean and (sample) standard deviation of the areas that are known. */
export function meanArea(areas: readonly (number | null)[]): { mean: number; sd: number; n: number } | null {
  const known = areas.filter((a): a is number => a !== null);
  if (known.length === 0) return null;
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  const sd = known.length > 1 ? Math.sqrt(known.reduce((s, a) => s + (a - mean) ** 2, 0) / (known.length - 1)) : 0;
  return { mean, sd, n: known.length };
}
