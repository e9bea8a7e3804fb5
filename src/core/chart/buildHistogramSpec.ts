import type { TopLevelSpec } from "vega-lite";
import { formatNumber } from "../format/formatValue.ts";
import { BASE_CONFIG, baseSpec, plural, type DatasetChart, type DatasetRow } from "./chartCommon.ts";

export interface HistogramInput {
  id: string;
  /** Accessible description; defaults to `"Distribution of <label> over <n> runs"`. */
  description?: string;
  /** What the values are, e.g. `summary.val/loss`; the x axis title. */
  label: string;
  /** One value per run; non-finite values are left out (a note). */
  values: number[];
  /** Most bins (below 2 counts as 2). __Default value:__ Sturges' rule, ⌈log2 n⌉ + 1, at least 5. */
  bins?: number;
  /** Bar colour. __Default value:__ `"#1f77b4"` */
  color?: string;
  width?: number;
  height?: number;
}

export interface HistogramBin {
  /** Inclusive lower edge. */
  start: number;
  /** Exclusive upper edge (inclusive for the last bin). */
  end: number;
  count: number;
}

/** The dataset the histogram spec reads: one row per bin (empty bins included). */
export const BINS_DATASET = "bins";

/**
 * Equal-width bins with "nice" edges (a width of 1, 2 or 5 × 10^k, edges at whole multiples of the
 * width) covering every value, at most `maxBins` of them. Exact and deterministic: a value sits in
 * the bin whose edges hold it, compared against the rounded edges themselves, never against a
 * floating-point quotient. All values equal → one bin of width 1 × 10^k around the value.
 */
export function binValues(values: readonly number[], maxBins: number): HistogramBin[] {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return [];
  const lo = xs[0]!;
  const hi = xs[xs.length - 1]!;
  // Two bins can always cover the values (a nice step ≥ their range spans at most one edge).
  const bins = Math.max(2, Math.floor(maxBins));
  let step: number;
  let first: number;
  let count: number;
  // Steps below `minStep` cannot be told apart in 12-digit edges (or are subnormal): such a
  // spread counts as one value. The span is divided before subtracting, so ±1e308 cannot overflow.
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  const minStep = Math.max(MIN_STEP, magnitude * 1e-10);
  if (lo === hi || hi / bins - lo / bins < minStep) {
    step = magnitude < MIN_STEP ? 1 : Math.max(minStep, 10 ** Math.floor(Math.log10(magnitude)));
    first = binIndex(lo, step);
    count = Math.max(1, binIndex(hi, step) - first + 1);
  } else {
    step = Math.max(niceStep(hi / bins - lo / bins), niceStep(minStep));
    for (;;) {
      first = binIndex(lo, step);
      const last = binIndex(hi, step);
      count = last - first + 1;
      // hi exactly on an edge: the last bin is closed, so it needs no bin of its own.
      if (edge(last, step) === hi && count > 1) count--;
      if (count <= bins) break;
      step = niceStep(step * 1.000001);
    }
  }
  // Edges clamped at ±MAX_VALUE can repeat: a bin between equal edges is no bin.
  const edges = Array.from({ length: count + 1 }, (_, i) => edge(first + i, step)).filter((e, i, all) => i === 0 || e !== all[i - 1]);
  count = Math.max(1, edges.length - 1);
  if (edges.length === 1) edges.push(Number.MAX_VALUE);
  const counts = new Array<number>(count).fill(0);
  for (const v of xs) {
    // Last edge ≤ v (binary search), clamped into the closed last bin.
    let a = 0;
    let b = count;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (edges[m]! <= v) a = m;
      else b = m - 1;
    }
    counts[Math.min(a, count - 1)]!++;
  }
  return counts.map((c, i) => ({ start: edges[i]!, end: edges[i + 1]!, count: c }));
}

/** The k with edge(k) ≤ v < edge(k + 1), checked against the rounded edges. */
function binIndex(v: number, step: number): number {
  let k = Math.floor(v / step);
  while (edge(k, step) > v) k--;
  // An edge clamped at MAX_VALUE closes the last bin: it starts none.
  while (edge(k + 1, step) <= v && edge(k + 1, step) > edge(k, step) && edge(k + 1, step) < Number.MAX_VALUE) k++;
  return k;
}

/**
 * k · step, rounded to 12 significant digits so `3 × 0.1` is the edge `0.3`; kept within the
 * finite numbers (an outer edge past ±MAX_VALUE holds nothing more).
 */
function edge(k: number, step: number): number {
  const v = Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, Number((k * step).toPrecision(12))));
  return Object.is(v, -0) ? 0 : v;
}

/** Least bin width: well above the subnormals, where `10 ** k` and `k · step` lose their digits. */
const MIN_STEP = 1e-290;

/** The smallest 1, 2 or 5 × 10^k that is ≥ `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    const s = Number((m * p).toPrecision(12));
    if (s >= raw) return Math.min(s, Number.MAX_VALUE);
  }
  return Math.min(10 * p, Number.MAX_VALUE);
}

export function defaultBins(n: number): number {
  return Math.max(5, Math.ceil(Math.log2(Math.max(n, 1))) + 1);
}

/**
 * Histogram of one summary value across runs, binned here (not by vega) so the counts are exact
 * and the same in the static SVG and the browser: a bar per bin with its count, a tooltip with the
 * bin's range and count.
 */
export function buildHistogramSpec(input: HistogramInput): DatasetChart {
  const notes: string[] = [];
  const finite = input.values.filter((v) => Number.isFinite(v));
  const dropped = input.values.length - finite.length;
  if (dropped) notes.push(`${plural(dropped, "run")} without a finite ${input.label} not counted.`);
  if (finite.length === 0) notes.push(`No run has a finite ${input.label}.`);
  const bins = binValues(finite, input.bins ?? defaultBins(finite.length));
  const rows: DatasetRow[] = bins.map((b, i) => ({
    start: b.start,
    end: b.end,
    count: b.count,
    range: `${formatNumber(b.start)} – ${formatNumber(b.end)}${i === bins.length - 1 ? "" : " (excl.)"}`,
  }));
  const description = input.description ?? `Distribution of ${input.label} over ${plural(finite.length, "run")}`;
  const spec = {
    ...baseSpec(description, input.width, input.height),
    data: { name: BINS_DATASET },
    mark: { type: "bar", color: input.color ?? "#1f77b4", binSpacing: 1 },
    encoding: {
      x: {
        field: "start",
        type: "quantitative",
        bin: { binned: true, step: bins.length ? bins[0]!.end - bins[0]!.start : 1 },
        title: input.label,
        scale: { zero: false },
      },
      x2: { field: "end" },
      y: { field: "count", type: "quantitative", title: "runs", axis: { tickMinStep: 1, format: "d" } },
      tooltip: [
        { field: "range", type: "nominal", title: input.label },
        { field: "count", type: "quantitative", title: "runs" },
      ],
    },
    config: BASE_CONFIG,
  };
  return { vegaLite: spec as unknown as TopLevelSpec, datasets: { [BINS_DATASET]: rows }, notes };
}
