/**
 * Shared pieces of the chart kinds: sizes, run display names and wording for all of them (line
 * charts too), and for the vega kinds (scatter, bar, parallel coordinates, histogram, parameter
 * importance) the `DatasetChart` every builder returns: a vega-lite spec that reads only
 * named datasets, and the rows of those datasets, so the same rows feed the build-time SVG
 * (`renderChartSvg`) and the browser (`{ spec, datasets }` payload, hydrateCharts.ts).
 */
import type { TopLevelSpec } from "vega-lite";
import type { DatasetLegend } from "./datasetLegend.ts";

/** Size of a chart's static SVG when its block gives none, px. */
export const DEFAULT_WIDTH = 640;
/**
 * Tall enough that a chart's static picture, scaled to a phone's width (~340 px of 640), still has
 * a plot of ~160 px: the layout check's least plot height is 150 px (docs/design.md).
 */
export const DEFAULT_HEIGHT = 360;

export type DatasetRow = Record<string, string | number | boolean | null>;

export interface DatasetChart {
  vegaLite: TopLevelSpec;
  /** Rows per dataset name the spec reads; JSON-safe (numbers are finite, gaps are `null`). */
  datasets: Record<string, DatasetRow[]>;
  /** Things the reader should know that the chart does not show. */
  notes: string[];
  /** A colour legend drawn as HTML under the chart (`datasetLegendHtml`) rather than by vega. */
  legend?: DatasetLegend;
}

/**
 * Marks of layers whose name ends with this suffix exist only for interaction and are left out
 * of the static SVG by `renderChartSvg`.
 */
export const INTERACTIVE_SUFFIX = "__interactive";

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/**
 * Sequential ramp for numeric colour encodings (indigo → blue → teal → olive → amber). Like the
 * run palette, every stop has a relative luminance in 0.12–0.30, so each colour keeps ≥ 3:1
 * contrast against white and against #121212: one ramp for light and dark pages. The order reads
 * from hue (cool → warm) more than from lightness, which that contrast band keeps narrow.
 */
export const SEQUENTIAL_RANGE: readonly string[] = ["#5b4bd0", "#1f80c0", "#109a80", "#7a9a1a", "#b88c0c"];

/** Gaps and other "no value" marks (e.g. a point whose colour field is missing). */
export const MISSING_COLOR = "#8c8c8c";

/** Positive / negative / no-sign colours (parameter importance). */
export const SIGN_COLORS = { positive: "#1f77b4", negative: "#e6550d", none: "#8c8c8c" } as const;

/** Common top-level properties: size, fit, transparent background, no view stroke. */
export function baseSpec(description: string, width?: number, height?: number) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    description,
    width: width ?? DEFAULT_WIDTH,
    height: height ?? DEFAULT_HEIGHT,
    autosize: { type: "fit" as const, contains: "padding" as const },
    background: "transparent",
  };
}

export const BASE_CONFIG = { view: { stroke: null }, legend: { labelFontSize: 11 } };

/** A valid vega signal name from a chart id: `sweep-chart-1` → `sweep_chart_1`. */
export function identifier(id: string): string {
  const s = id.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(s) ? s : `c_${s}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Run names, except that runs sharing a name are shown by id so legend entries stay distinct. */
export function displayNames(runs: readonly { runId: string; name: string }[]): Map<string, string> {
  const idsByName = new Map<string, Set<string>>();
  for (const r of runs) {
    const ids = idsByName.get(r.name) ?? new Set<string>();
    ids.add(r.runId);
    idsByName.set(r.name, ids);
  }
  const names = new Map<string, string>();
  for (const r of runs) names.set(r.runId, idsByName.get(r.name)!.size > 1 ? r.runId : r.name);
  return names;
}

/** Throws a `RangeError` when a run id appears twice (a programming error of the caller). */
export function assertUniqueRuns(runs: readonly { runId: string }[], what: string): void {
  const seen = new Set<string>();
  for (const r of runs) {
    if (seen.has(r.runId)) throw new RangeError(`${what}: run ${r.runId} is given twice`);
    seen.add(r.runId);
  }
}

/** Numbers for the shipped data: 6 significant digits, integers exact. */
export { roundSignificant } from "./lineChartData.ts";
