import { z } from "zod";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { formatNumber } from "../../format/formatValue.ts";
import { meanArea, meanCurve } from "../../plots/meanCurve.ts";
import type { PlotCurve } from "../../plots/runPlot.ts";
import { buildCurveSpec, type CurveSeries } from "../buildCurveSpec.ts";
import { displayNames } from "../chartCommon.ts";
import { levelColors } from "../fieldColors.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape, sharedShape } from "./chartKeys.ts";
import { shortLabel } from "./fieldValues.ts";
import { drawChart } from "./drawChart.ts";
import { checkGroupCoverage, groupRuns } from "./groupRuns.ts";
import { plotKey, plotsOf, stepSuffix } from "./runPlots.ts";

/** `pr` and `roc`: each run's curve `plot`, one line per run (per class for one-vs-rest plots) or per group, AP or AUC in the legend. */
export const curveShape = {
  plot: plotKey.plot,
  step: plotKey.step,
  /** Group runs by a field: one mean curve per group, the mean area ± its standard deviation in the legend. __Default value:__ one curve per run. */
  group: sharedShape.group,
};

export const curveSchema = z.object({ ...commonShape, ...curveShape });
export type CurveInput = KindInput<z.infer<typeof curveSchema>>;

const rounded = (v: number): string => formatNumber(Math.round(v * 1000) / 1000);

function renderCurves(type: "pr" | "roc") {
  return async (args: KindRenderArgs<CurveInput>): Promise<RenderedBlock> => {
    const { block, ctx, diagnostics, id, field } = args;
    const found = plotsOf(args, type);
    if (!found) return { html: "", diagnostics };
    const areaName = type === "roc" ? "AUC" : "AP";
    const height = block.input.height ? { height: block.input.height } : {};
    const groupPath = block.input.group !== undefined ? field(block.input.group, ["group"]) : null;
    if (groupPath) {
      const groups = groupRuns(found.map((f) => f.run), groupPath);
      if (!checkGroupCoverage(block, groups, diagnostics)) return { html: "", diagnostics };
      // Curves of one group and class are averaged; a binary plot has the one class null.
      const buckets = new Map<string, { label: string; curves: PlotCurve[] }>();
      for (const key of groups.keys) {
        for (const { run, plot } of found) {
          if (groups.keyOf(run) !== key) continue;
          for (const curve of plot.curves) {
            const name = `${shortLabel(groupPath)} ${key}${curve.class !== null ? ` · ${curve.class}` : ""}`;
            const bucket = buckets.get(name) ?? { label: name, curves: [] };
            bucket.curves.push(curve);
            buckets.set(name, bucket);
          }
        }
      }
      const series = [...buckets.values()].map(({ label, curves }) => {
        const area = meanArea(curves.map((c) => c.area));
        const stat = area === null ? "n/a" : `${rounded(area.mean)}${curves.length > 1 ? ` ± ${rounded(area.sd)}` : ""}`;
        return { label: `${label} (mean ${areaName} ${stat}, n=${curves.length})`, ...meanCurve(type, curves) };
      });
      const colors = levelColors(series.map((s) => s.label));
      return drawChart(args, buildCurveSpec({ id, type, series: series.map((s) => ({ ...s, color: colors.get(s.label)! })), ...height }));
    }
    const names = displayNames(found.map((f) => ({ runId: f.run.id, name: f.run.name })));
    const perClass = found.some((f) => f.plot.curves.length > 1);
    const series: Omit<CurveSeries, "color">[] = [];
    const runColor: string[] = [];
    for (const { run, plot } of found) {
      for (const curve of plot.curves) {
        const name = `${names.get(run.id)!}${stepSuffix(plot)}${curve.class !== null ? ` · ${curve.class}` : ""}`;
        series.push({ label: `${name} (${areaName} ${curve.area === null ? "n/a" : rounded(curve.area)})`, x: curve.x, y: curve.y });
        runColor.push(ctx.colors.get(run.id) ?? "#888888");
      }
    }
    // One curve per run wears the run's colour; one per class needs a colour each.
    const colors = perClass ? levelColors(series.map((s) => s.label)) : null;
    const colored = series.map((s, i) => ({ ...s, color: colors ? colors.get(s.label)! : runColor[i]! }));
    return drawChart(args, buildCurveSpec({ id, type, series: colored, ...height }));
  };
}

export const prKind: ChartKindModule = { shape: curveShape, render: renderCurves("pr") };
export const rocKind: ChartKindModule = { shape: curveShape, render: renderCurves("roc") };
