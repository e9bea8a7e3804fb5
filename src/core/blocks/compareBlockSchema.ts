import { z } from "zod";

/** `compare` block keys: two or more runs side by side, one column per run. */
export const compareBlockSchema = z.strictObject({
  /** Caption of the table. */
  title: z.string().optional(),
  /** Run-set expression; the first run (in run-id order) is the reference for deltas. __Default:__ the report's `runs`. */
  runs: z.string().optional(),
  /** Globs over config and summary keys (`config.optimizer.*`, `summary.val/*`, `lr`). __Default:__ every key. */
  keys: z.union([z.string(), z.array(z.string()).min(1)], { error: "a key glob or a list of them" }).optional(),
  /** Only keys whose values differ, or every key. __Default:__ `differing`. */
  show: z.enum(["differing", "all"]).optional(),
  /** Compare at most this many runs (columns). __Default:__ 20. */
  max_runs: z.number().int().min(2).optional(),
});

export type CompareBlockInput = z.infer<typeof compareBlockSchema>;
