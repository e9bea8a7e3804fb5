import { z } from "zod";
import { inSmoothingBounds, smoothingBoundsText, type SmoothingParam } from "../series/smoothingBounds.ts";
import { compareBlockSchema } from "./compareBlockSchema.ts";

/** The fenced-block languages Runfolio renders; every other fence stays code. */
export const BLOCK_LANGS = ["chart", "runs", "compare", "vega-lite"] as const;
export type BlockLang = (typeof BLOCK_LANGS)[number];

const scaleType = z.enum(["linear", "log"]);
const oneOrMany = (what: string) =>
  z.union([z.string(), z.array(z.string()).min(1)], { error: `${what} or a list of them` });

export const CHART_KINDS = ["line", "scatter", "bar", "parallel", "histogram", "scalar", "importance"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** A smoothing parameter within `SMOOTHING_BOUNDS`, the range the build and the chart's slider use. */
const smoothParam = (param: SmoothingParam, base: z.ZodNumber = z.number()) =>
  base.refine((v) => inSmoothingBounds(param, v), { error: smoothingBoundsText(param) });

const smoothSchema = z.union(
  [
    smoothParam("weight"),
    z.strictObject({
      kind: z.enum(["none", "ema", "twema", "gaussian", "running"]),
      weight: smoothParam("weight").optional(),
      sigma: smoothParam("sigma").optional(),
      // an int first: 0.5 is "must be an int", not also out of range
      window: smoothParam("window", z.number().int({ abort: true })).optional(),
    }),
  ],
  { error: "an EMA weight (0 to 0.999) or { kind: ema|twema|gaussian|running, weight|sigma|window }" },
);

/**
 * `chart` block keys, all kinds together; which keys a kind takes is `CHART_KIND_KEYS`.
 * Defaults live in `renderBlock`.
 */
export const chartBlockSchema = z.strictObject({
  /** `line`, `scatter`, `bar`, `parallel`, `histogram`, `scalar` or `importance`. __Default:__ `line`. */
  kind: z.enum(CHART_KINDS).optional(),
  /** Caption above the chart. __Default:__ the y field names. */
  title: z.string().optional(),
  /** Run-set expression. __Default:__ the report's `runs`, else every run. */
  runs: z.string().optional(),
  /** line: `step`, `time`, `relative` or a metric; scatter: a field. __Default:__ `step`. */
  x: z.string().optional(),
  /** line: metric names or globs (`val/*`); other kinds: one field (`summary.val/loss`). */
  y: oneOrMany("a metric name"),
  /** Group runs by a field: one line (mean and band) or bar per group. */
  group: z.string().optional(),
  /** How a group's runs combine. __Default:__ `mean`. */
  agg: z.enum(["mean", "median", "min", "max"]).optional(),
  /** The band around a group's line, or error bars of grouped bars. __Default:__ `stderr`. */
  band: z.enum(["stderr", "stddev", "minmax", "ci95", "none"]).optional(),
  /** Smoothing shown first; readers change it with the chart's slider. __Default:__ none. */
  smooth: smoothSchema.optional(),
  /** Colour runs by a field (sequential palette for numbers, categorical for text). */
  color: z.string().optional(),
  /** scatter: size points by a field. */
  size: z.string().optional(),
  /** parallel: the axes, as fields. */
  dims: z.array(z.string()).min(2).optional(),
  /** importance: the config keys to rank (globs allowed). __Default:__ `config.*`. */
  params: z.array(z.string()).min(1).optional(),
  /** histogram: at most this many bins. */
  bins: z.number().int().min(2).max(200).optional(),
  /** scalar: `min`, `max`, `mean`, `median` or `last`. __Default:__ `min`. */
  reduce: z.enum(["min", "max", "mean", "median", "last"]).optional(),
  /** Draw at most this many runs (the chart says when more were selected). __Default:__ 100. */
  max_runs: z.number().int().min(1).max(2000).optional(),
  /** Axis scales. __Default:__ linear. */
  scale: z.strictObject({ x: scaleType.optional(), y: scaleType.optional() }).optional(),
  /** Plot height in pixels. __Default:__ 260. */
  height: z.number().int().min(120).max(1200).optional(),
  /** line: interactive points per series after downsampling. __Default:__ 1000. */
  points: z.number().int().min(50).max(20000).optional(),
  /** line: publish every logged point the chart draws from as a CSV beside the page. __Default:__ true. */
  download: z.boolean().optional(),
});

const COMMON_KEYS = ["kind", "title", "runs", "y", "height", "max_runs"] as const;
/** Keys each chart kind takes besides the common ones; any other key is an error for that kind. */
export const CHART_KIND_KEYS: Record<ChartKind, readonly string[]> = {
  line: [...COMMON_KEYS, "x", "group", "agg", "band", "smooth", "color", "scale", "points", "download"],
  scatter: [...COMMON_KEYS, "x", "color", "size", "scale"],
  bar: [...COMMON_KEYS, "group", "agg", "band"],
  parallel: [...COMMON_KEYS, "dims"],
  histogram: [...COMMON_KEYS, "bins"],
  scalar: [...COMMON_KEYS, "reduce"],
  importance: [...COMMON_KEYS, "params"],
};

/**
 * One `columns` item: a field path or glob (`config.*`), a one-key rename (`lr: config.optimizer.lr`)
 * or a mapping (`{ field, label, format, digits, unit }` / `{ sparkline: train/loss }`). Mappings
 * are checked key by key in `resolveColumns`, which knows their YAML positions.
 */
const columnSpecSchema = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: "a field path, `label: field`, or a mapping such as { field: summary.val/acc, format: percent }",
});

/** `runs` block keys. */
export const runsBlockSchema = z.strictObject({
  /** Caption of the table. */
  title: z.string().optional(),
  /** Run-set expression. __Default:__ the report's `runs`, else every run. */
  runs: z.string().optional(),
  /** Columns: field paths, globs, renames, formatted fields, sparklines. __Default:__ `[name, state, created]`. */
  columns: z.array(columnSpecSchema).min(1).optional(),
  /** Sort keys (field paths or column labels), `-` prefix for descending. __Default:__ run id. */
  sort: oneOrMany("a column").optional(),
  /** Show at most this many rows. __Default:__ all. */
  limit: z.number().int().min(1).optional(),
  /** Mark the best value of these columns: `{ min: [summary.val/loss], max: summary.val/acc }`. __Default:__ none. */
  highlight: z
    .strictObject({ min: oneOrMany("a column").optional(), max: oneOrMany("a column").optional() })
    .optional(),
  /** Group rows by a field, each group followed by a mean ± std row. __Default:__ no groups. */
  group_by: z.string().optional(),
});

/**
 * `vega-lite` block: a raw vega-lite spec (any keys) plus Runfolio's own `runs`, `metrics` and
 * `points`, which choose the data bound as the `runs` and `history` datasets.
 */
export const vegaLiteBlockSchema = z.looseObject({
  runs: z.string().optional(),
  /** Metrics put into `history`. __Default:__ every metric of the selected runs. */
  metrics: z.array(z.string()).min(1).optional(),
  /** Points per run and metric in `history` after downsampling. __Default:__ 500. */
  points: z.number().int().min(10).max(20000).optional(),
});

export const blockSchemas = { chart: chartBlockSchema, runs: runsBlockSchema, compare: compareBlockSchema, "vega-lite": vegaLiteBlockSchema } as const;

export type ChartBlockInput = z.infer<typeof chartBlockSchema>;
export type RunsBlockInput = z.infer<typeof runsBlockSchema>;
export type VegaLiteBlockInput = z.infer<typeof vegaLiteBlockSchema>;
