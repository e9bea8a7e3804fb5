import { z } from "zod";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { blockMessages } from "../../blocks/messages.ts";
import { runDataBlockMessages } from "../../blocks/runDataBlockMessages.ts";
import { didYouMean } from "../../diagnostics.ts";
import { compareText } from "../../format/compareText.ts";
import type { Run } from "../../run.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { buildDistributionSpec, type DistributionRun } from "../buildDistributionSpec.ts";
import { displayNames, plural } from "../chartCommon.ts";
import type { ChartKindModule, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape } from "./chartKeys.ts";
import { drawChart } from "./drawChart.ts";

/** `distribution`: a histogram key logged over steps (`histograms/<key>.jsonl`), per run. */
export const distributionShape = {
  /** The histogram key: the file `histograms/<key>.jsonl` in each run folder, e.g. `weights/fc1`. Required. */
  key: z.string().min(1).optional(),
  /** `bands`: TensorBoard's percentile bands, runs overlaid; `heatmap`: steps × bins shaded by count, one panel per run. __Default value:__ `bands`. */
  style: z.enum(["bands", "heatmap"]).optional(),
};

export const distributionSchema = z.object({ ...commonShape, ...distributionShape });
export type DistributionInput = KindInput<z.infer<typeof distributionSchema>>;

async function renderDistribution(args: KindRenderArgs<DistributionInput>): Promise<RenderedBlock> {
  const { block, ctx, diagnostics, runs, id } = args;
  const key = block.input.key;
  const at = (path: PropertyKey[]) => block.yaml.locateValue(path);
  if (key === undefined) {
    if (!block.invalid.has("key")) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([]), blockMessages.needsKey("distribution", "key", "the histogram key, a file `histograms/<key>.jsonl` in the run folders")));
    return { html: "", diagnostics };
  }
  if (!runs) return { html: "", diagnostics };
  const having = runs.filter((r) => r.histograms?.some((h) => h.key === key));
  if (having.length === 0) {
    const known = [...new Set(runs.flatMap((r) => (r.histograms ?? []).map((h) => h.key)))].sort(compareText);
    diagnostics.push(regionDiagnostic(block.region, at(["key"]), runDataBlockMessages.noSuchHistogram(key, didYouMean(key, known), known)));
    return { html: "", diagnostics };
  }
  const missing = runs.filter((r) => !having.includes(r));
  if (missing.length) args.notes.push(`${plural(missing.length, "selected run")} without histograms \`${key}\` not shown: ${missing.map((r) => r.name).join(", ")}.`);
  if (!ctx.readRunData) {
    diagnostics.push(regionDiagnostic(block.region, at(["key"]), runDataBlockMessages.cannotReadRunData(`histograms \`${key}\``)));
    return { html: "", diagnostics };
  }
  const names = displayNames(having.map((r) => ({ runId: r.id, name: r.name })));
  const drawn: DistributionRun[] = [];
  const read = await Promise.all(having.map(async (run: Run) => ({ run, series: await ctx.readRunData!.histograms(run, key) })));
  for (const { run, series } of read) {
    if (series && series.counts.some((c) => c.some((v) => v > 0))) drawn.push({ name: names.get(run.id)!, color: ctx.colors.get(run.id) ?? "#888888", series });
  }
  if (drawn.length === 0) {
    diagnostics.push(regionDiagnostic(block.region, at(["key"]), runDataBlockMessages.noBins(key)));
    return { html: "", diagnostics };
  }
  const height = block.input.height;
  return drawChart({ ...args, runs: having }, buildDistributionSpec({ id, key, style: block.input.style ?? "bands", runs: drawn, ...(height ? { height } : {}) }));
}

export const distributionKind: ChartKindModule = { shape: distributionShape, render: renderDistribution };
