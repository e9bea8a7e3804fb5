/**
 * Percentiles of a binned distribution, as TensorBoard's distribution view draws them: for each
 * step, the values below which 0, 7, 16, 31, 50, 69, 84, 93 and 100 % of the counts fall
 * (TensorBoard's basis points 0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000, which are the
 * normal distribution's ±∞, ±1.5σ, ±1σ, ±0.5σ and mean), counts spread evenly inside each bin.
 */
import type { HistogramSeries } from "./runData.ts";

export const BAND_PERCENTILES = [0, 7, 16, 31, 50, 69, 84, 93, 100] as const;
const BASIS_POINTS = [0, 668, 1587, 3085, 5000, 6915, 8413, 9332, 10000] as const;

/**
 * The value below which the share `q` (0–1) of the counts falls, interpolated linearly inside the
 * bin where the cumulative count reaches it; 0 is the low edge of the first bin with a count and
 * 1 the high edge of the last. Null when every count is 0.
 */
export function histogramPercentile(edges: readonly number[], counts: readonly number[], q: number): number | null {
  let total = 0;
  for (const c of counts) total += c;
  if (!(total > 0)) return null;
  if (q <= 0) return edges[counts.findIndex((c) => c > 0)]!;
  if (q >= 1) {
    let last = counts.length - 1;
    while (counts[last] === 0) last--;
    return edges[last + 1]!;
  }
  const target = q * total;
  let below = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0 && below + c >= target) return edges[i]! + ((edges[i + 1]! - edges[i]!) * (target - below)) / c;
    below += c;
  }
  return edges[edges.length - 1]!;
}

/** One step's nine percentiles (`BAND_PERCENTILES`), or null for an empty histogram. */
export function histogramBands(edges: readonly number[], counts: readonly number[]): number[] | null {
  const out: number[] = [];
  for (const bp of BASIS_POINTS) {
    const v = histogramPercentile(edges, counts, bp / 10000);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** At most `max` indices of `n`, evenly spread, always with the first and the last. */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(Math.round((k * (n - 1)) / (max - 1)));
  return [...out];
}

/** The percentile bands of a histogram series at (at most `maxSteps`) steps; empty histograms are left out. */
export function seriesBands(series: HistogramSeries, maxSteps: number): { step: number; values: number[] }[] {
  const out: { step: number; values: number[] }[] = [];
  for (const i of thinIndices(series.steps.length, maxSteps)) {
    const values = histogramBands(series.edges[i]!, series.counts[i]!);
    if (values) out.push({ step: series.steps[i]!, values });
  }
  return out;
}
