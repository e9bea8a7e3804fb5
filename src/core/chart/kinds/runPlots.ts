import { z } from "zod";
import { blockMessages } from "../../blocks/messages.ts";
import { didYouMean } from "../../diagnostics.ts";
import { compareText } from "../../format/compareText.ts";
import type { PlotType, RunPlot } from "../../plots/runPlot.ts";
import type { Run } from "../../run.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { plural } from "../chartCommon.ts";
import type { KindRenderArgs } from "./chartKind.ts";

/** `plot`, the key of the kinds that draw a run's evaluation plots (`confusion`, `pr`, `roc`). */
export const plotKey = {
  /** The plot file's name, `plots/<name>.json` in each run folder; its last step is drawn. Required. */
  plot: z.string().min(1).optional(),
};

/**
 * Each drawn run's plot `name` at its last step, in run order. Errors when `plot` is missing,
 * when no run has it, or when it is another type; runs without it are left out with a note.
 */
export function plotsOf<T extends PlotType>(args: KindRenderArgs<{ plot?: string | undefined }>, kind: T): { run: Run; plot: Extract<RunPlot, { type: T }> }[] | null {
  const { block, diagnostics, runs } = args;
  const name = block.input.plot;
  if (name === undefined) {
    if (!block.invalid.has("plot")) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([]), blockMessages.needsKey(kind, "plot", "the name of a plot file, `plots/<name>.json` in the run folders")));
    return null;
  }
  if (!runs) return null;
  const found: { run: Run; plot: RunPlot }[] = [];
  const missing: Run[] = [];
  for (const run of runs) {
    const mine = (run.plots ?? []).filter((p) => p.name === name);
    // Sorted by step with unstepped plots first: the last is the latest.
    const last = mine[mine.length - 1];
    if (last) found.push({ run, plot: last });
    else missing.push(run);
  }
  if (found.length === 0) {
    const known = [...new Set(runs.flatMap((r) => (r.plots ?? []).map((p) => p.name)))].sort(compareText);
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["plot"]), blockMessages.noSuchPlot(name, didYouMean(name, known), known)));
    return null;
  }
  const other = found.find((f) => f.plot.type !== kind);
  if (other) {
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["plot"]), blockMessages.plotWrongType(name, other.plot.type, kind)));
    return null;
  }
  if (missing.length) args.notes.push(`${plural(missing.length, "selected run")} without plot \`${name}\` not shown: ${missing.map((r) => r.name).join(", ")}.`);
  return found as { run: Run; plot: Extract<RunPlot, { type: T }> }[];
}

/** The step a plot was logged at, for titles: ` (step 12)`, or nothing. */
export function stepSuffix(plot: RunPlot): string {
  return plot.step === null ? "" : ` (step ${plot.step})`;
}
