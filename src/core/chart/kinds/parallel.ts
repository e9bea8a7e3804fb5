import { z } from "zod";
import { blockMessages } from "../../blocks/messages.ts";
import { fieldLabel, getField, type FieldPath } from "../../query/index.ts";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { buildParallelSpec } from "../buildParallelSpec.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape } from "./chartKeys.ts";
import { drawChart } from "./drawChart.ts";
import { scalarOf, shortLabel } from "./fieldValues.ts";

export const PARALLEL_BOUNDS = {
  /** Fewer than two axes is no parallel-coordinates chart. */
  dims: { min: 2 },
} as const;

/** `parallel`: parallel coordinates; `y` is the last axis and colours each run's line. */
export const parallelShape = {
  /** The axes, as fields, at least two. Required. */
  dims: z.array(z.string()).min(PARALLEL_BOUNDS.dims.min).optional(),
};

/** The whole block schema of this kind: the common keys and its own. */
export const parallelSchema = z.object({ ...commonShape, ...parallelShape });
export type ParallelInput = KindInput<z.infer<typeof parallelSchema>>;

async function renderParallel(args: KindRenderArgs<ParallelInput>): Promise<RenderedBlock> {
  const { block, diagnostics, field, oneField, id } = args;
  const input = block.input;
  const y = oneField("y", "the metric that colours the lines, e.g. `summary.val/loss`");
  if (!input.dims && !block.invalid.has("dims")) {
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([]), blockMessages.needsKey("parallel", "dims", "a list of at least two fields, e.g. `[config.lr, config.batch_size]`")));
  }
  const dims = (input.dims ?? []).map((d, i) => field(d, ["dims", i]));
  if (!y || !input.dims || dims.some((d) => d === null)) return { html: "", diagnostics };
  const drawn = args.runs ?? [];
  const keyOf = (p: FieldPath) => fieldLabel(p);
  // An axis named twice (also as `y`, or via an alias) is drawn once.
  const all = [...(dims as FieldPath[]), y].filter((p, i, list) => list.findIndex((q) => keyOf(q) === keyOf(p)) === i);
  const chart = buildParallelSpec({
    id,
    dims: all.map((p) => {
      const vals = drawn.map((r) => getField(r, p)).filter((v) => v !== undefined && v !== null);
      const numeric = vals.length > 0 && vals.every((v) => typeof v === "number");
      const nums = vals.filter((v): v is number => typeof v === "number");
      const log = numeric && nums.every((v) => v > 0) && Math.max(...nums) / Math.min(...nums) > 100;
      return { key: keyOf(p), label: shortLabel(p), type: numeric ? "quantitative" : "nominal", ...(log ? { log } : {}) };
    }),
    rows: drawn.map((r) => ({ runId: r.id, name: r.name, values: Object.fromEntries(all.map((p) => [keyOf(p), scalarOf(getField(r, p))])) })),
    colorKey: keyOf(y),
    ...(input.height ? { height: input.height } : {}),
  });
  return drawChart(args, chart);
}

export const parallelKind: ChartKindModule = { shape: parallelShape, render: renderParallel };
