import { z } from "zod";
import { commonShape } from "./chartKeys.ts";
import { barShape } from "./bar.ts";
import { histogramShape } from "./histogram.ts";
import { importanceShape } from "./importance.ts";
import { lineShape } from "./line.ts";
import { parallelShape } from "./parallel.ts";
import { scalarShape } from "./scalar.ts";
import { scatterShape } from "./scatter.ts";
import { CHART_KINDS } from "./registry.ts";
import { confusionShape } from "./confusion.ts";
import { curveShape } from "./curves.ts";
import { distributionShape } from "./distribution.ts";

/**
 * `chart` block keys, all kinds together, each key's schema (bounds and documented default)
 * taken from the kind module that owns it; which keys a kind takes is `CHART_KIND_KEYS`, checked
 * after the schema so a key given to the wrong kind is named with the keys that kind takes.
 * Defaults are applied by each kind's render step (`LINE_DEFAULTS`, `SCATTER_DEFAULTS`, …).
 * The key order is the order unknown-key hints list them in.
 */
export const chartBlockSchema = z.strictObject({
  /** The chart: `line`, `scatter`, `bar`, `parallel`, `histogram`, `scalar`, `importance`, `confusion`, `pr`, `roc` or `distribution`. __Default value:__ `line`. */
  kind: z.enum(CHART_KINDS).optional(),
  title: commonShape.title,
  runs: commonShape.runs,
  x: lineShape.x,
  y: commonShape.y,
  group: lineShape.group,
  agg: lineShape.agg,
  band: lineShape.band,
  smooth: lineShape.smooth,
  color: lineShape.color,
  size: scatterShape.size,
  dims: parallelShape.dims,
  params: importanceShape.params,
  bins: histogramShape.bins,
  reduce: scalarShape.reduce,
  plot: confusionShape.plot,
  step: confusionShape.step,
  normalize: confusionShape.normalize,
  diff: confusionShape.diff,
  key: distributionShape.key,
  style: distributionShape.style,
  max_runs: commonShape.max_runs,
  scale: lineShape.scale,
  height: commonShape.height,
  points: lineShape.points,
  download: lineShape.download,
});

/** Keys of kind modules that share a key name must share its schema too (one rule per key). */
export const CHART_SHAPES = [lineShape, scatterShape, barShape, parallelShape, histogramShape, scalarShape, importanceShape, confusionShape, curveShape, distributionShape] as const;

export type ChartBlockInput = z.infer<typeof chartBlockSchema>;

/** Kinds that draw a run's plot file (`plot:`), not a field: they need no `y`. */
export const PLOT_CHART_KINDS: readonly string[] = ["confusion", "pr", "roc", "distribution"];

/** The block schema for those kinds: the same keys, `y` not required (and rejected by `CHART_KIND_KEYS`). */
export const plotChartBlockSchema = chartBlockSchema.extend({ y: commonShape.y.optional() });

/** The schema a chart block's YAML is checked against, by its `kind`. */
export function chartSchemaFor(value: Record<string, unknown>): typeof chartBlockSchema {
  return PLOT_CHART_KINDS.includes(value.kind as string) ? (plotChartBlockSchema as unknown as typeof chartBlockSchema) : chartBlockSchema;
}
