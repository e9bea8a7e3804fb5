import { z } from "zod";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { runDataBlockMessages } from "../../blocks/runDataBlockMessages.ts";
import { didYouMean } from "../../diagnostics.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { buildConfusionDiffSpec } from "../buildConfusionDiffSpec.ts";
import { buildConfusionSpec, confusionPanelSize } from "../buildConfusionSpec.ts";
import { displayNames } from "../chartCommon.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape } from "./chartKeys.ts";
import { drawChart } from "./drawChart.ts";
import { plotKey, plotsOf, stepSuffix } from "./runPlots.ts";

/** `confusion`: each run's confusion matrix `plot` as a heatmap (side by side), counts or shares, or the difference of two runs'. */
export const confusionShape = {
  plot: plotKey.plot,
  step: plotKey.step,
  /** `true` or `rows`: each row as shares of its true class (recall on the diagonal); `columns`: shares of each predicted class (precision on the diagonal). __Default value:__ `false` (counts). */
  normalize: z.union([z.boolean(), z.enum(["rows", "columns"])]).optional(),
  /** Two runs (id or name) whose matrices are subtracted, the second minus the first, on a diverging scale. __Default value:__ none (each run's matrix). */
  diff: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
};

export const confusionSchema = z.object({ ...commonShape, ...confusionShape });
export type ConfusionInput = KindInput<z.infer<typeof confusionSchema>>;

async function renderConfusion(args: KindRenderArgs<ConfusionInput>): Promise<RenderedBlock> {
  const { block, diagnostics, id } = args;
  const found = plotsOf(args, "confusion");
  if (!found) return { html: "", diagnostics };
  const names = displayNames(found.map((f) => ({ runId: f.run.id, name: f.run.name })));
  const panels = found.map((f) => ({ runId: f.run.id, title: `${names.get(f.run.id)!}${stepSuffix(f.plot)}`, labels: f.plot.labels, matrix: f.plot.matrix }));
  const labels = new Set(panels.flatMap((p) => p.labels)).size;
  // `height` sizes each square panel; by default the grid fits its labels.
  const size = block.input.height ?? confusionPanelSize(labels);
  const n = block.input.normalize;
  const normalize = n === true ? "rows" : n === undefined ? false : n;
  const diff = block.input.diff;
  if (!diff) return drawChart(args, buildConfusionSpec({ id, panels, normalize, size }));
  const pick = diff.map((wanted, i) => {
    const panel = panels.find((p) => p.runId === wanted) ?? panels.find((p) => names.get(p.runId) === wanted);
    if (!panel) {
      const known = panels.flatMap((p) => [p.runId, names.get(p.runId)!]);
      diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["diff", i]), runDataBlockMessages.diffNoSuchRun(wanted, didYouMean(wanted, known), block.input.plot!)));
    }
    return panel;
  });
  const [a, b] = pick;
  if (!a || !b) return { html: "", diagnostics };
  if (a.labels.length !== b.labels.length || a.labels.some((l, i) => l !== b.labels[i])) {
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["diff"]), runDataBlockMessages.diffLabelsDiffer(a.title, b.title)));
    return { html: "", diagnostics };
  }
  return drawChart({ ...args, runs: found.filter((f) => f.run.id === a.runId || f.run.id === b.runId).map((f) => f.run) }, buildConfusionDiffSpec({ id, a, b, normalize, size }));
}

export const confusionKind: ChartKindModule = { shape: confusionShape, render: renderConfusion };
