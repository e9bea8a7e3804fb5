import { z } from "zod";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { computeScalar } from "../../stats/index.ts";
import { renderScalarHtml } from "../renderScalar.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape } from "./chartKeys.ts";
import { numbersOf } from "./fieldValues.ts";

export const SCALAR_DEFAULTS = {
  reduce: "min",
} as const;

/** `scalar`: one big number, field `y` reduced over the runs, linked to the run it comes from. */
export const scalarShape = {
  /** How the runs' values reduce to one. __Default value:__ `min`. */
  reduce: z.enum(["min", "max", "mean", "median", "last"]).optional(),
};

/** The whole block schema of this kind: the common keys and its own. */
export const scalarSchema = z.object({ ...commonShape, ...scalarShape });
export type ScalarInput = KindInput<z.infer<typeof scalarSchema>>;

async function renderScalar(args: KindRenderArgs<ScalarInput>): Promise<RenderedBlock> {
  const { block, ctx, diagnostics, oneField, id, title } = args;
  const y = oneField("y", "the field to reduce, e.g. `summary.val/loss`");
  if (!y) return { html: "", diagnostics };
  const reduce = block.input.reduce ?? SCALAR_DEFAULTS.reduce;
  const result = computeScalar({ values: numbersOf(args, y, "y").map((v) => ({ runId: v.run.id, name: v.run.name, value: v.value })), reduce });
  if (diagnostics.some((d) => d.severity === "error") || !ctx.render) return { html: "", diagnostics };
  const html = renderScalarHtml({ id, label: title, reduce, result, runHref: result.runId ? ctx.hrefForRun(result.runId) : null });
  return { html, diagnostics, shows: { id, title, runIds: (args.runs ?? []).map((r) => r.id), svg: "", payload: null, script: null } };
}

export const scalarKind: ChartKindModule = { shape: scalarShape, render: renderScalar };
