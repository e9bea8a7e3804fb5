import { z } from "zod";

/** Rows per page of a `table` block. */
export const TABLE_PAGE_SIZE = { default: 25, min: 5, max: 500 } as const;
/** Runs a `table` block shows side by side (joined) or one after another. */
export const TABLE_MAX_RUNS = { default: 6, max: 16 } as const;

/** `table` block keys: per-example rows of runs' `tables/<key>.jsonl|csv`, optionally joined on an id. */
export const tableBlockSchema = z.strictObject({
  /** Caption of the table. */
  title: z.string().optional(),
  /** Run-set expression. __Default:__ the report's `runs`, else every run. */
  runs: z.string().optional(),
  /** The table's name: its file name in the run folder's `tables/`, without `.jsonl` or `.csv`. */
  key: z.string().min(1),
  /** An id column: one row per id with each run's columns side by side, disagreements highlighted and counted. __Default:__ no join (several runs' rows one after another). */
  join: z.string().optional(),
  /** Columns to show, in order. __Default:__ every column (without `step` when the table is shown at one step). */
  columns: z.array(z.string()).min(1).optional(),
  /** Columns whose differences between runs count as disagreements (joined tables). __Default:__ every column that differs between runs and holds no fractional numbers (labels, predictions, not scores). */
  compare: z.array(z.string()).min(1).optional(),
  /** Expression over the row's columns (docs/expressions.md): `pred != "cat" and score > 0.5`. __Default:__ every row. */
  filter: z.string().optional(),
  /** Sort by a column, `-` prefix for descending (`-score`). __Default:__ the file's order. */
  sort: z.string().optional(),
  /** The step of a per-step table (its rows have a `step`). __Default:__ `last`, each run's last step. */
  step: z.union([z.number().int().min(0), z.literal("last")], { error: "a whole number from 0 on, or `last`" }).optional(),
  /** Rows per page. __Default:__ 25. */
  page_size: z.number().int().min(TABLE_PAGE_SIZE.min).max(TABLE_PAGE_SIZE.max).optional(),
  /** `disagreements`: start with only the rows where joined runs disagree. __Default:__ `all`. */
  show: z.enum(["all", "disagreements"]).optional(),
  /** Show at most this many runs. __Default:__ 6. */
  max_runs: z.number().int().min(1).max(TABLE_MAX_RUNS.max).optional(),
});

export type TableBlockInput = z.infer<typeof tableBlockSchema>;
