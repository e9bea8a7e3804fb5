import { z } from "zod";

/** The fenced-block languages Runfolio renders; every other fence stays code. */
export const BLOCK_LANGS = ["chart", "runs", "compare", "vega-lite", "media", "table"] as const;
export type BlockLang = (typeof BLOCK_LANGS)[number];

/** `text` or a non-empty list of texts; `what` names one item in the error. */
export const oneOrMany = (what: string) => z.union([z.string(), z.array(z.string()).min(1)], { error: `${what} or a list of them` });

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

export type RunsBlockInput = z.infer<typeof runsBlockSchema>;
export type VegaLiteBlockInput = z.infer<typeof vegaLiteBlockSchema>;
