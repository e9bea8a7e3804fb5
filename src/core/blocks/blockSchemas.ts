import { z } from "zod";

/** The fenced-block languages Runfolio renders; every other fence stays code. */
export const BLOCK_LANGS = ["chart", "runs"] as const;
export type BlockLang = (typeof BLOCK_LANGS)[number];

const scaleType = z.enum(["linear", "log"]);
const oneOrMany = (what: string) =>
  z.union([z.string(), z.array(z.string()).min(1)], { error: `${what} or a list of them` });

/** `chart` block keys. Defaults live in `resolveBlock`. */
export const chartBlockSchema = z.strictObject({
  /** Heading shown above the chart. __Default:__ the y metric names. */
  title: z.string().optional(),
  /** Run-set expression. __Default:__ the report's `runs`, else every run. */
  runs: z.string().optional(),
  /** `step`, `time` (wall clock), `relative` (hours since start) or a metric name. __Default:__ `step`. */
  x: z.string().optional(),
  /** One metric name or a list. */
  y: oneOrMany("a metric name"),
  /** Axis scales. __Default:__ linear. */
  scale: z.strictObject({ x: scaleType.optional(), y: scaleType.optional() }).optional(),
  /** Plot height in pixels. __Default:__ 260. */
  height: z.number().int().min(120).max(1200).optional(),
  /** Interactive points per series after downsampling. __Default:__ 1000. */
  points: z.number().int().min(50).max(20000).optional(),
});

/** `runs` block keys. */
export const runsBlockSchema = z.strictObject({
  /** Caption of the table. */
  title: z.string().optional(),
  /** Run-set expression. __Default:__ the report's `runs`, else every run. */
  runs: z.string().optional(),
  /** Field paths to show. __Default:__ `[name, state, created]`. */
  columns: z.array(z.string()).min(1).optional(),
  /** Sort keys, `-` prefix for descending. __Default:__ run id. */
  sort: oneOrMany("a column").optional(),
  /** Show at most this many rows. __Default:__ all. */
  limit: z.number().int().min(1).optional(),
});

export const blockSchemas = { chart: chartBlockSchema, runs: runsBlockSchema } as const;

export type ChartBlockInput = z.infer<typeof chartBlockSchema>;
export type RunsBlockInput = z.infer<typeof runsBlockSchema>;
