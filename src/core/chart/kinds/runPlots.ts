import { z } from "zod";
import { blockMessages } from "../../blocks/messages.ts";
import { runDataBlockMessages } from "../../blocks/runDataBlockMessages.ts";
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
  /** The step drawn, of plot files that hold one plot per step; a run without it is an error naming the steps it has. __Default value:__ each run's last. */
  step: z.number().int().nonnegative().optional(),
};

/**
 * Each drawn run's plot `name` at its last step, in run order. Errors when `plot` is missing,
 * when no run has it, or when it is another type; runs without it are left out with a note.
 */
export function plotsOf<T extends PlotType>(args: KindRenderArgs<{ plot?: string | undefined; step?: number | undefined }>, kind: T): { run: Run; plot: Extract<RunPlot, { type: T }> }[] | null {
  const { block, diagnostics, runs } = args;
  const name = block.input.plot;
  if (name === undefined) {
    if (!block.invalid.has("plot")) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([]), blockMessages.needsKey(kind, "plot", "the name of a plot file, `plots/<name>.json` in the run folders")));
    return null;
  }
  if (!runs) return null;
  const found: { run: Run; plot: RunPlot }[] = [];
  const missing: Run[] = [];
  const step = block.input.step;
  let stepMissing = false;
  for (const run of runs) {
    const mine = (run.plots ?? []).filter((p) => p.name === name);
    // Sorted by step with unstepped plots first: the last is the latest.
    const chosen = step === undefined ? mine[mine.length - 1] : mine.find((p) => p.step === step);
    if (chosen) found.push({ run, plot: chosen });
    else if (mine.length === 0) missing.push(run);
    else {
      diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["step"]), runDataBlockMessages.noSuchStep(name, step!, run.name, mine.map((p) => p.step))));
      stepMissing = true;
    }
  }
  if (stepMissing) return null;
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
