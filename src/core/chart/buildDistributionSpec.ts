/**
 * The `distribution` chart: a histogram key over steps, per run. `bands` draws TensorBoard's
 * distribution view (nested percentile bands 0–100, 7–93, 16–84, 31–69 around the median) with
 * every run overlaid in its colour; `heatmap` draws steps × bins shaded by count, one panel per
 * run, stacked. Hovering shows a step's percentiles (bands) or a bin's range and count (heatmap).
 */
import type { TopLevelSpec } from "vega-lite";
import { BAND_PERCENTILES, seriesBands, thinIndices } from "../plots/histogramBands.ts";
import type { HistogramSeries } from "../plots/runData.ts";
import { BASE_CONFIG, baseSpec, DEFAULT_HEIGHT, identifier, INTERACTIVE_SUFFIX, roundSignificant, SEQUENTIAL_RANGE, VEGA_LITE_SCHEMA, type DatasetChart, type DatasetRow } from "./chartCommon.ts";

export interface DistributionRun {
  /** Legend and panel name, distinct across runs. */
  name: string;
  color: string;
  series: HistogramSeries;
}

export interface DistributionChartInput {
  id: string;
  key: string;
  style: "bands" | "heatmap";
  runs: DistributionRun[];
  /** Drawn size of the bands chart, px (the page fits it to its box; this sets its proportions). */
  width?: number;
  height?: number;
}

export const DISTRIBUTION_DATASET = "distribution";
/** Bands: the vega kinds' default (a plot over 150 px scaled to a phone). */
export const DISTRIBUTION_HEIGHT = DEFAULT_HEIGHT;
/**
 * A heatmap panel (560 px wide, drawn at its own size): scaled to a phone's ~340 px, 300 px keeps
 * each run's panel over 150 px tall, however many runs are stacked.
 */
export const HEATMAP_PANEL_HEIGHT = 300;
/** Steps drawn per run: bands keep their shape at this density; a heatmap's columns stay wider than a pixel. */
export const MAX_BAND_STEPS = 500;
export const MAX_HEATMAP_STEPS = 120;
/** Panels stacked one a row: each keeps a readable width when a phone scales the grid down. */
const HEATMAP_COLUMNS = 1;
/** Band pairs from the outside in, with the opacity each adds where bands overlap. */
const BANDS: readonly [number, number, number][] = [
  [0, 8, 0.14],
  [1, 7, 0.16],
  [2, 6, 0.2],
  [3, 5, 0.26],
];

const field = (p: number): string => `p${p}`;

export function buildDistributionSpec(input: DistributionChartInput): DatasetChart {
  const names = new Set<string>();
  for (const r of input.runs) {
    if (names.has(r.name)) throw new RangeError(`buildDistributionSpec: run ${r.name} is given twice`);
    names.add(r.name);
  }
  return input.style === "bands" ? bands(input) : heatmap(input);
}

function bands(input: DistributionChartInput): DatasetChart {
  const rows: DatasetRow[] = [];
  const notes: string[] = [];
  for (const run of input.runs) {
    const drawn = seriesBands(run.series, MAX_BAND_STEPS);
    if (run.series.steps.length > MAX_BAND_STEPS) notes.push(`${run.name}: ${MAX_BAND_STEPS} of ${run.series.steps.length} steps drawn, evenly spread.`);
    for (const { step, values } of drawn) {
      const row: DatasetRow = { run: run.name, step };
      BAND_PERCENTILES.forEach((p, i) => (row[field(p)] = roundSignificant(values[i]!)));
      rows.push(row);
    }
  }
  const color = {
    field: "run",
    type: "nominal",
    title: null,
    scale: { domain: input.runs.map((r) => r.name), range: input.runs.map((r) => r.color) },
    // Several runs: an HTML legend under the chart (wraps however many there are).
    legend: null,
  };
  const x = { field: "step", type: "quantitative", title: "step", axis: { tickMinStep: 1 } };
  const y = (p: number, title: string | null = null) => ({ field: field(p), type: "quantitative", title, scale: { zero: false } });
  const tooltip = [
    { field: "run", type: "nominal", title: "run" },
    { field: "step", type: "quantitative", title: "step" },
    ...[...BAND_PERCENTILES].reverse().map((p) => ({ field: field(p), type: "quantitative", title: p === 50 ? "median" : p === 0 ? "min" : p === 100 ? "max" : `${p}th percentile`, format: ".4~g" })),
  ];
  const spec = {
    ...baseSpec(`Distribution of ${input.key} over steps (percentile bands) for ${input.runs.map((r) => r.name).join(", ")}`, input.width, input.height ?? DISTRIBUTION_HEIGHT),
    data: { name: DISTRIBUTION_DATASET },
    layer: [
      ...BANDS.map(([lo, hi, opacity]) => ({
        mark: { type: "area", opacity, aria: false },
        encoding: { x, y: y(BAND_PERCENTILES[lo]!, lo === 0 ? input.key : null), y2: { field: field(BAND_PERCENTILES[hi]!) }, color, detail: { field: "run" } },
      })),
      { mark: { type: "line", strokeWidth: 1.5 }, encoding: { x, y: y(50), color } },
      {
        // Hover targets: a step's percentiles (browser only; left out of the static SVG).
        name: `${identifier(input.id)}_steps${INTERACTIVE_SUFFIX}`,
        mark: { type: "circle", size: 140, opacity: 0, aria: false },
        encoding: { x, y: y(50), tooltip },
      },
    ],
    config: BASE_CONFIG,
  };
  const legend = input.runs.length > 1 ? { legend: { title: "run", entries: input.runs.map((r) => ({ label: r.name, color: r.color })) } } : {};
  return { vegaLite: spec as unknown as TopLevelSpec, datasets: { [DISTRIBUTION_DATASET]: rows }, notes, ...legend };
}

function heatmap(input: DistributionChartInput): DatasetChart {
  const rows: DatasetRow[] = [];
  const notes: string[] = [];
  for (const run of input.runs) {
    const { steps, edges, counts } = run.series;
    const kept = thinIndices(steps.length, MAX_HEATMAP_STEPS);
    if (steps.length > MAX_HEATMAP_STEPS) notes.push(`${run.name}: ${MAX_HEATMAP_STEPS} of ${steps.length} steps drawn, evenly spread.`);
    kept.forEach((i, k) => {
      // A column spans from its step to the next drawn one; the last is as wide as the one before.
      const step = steps[i]!;
      const next = k + 1 < kept.length ? steps[kept[k + 1]!]! : step + (k > 0 ? step - steps[kept[k - 1]!]! : 1);
      const total = counts[i]!.reduce((a, b) => a + b, 0);
      counts[i]!.forEach((count, b) => {
        if (count === 0) return;
        rows.push({ run: run.name, step, step2: next, lo: roundSignificant(edges[i]![b]!), hi: roundSignificant(edges[i]![b + 1]!), count: roundSignificant(count), share: total > 0 ? Math.round((count / total) * 1e4) / 1e4 : 0 });
      });
    });
  }
  const height = input.height ?? HEATMAP_PANEL_HEIGHT;
  const tooltip = [
    { field: "run", type: "nominal", title: "run" },
    { field: "step", type: "quantitative", title: "step" },
    { field: "lo", type: "quantitative", title: "bin from", format: ".4~g" },
    { field: "hi", type: "quantitative", title: "bin to", format: ".4~g" },
    { field: "count", type: "quantitative", title: "count" },
    { field: "share", type: "quantitative", title: "share of step", format: ".1%" },
  ];
  const cell = {
    width: 560,
    height,
    mark: { type: "rect" },
    encoding: {
      x: { field: "step", type: "quantitative", title: "step", axis: { tickMinStep: 1 } },
      x2: { field: "step2" },
      y: { field: "lo", type: "quantitative", title: input.key, scale: { zero: false } },
      y2: { field: "hi" },
      color: { field: "count", type: "quantitative", title: "count", scale: { range: [...SEQUENTIAL_RANGE] } },
      tooltip,
    },
  };
  const description = `Distribution of ${input.key} over steps (heatmap of bin counts) for ${input.runs.map((r) => r.name).join(", ")}`;
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    description,
    background: "transparent",
    data: { name: DISTRIBUTION_DATASET },
    facet: { field: "run", type: "nominal", title: null, sort: input.runs.map((r) => r.name), header: { labelFontSize: 12, labelLimit: 240 } },
    columns: Math.min(HEATMAP_COLUMNS, input.runs.length),
    spec: cell,
    resolve: { scale: { x: "independent", y: "independent" } },
    config: BASE_CONFIG,
  };
  return { vegaLite: spec as unknown as TopLevelSpec, datasets: { [DISTRIBUTION_DATASET]: rows }, notes };
}
