import { z } from "zod";
import { fieldLabel } from "../../query/index.ts";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { buildHistogramSpec } from "../buildHistogramSpec.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape } from "./chartKeys.ts";
import { drawChart, noPoints } from "./drawChart.ts";
import { numbersOf } from "./fieldValues.ts";

export const HISTOGRAM_BOUNDS = {
  bins: { min: 2, max: 200 },
} as const;

/** `histogram`: the distribution of field `y` across the selected runs. */
export const histogramShape = {
  /** At most this many bins. __Default value:__ a number that fits the count of values. */
  bins: z.number().int().min(HISTOGRAM_BOUNDS.bins.min).max(HISTOGRAM_BOUNDS.bins.max).optional(),
};

/** The whole block schema of this kind: the common keys and its own. */
export const histogramSchema = z.object({ ...commonShape, ...histogramShape });
export type HistogramInput = KindInput<z.infer<typeof histogramSchema>>;

async function renderHistogram(args: KindRenderArgs<HistogramInput>): Promise<RenderedBlock> {
  const { block, diagnostics, oneField, id } = args;
  const input = block.input;
  const y = oneField("y", "the field whose distribution to show, e.g. `summary.val/acc`");
  if (!y) return { html: "", diagnostics };
  const values = numbersOf(args, y, "y").map((v) => v.value);
  if (values.length === 0) return noPoints(args);
  return drawChart(args, buildHistogramSpec({ id, label: fieldLabel(y), values, ...(input.bins ? { bins: input.bins } : {}), ...(input.height ? { height: input.height } : {}) }));
}

export const histogramKind: ChartKindModule = { shape: histogramShape, render: renderHistogram };
