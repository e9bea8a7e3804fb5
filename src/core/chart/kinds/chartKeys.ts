/**
 * Schemas of the `chart` keys more than one kind takes: those every kind takes (`commonShape`)
 * and those a few kinds share (`x`, `group`, `agg`, `band`, `color`, `scale`). Keys of one kind
 * live in that kind's module; `chartBlockSchema` puts them all together.
 */
import { z } from "zod";
import { oneOrMany } from "../../blocks/blockSchemas.ts";

const scaleType = z.enum(["linear", "log"]);


/** Bounds of the keys every kind takes, shared with the docs and tests. */
export const COMMON_BOUNDS = {
  height: { min: 120, max: 1200 },
  max_runs: { min: 1, max: 2000 },
} as const;

/** Draw at most this many runs unless `max_runs` says otherwise. */
export const DEFAULT_MAX_RUNS = 100;

/** Keys every chart kind takes, besides `kind` (whose choices come from the registry). */
export const commonShape = {
  /** Caption above the chart. __Default value:__ the `y` field names. */
  title: z.string().optional(),
  /** Run-set expression. __Default value:__ the report's `runs`, else every run. */
  runs: z.string().optional(),
  /** line: metric names or globs (`val/*`); other kinds: one field (`summary.val/loss`). Required. */
  y: oneOrMany("a metric name"),
  /** Draw at most this many runs (the chart says when more were selected). __Default value:__ 100. */
  max_runs: z.number().int().min(COMMON_BOUNDS.max_runs.min).max(COMMON_BOUNDS.max_runs.max).optional(),
  /** Chart height in pixels at a 640 px width. __Default value:__ each kind's own (`line` 350, `scatter` 350, …). */
  height: z.number().int().min(COMMON_BOUNDS.height.min).max(COMMON_BOUNDS.height.max).optional(),
};

export const sharedShape = {
  /** line: `step`, `time`, `relative` or a metric; scatter: a field. __Default value:__ `step` (line); required (scatter). */
  x: z.string().optional(),
  /** Group runs by a field: one line (mean and band) or bar per group. __Default value:__ no groups. */
  group: z.string().optional(),
  /** How a group's runs combine. __Default value:__ `mean`. */
  agg: z.enum(["mean", "median", "min", "max"]).optional(),
  /** The band around a group's line, or error bars of grouped bars. __Default value:__ `stderr`. */
  band: z.enum(["stderr", "stddev", "minmax", "ci95", "none"]).optional(),
  /** Colour runs by a field (sequential palette for numbers, categorical for text). __Default value:__ each run's own colour. */
  color: z.string().optional(),
  /** Axis scales. __Default value:__ `linear` on both axes. */
  scale: z.strictObject({ x: scaleType.optional(), y: scaleType.optional() }).optional(),
};

/** The group defaults, shared by `line` and `bar`. */
export const GROUP_DEFAULTS = { agg: "mean", band: "stderr" } as const;
