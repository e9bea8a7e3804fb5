import { formatNumberAs, type ColumnFormat } from "./formatCell.ts";

/** Mean, sample standard deviation (null for one value) and count of a column's finite numbers. */
export interface Aggregate {
  mean: number;
  std: number | null;
  n: number;
}

/** Non-numbers and gaps are skipped; null when no finite number is left. */
export function aggregateValues(values: Iterable<unknown>): Aggregate | null {
  const xs: number[] = [];
  for (const v of values) if (typeof v === "number" && Number.isFinite(v)) xs.push(v);
  if (xs.length === 0) return null;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length === 1) return { mean, std: null, n: 1 };
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, std: Math.sqrt(variance), n: xs.length };
}

/** `2.951 ± 0.0123`, or the mean alone when there is one value. */
export function formatAggregate(agg: Aggregate, format: ColumnFormat): string {
  const mean = formatNumberAs(agg.mean, format);
  return agg.std === null ? mean : `${mean} ± ${formatNumberAs(agg.std, format)}`;
}
