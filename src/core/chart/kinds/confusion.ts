import { z } from "zod";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { buildConfusionSpec, confusionPanelSize } from "../buildConfusionSpec.ts";
import { displayNames } from "../chartCommon.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape } from "./chartKeys.ts";
import { drawChart } from "./drawChart.ts";
import { plotKey, plotsOf, stepSuffix } from "./runPlots.ts";

/** `confusion`: each run's confusion matrix `plot` as a heatmap, counts or shares of each true class. */
export const confusionShape = {
  plot: plotKey.plot,
  /** Show each row as shares of its true class (recall on the diagonal). __Default value:__ `false` (counts). */
  normalize: z.boolean().optional(),
};

export const confusionSchema = z.object({ ...commonShape, ...confusionShape });
export type ConfusionInput = KindInput<z.infer<typeof confusionSchema>>;

async function renderConfusion(args: KindRenderArgs<ConfusionInput>): Promise<RenderedBlock> {
  const { block, diagnostics, id } = args;
  const found = plotsOf(args, "confusion");
  if (!found) return { html: "", diagnostics };
  const names = displayNames(found.map((f) => ({ runId: f.run.id, name: f.run.name })));
  const panels = found.map((f) => ({ title: `${names.get(f.run.id)!}${stepSuffix(f.plot)}`, labels: f.plot.labels, matrix: f.plot.matrix }));
  const labels = new Set(panels.flatMap((p) => p.labels)).size;
  // `height` sizes each square panel; by default the grid fits its labels.
  const size = block.input.height ?? confusionPanelSize(labels);
  return drawChart(args, buildConfusionSpec({ id, panels, normalize: block.input.normalize ?? false, size }));
}

export const confusionKind: ChartKindModule = { shape: confusionShape, render: renderConfusion };
