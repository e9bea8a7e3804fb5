import { z } from "zod";
import { blockMessages } from "../../blocks/messages.ts";
import { ownRecord } from "../../ownRecord.ts";
import { fieldLabel } from "../../query/index.ts";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { compileGlob } from "../../query/compileGlob.ts";
import { flattenConfig } from "../../query/fields.ts";
import { parameterImportance } from "../../stats/index.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { buildImportanceSpec } from "../buildImportanceSpec.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape } from "./chartKeys.ts";
import { drawChart } from "./drawChart.ts";
import { numbersOf } from "./fieldValues.ts";

export const IMPORTANCE_DEFAULTS = {
  params: ["config.*"],
  /** Fewer runs cannot rank anything; also the random forest's fixed seed, so builds repeat. */
  minRuns: 3,
  seed: 1,
} as const;

/** `importance`: each config key's correlation with and permutation importance for target `y`. Height fits the bars. */
export const importanceShape = {
  /** The config keys to rank (globs allowed; `params.x` means `config.x`). __Default value:__ `[config.*]`. */
  params: z.array(z.string()).min(1).optional(),
};

/** The whole block schema of this kind: the common keys and its own. */
export const importanceSchema = z.object({ ...commonShape, ...importanceShape });
export type ImportanceInput = KindInput<z.infer<typeof importanceSchema>>;

async function renderImportance(args: KindRenderArgs<ImportanceInput>): Promise<RenderedBlock> {
  const { block, diagnostics, oneField, id } = args;
  const input = block.input;
  const y = oneField("y", "the target metric, e.g. `summary.val/loss`");
  if (!y) return { html: "", diagnostics };
  const patterns = (input.params ?? IMPORTANCE_DEFAULTS.params).map((p) => compileGlob(p.replace(/^params\./, "config.")));
  const rows = numbersOf(args, y, "y").map(({ run, value }) => {
    const config: Record<string, number | string | boolean | null> = ownRecord<number | string | boolean | null>();
    for (const [k, v] of Object.entries(flattenConfig(run.config))) {
      if (patterns.some((re) => re.test(`config.${k}`)) && (v === null || ["number", "string", "boolean"].includes(typeof v))) config[k] = v as number | string | boolean | null;
    }
    return { config, target: value };
  });
  if (rows.length < IMPORTANCE_DEFAULTS.minRuns) {
    const what = `at least ${IMPORTANCE_DEFAULTS.minRuns} runs with a numeric value, found ${rows.length}`;
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["y"]), blockMessages.tooFewRuns("importance", "y", what)));
    return { html: "", diagnostics };
  }
  const items = parameterImportance(rows, { seed: IMPORTANCE_DEFAULTS.seed });
  return drawChart(args, buildImportanceSpec({ id, targetLabel: fieldLabel(y), items, ...(input.height ? { height: input.height } : {}) }));
}

export const importanceKind: ChartKindModule = { shape: importanceShape, render: renderImportance };
