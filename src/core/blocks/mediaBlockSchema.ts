import { z } from "zod";

/** `media` block keys: one media key of the selected runs at one step, one column per run. */
export const mediaBlockSchema = z.strictObject({
  /** Caption of the block. __Default:__ the key. */
  title: z.string().optional(),
  /** Run-set expression. __Default:__ the report's `runs`, else every run. */
  runs: z.string().optional(),
  /** The media key (`media.jsonl`'s `key`), e.g. `samples` or `samples/val`. */
  key: z.string().min(1),
  /** The step shown first; each run shows its last item at or before it. __Default:__ the last step logged. */
  step: z.number().int().min(0).optional(),
  /** Items shown per run and step (the rest behind a note). __Default:__ 48. */
  limit: z.number().int().min(1).max(1000).optional(),
  /** Columns of items within each run's column. __Default:__ as many as fit (thumbnails about 160 px wide). */
  columns: z.number().int().min(1).max(8).optional(),
  /** Show at most this many runs side by side. __Default:__ 8. */
  max_runs: z.number().int().min(1).max(50).optional(),
});

export type MediaBlockInput = z.infer<typeof mediaBlockSchema>;
