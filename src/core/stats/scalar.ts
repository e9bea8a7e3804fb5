/**
 * One number from a run set, e.g. "best val/loss: 2.04 (lr-3e-4-seed1)" in a report's prose.
 */
export type ScalarReduce = "min" | "max" | "mean" | "median" | "last";

export const SCALAR_REDUCES: readonly ScalarReduce[] = ["min", "max", "mean", "median", "last"];

export interface ScalarInput {
  /**
   * One value per run, in the order the block selected them (`last` takes the last one with a
   * value, so sort by creation time first for "latest run"). `null` and non-finite values are gaps.
   */
  values: { runId: string; name: string; value: number | null }[];
  reduce: ScalarReduce;
}

export interface ScalarResult {
  /** `null` when no run has a finite value. */
  value: number | null;
  /** The run the value comes from, for `min`, `max` and `last` (ties: the first in input order). */
  runId?: string;
  name?: string;
  /** Runs with a finite value (what the reduction ran over). */
  n: number;
}

/**
 * Reduces per-run values to one: `min`/`max` (the best run for a loss / an accuracy, named),
 * `mean`, `median` (mean of the two middle values for an even count), `last` (the last run in
 * input order that has a value, named). Gaps are skipped, never counted as zero.
 */
export function computeScalar(input: ScalarInput): ScalarResult {
  const valid = input.values.filter((v): v is { runId: string; name: string; value: number } =>
    typeof v.value === "number" && Number.isFinite(v.value),
  );
  const n = valid.length;
  if (n === 0) return { value: null, n: 0 };
  switch (input.reduce) {
    case "min":
    case "max": {
      let best = valid[0]!;
      for (const v of valid) if (input.reduce === "min" ? v.value < best.value : v.value > best.value) best = v;
      return { value: best.value, runId: best.runId, name: best.name, n };
    }
    case "last": {
      const last = valid[n - 1]!;
      return { value: last.value, runId: last.runId, name: last.name, n };
    }
    case "mean": {
      // Two-pass (sum, then correction) keeps the mean exact for equal values.
      let sum = 0;
      for (const v of valid) sum += v.value;
      let mean = sum / n;
      let err = 0;
      for (const v of valid) err += v.value - mean;
      mean += err / n;
      return { value: mean, n };
    }
    case "median": {
      const xs = valid.map((v) => v.value).sort((a, b) => a - b);
      const mid = n >> 1;
      return { value: n % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2, n };
    }
    default: {
      const never: never = input.reduce;
      throw new RangeError(`unknown reduce: ${String(never)}`);
    }
  }
}
