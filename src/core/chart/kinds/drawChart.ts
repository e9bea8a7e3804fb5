import { blockMessages } from "../../blocks/messages.ts";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { renderChartFigure } from "../../render/renderChartFigure.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import type { DatasetChart } from "../chartCommon.ts";
import { drawDatasetChart } from "../gridVariants.ts";
import type { KindRenderArgs } from "./chartKind.ts";
import { legendOf } from "../datasetLegend.ts";

/**
 * The last step of every vega kind: compile, draw the static SVG and wrap it with its payload.
 * `check` (render: false) compiles and draws too, dropping only the HTML: a chart vega cannot
 * draw fails check exactly as it fails the build.
 */
export async function drawChart(args: KindRenderArgs<unknown>, chart: DatasetChart): Promise<RenderedBlock> {
  const { diagnostics, ctx } = args;
  if (diagnostics.some((d) => d.severity === "error")) return { html: "", diagnostics };
  const { spec, svg } = await drawDatasetChart(chart);
  if (!ctx.render) return { html: "", diagnostics };
  const payload = { spec, datasets: chart.datasets };
  const html = renderChartFigure({ id: args.id, kind: "vega", title: args.title, svg, ...legendOf(chart), payload, notes: [...args.notes, ...chart.notes] });
  return { html, diagnostics, shows: { id: args.id, title: args.title, runIds: (args.runs ?? []).map((r) => r.id), svg, payload, script: "vega" } };
}

/** An error at `y`: the runs have no finite value of it. */
export function noPoints(args: KindRenderArgs<unknown>): RenderedBlock {
  const { block, diagnostics } = args;
  diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["y"]), blockMessages.noPointsToDraw(args.title)));
  return { html: "", diagnostics };
}
