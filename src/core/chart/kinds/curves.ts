import { z } from "zod";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { formatNumber } from "../../format/formatValue.ts";
import { buildCurveSpec, type CurveSeries } from "../buildCurveSpec.ts";
import { displayNames } from "../chartCommon.ts";
import { levelColors } from "../fieldColors.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape } from "./chartKeys.ts";
import { drawChart } from "./drawChart.ts";
import { plotKey, plotsOf, stepSuffix } from "./runPlots.ts";

/** `pr` and `roc`: each run's curve `plot`, one line per run (per class for one-vs-rest plots), AP or AUC in the legend. */
export const curveShape = {
  plot: plotKey.plot,
};

export const curveSchema = z.object({ ...commonShape, ...curveShape });
export type CurveInput = KindInput<z.infer<typeof curveSchema>>;

function renderCurves(type: "pr" | "roc") {
  return async (args: KindRenderArgs<CurveInput>): Promise<RenderedBlock> => {
    const { block, ctx, diagnostics, id } = args;
    const found = plotsOf(args, type);
    if (!found) return { html: "", diagnostics };
    const names = displayNames(found.map((f) => ({ runId: f.run.id, name: f.run.name })));
    const areaName = type === "roc" ? "AUC" : "AP";
    const perClass = found.some((f) => f.plot.curves.length > 1);
    const series: Omit<CurveSeries, "color">[] = [];
    const runColor: string[] = [];
    for (const { run, plot } of found) {
      for (const curve of plot.curves) {
        const name = `${names.get(run.id)!}${stepSuffix(plot)}${curve.class !== null ? ` · ${curve.class}` : ""}`;
        series.push({ label: `${name} (${areaName} ${curve.area === null ? "n/a" : formatNumber(Math.round(curve.area * 1000) / 1000)})`, x: curve.x, y: curve.y });
        runColor.push(ctx.colors.get(run.id) ?? "#888888");
      }
    }
    // One curve per run wears the run's colour; one per class needs a colour each.
    const colors = perClass ? levelColors(series.map((s) => s.label)) : null;
    const colored = series.map((s, i) => ({ ...s, color: colors ? colors.get(s.label)! : runColor[i]! }));
    return drawChart(args, buildCurveSpec({ id, type, series: colored, ...(block.input.height ? { height: block.input.height } : {}) }));
  };
}

export const prKind: ChartKindModule = { shape: curveShape, render: renderCurves("pr") };
export const rocKind: ChartKindModule = { shape: curveShape, render: renderCurves("roc") };
