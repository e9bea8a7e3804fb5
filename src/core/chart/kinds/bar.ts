import { z } from "zod";
import { fieldLabel } from "../../query/index.ts";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { groupStats } from "../../stats/groupStats.ts";
import { buildBarSpec } from "../buildBarSpec.ts";
import { levelColors } from "../fieldColors.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape, GROUP_DEFAULTS, sharedShape } from "./chartKeys.ts";
import { drawChart, noPoints } from "./drawChart.ts";
import { numbersOf, shortLabel } from "./fieldValues.ts";
import { checkGroupCoverage, groupRuns } from "./groupRuns.ts";

/** `bar`: one bar per run of field `y`, or with `group` one bar per group with error bars. Height fits the bars. */
export const barShape = {
  group: sharedShape.group,
  agg: sharedShape.agg,
  band: sharedShape.band,
};

/** The whole block schema of this kind: the common keys and its own. */
export const barSchema = z.object({ ...commonShape, ...barShape });
export type BarInput = KindInput<z.infer<typeof barSchema>>;

async function renderBar(args: KindRenderArgs<BarInput>): Promise<RenderedBlock> {
  const { block, ctx, diagnostics, field, oneField, id } = args;
  const input = block.input;
  const y = oneField("y", "the value of each bar, e.g. `summary.val/loss`");
  const group = input.group !== undefined ? field(input.group, ["group"]) : null;
  if (!y || (input.group !== undefined && !group)) return { html: "", diagnostics };
  const values = numbersOf(args, y, "y");
  if (values.length === 0) return noPoints(args);
  let bars: Parameters<typeof buildBarSpec>[0]["bars"];
  if (group) {
    const groups = groupRuns(values.map((v) => v.run), group);
    if (!checkGroupCoverage(block, groups, diagnostics)) return { html: "", diagnostics };
    const colors = levelColors(groups.keys);
    bars = groups.keys.flatMap((key) => {
      const members = values.filter((v) => groups.keyOf(v.run) === key).map((v) => v.value);
      const s = groupStats(members, input.agg ?? GROUP_DEFAULTS.agg, input.band ?? GROUP_DEFAULTS.band);
      return s ? [{ label: `${shortLabel(group)}=${key}`, value: s.value, ...(input.band !== "none" ? { lower: s.lower, upper: s.upper } : {}), n: s.n, color: colors.get(key)! }] : [];
    });
  } else {
    // Names need not be unique (two projects, imported display names): such bars show the run id.
    const named = new Map<string, number>();
    for (const v of values) named.set(v.run.name, (named.get(v.run.name) ?? 0) + 1);
    bars = values.map((v) => ({ label: named.get(v.run.name)! > 1 ? v.run.id : v.run.name, value: v.value, color: ctx.colors.get(v.run.id) ?? "#888888" }));
  }
  return drawChart(args, buildBarSpec({ id, valueLabel: fieldLabel(y), bars, ...(input.height ? { height: input.height } : {}) }));
}

export const barKind: ChartKindModule = { shape: barShape, render: renderBar };
