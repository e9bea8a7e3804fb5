import { z } from "zod";
import { fieldLabel, getField } from "../../query/index.ts";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { buildScatterSpec } from "../buildScatterSpec.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape, sharedShape } from "./chartKeys.ts";
import { drawChart, noPoints } from "./drawChart.ts";
import { numberOf, numbersOf, scalarOf } from "./fieldValues.ts";
import { isDiscreteNumbers } from "../fieldColors.ts";
import { formatNumberLevels } from "../numberLevels.ts";

export const SCATTER_DEFAULTS = {
  /** Plot height in pixels. */
  height: 350,
} as const;

/** `scatter`: one point per run, `x` and `y` fields; `color` and `size` encode more fields. */
export const scatterShape = {
  x: sharedShape.x,
  color: sharedShape.color,
  /** Size points by a field. __Default value:__ one size. */
  size: z.string().optional(),
  scale: sharedShape.scale,
};

/** The whole block schema of this kind: the common keys and its own. */
export const scatterSchema = z.object({ ...commonShape, ...scatterShape });
export type ScatterInput = KindInput<z.infer<typeof scatterSchema>>;

async function renderScatter(args: KindRenderArgs<ScatterInput>): Promise<RenderedBlock> {
  const { block, ctx, diagnostics, field, oneField, id } = args;
  const input = block.input;
  const x = oneField("x", "the field on the x axis, e.g. `config.optimizer.lr`");
  const y = oneField("y", "the field on the y axis, e.g. `summary.val/loss`");
  const color = input.color !== undefined ? field(input.color, ["color"]) : null;
  const size = input.size !== undefined ? field(input.size, ["size"]) : null;
  if (!x || !y || (input.color !== undefined && !color) || (input.size !== undefined && !size)) return { html: "", diagnostics };
  const ys = new Map(numbersOf(args, y, "y").map((p) => [p.run.id, p.value]));
  const points = numbersOf(args, x, "x")
    .filter((p) => ys.has(p.run.id))
    .map((p) => ({
      runId: p.run.id,
      name: p.run.name,
      color: ctx.colors.get(p.run.id) ?? "#888888",
      x: p.value,
      y: ys.get(p.run.id)!,
      ...(color ? { colorValue: scalarOf(getField(p.run, color)) } : {}),
      ...(size ? { sizeValue: numberOf(getField(p.run, size)) } : {}),
    }));
  if (points.length === 0) return noPoints(args);
  const colorValues = points.map((p) => p.colorValue).filter((v) => v !== null && v !== undefined);
  const colorNumbers = colorValues.filter((v): v is number => typeof v === "number");
  const numeric = colorNumbers.length > 0 && colorNumbers.length === colorValues.length;
  // Seeds and sweep levels get one colour each, labelled in one notation, in numeric order.
  const levels = numeric && isDiscreteNumbers(colorNumbers) ? formatNumberLevels(colorNumbers) : null;
  if (levels) for (const p of points) if (typeof p.colorValue === "number") p.colorValue = levels.get(p.colorValue) ?? null;
  const colorLegend = color
    ? levels
      ? { label: fieldLabel(color), type: "nominal", levels: [...levels.keys()].sort((a, b) => a - b).map((v) => levels.get(v)!) }
      : { label: fieldLabel(color), type: colorValues.every((v) => typeof v === "number") ? "quantitative" : "nominal" }
    : null;
  const chart = buildScatterSpec({
    id,
    xLabel: fieldLabel(x),
    yLabel: fieldLabel(y),
    scale: { x: input.scale?.x ?? "linear", y: input.scale?.y ?? "linear" },
    points,
    ...(colorLegend ? { colorLegend } : {}),
    ...(size ? { sizeLegend: { label: fieldLabel(size) } } : {}),
    height: input.height ?? SCATTER_DEFAULTS.height,
  } as Parameters<typeof buildScatterSpec>[0]);
  return drawChart(args, chart);
}

export const scatterKind: ChartKindModule = { shape: scatterShape, render: renderScatter };
