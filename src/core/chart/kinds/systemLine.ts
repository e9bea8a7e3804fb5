import { runDataBlockMessages } from "../../blocks/runDataBlockMessages.ts";
import { didYouMean } from "../../diagnostics.ts";
import { compareText } from "../../format/compareText.ts";
import { SYSTEM_PREFIX } from "../../plots/runData.ts";
import { parseXAxis } from "../../series/seriesFromHistory.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { isSystemMetric, readWithSystem, withSystemMetrics } from "../systemMetrics.ts";
import type { KindRenderArgs } from "./chartKind.ts";

/** The keys of a line block this step reads. */
interface LineKeys {
  y?: string | string[] | undefined;
  x?: string | undefined;
  download?: boolean | undefined;
}

/**
 * A line block's arguments when its `y` names system metrics (`system/gpu.0.utilization`, globs
 * too): the runs list them and their histories serve them (systemMetrics.ts). They are sampled in
 * time, so `x` must be `time` or `relative`. Their charts are not cached by history digest and
 * offer no every-point CSV (the run's published JSON holds no samples). Null after an error.
 */
export function systemLineArgs<I extends LineKeys>(args: KindRenderArgs<I>): KindRenderArgs<I> | null {
  const { block, diagnostics, runs } = args;
  const y = block.input.y;
  const patterns = y === undefined ? [] : typeof y === "string" ? [y] : y;
  if (!patterns.some(isSystemMetric)) return args;
  const at = (i: number) => block.yaml.locateValue(typeof y === "string" ? ["y"] : ["y", i]);
  const errorsBefore = diagnostics.filter((d) => d.severity === "error").length;
  const x = parseXAxis(block.input.x);
  if (x.kind === "step" || x.kind === "metric") {
    const where = block.input.x === undefined ? block.yaml.locateKey(["y"]) : block.yaml.locateValue(["x"]);
    diagnostics.push(regionDiagnostic(block.region, where, runDataBlockMessages.systemNeedsTime(block.input.x ?? "step (the default)")));
  }
  const reader = args.ctx.readRunData;
  if (!reader) diagnostics.push(regionDiagnostic(block.region, at(0), runDataBlockMessages.cannotReadRunData("system metrics")));
  else if (runs) {
    const known = [...new Set(runs.flatMap((r) => r.system?.metrics ?? []))].sort(compareText);
    patterns.forEach((p, i) => {
      const name = p.slice(SYSTEM_PREFIX.length);
      if (isSystemMetric(p) && !p.includes("*") && !known.includes(name)) diagnostics.push(regionDiagnostic(block.region, at(i), runDataBlockMessages.noSuchSystemMetric(name, didYouMean(name, known), known)));
    });
  }
  if (!reader || diagnostics.filter((d) => d.severity === "error").length > errorsBefore) return null;
  // Its histories are not the runs' alone (system samples join them): their facts do not tell.
  const { memoChart: _memo, fullData: _full, readFacts: _facts, ...ctx } = args.ctx;
  return {
    ...args,
    block: { ...block, input: { ...block.input, download: false } },
    runs: runs ? runs.map(withSystemMetrics) : null,
    ctx: { ...ctx, readHistory: readWithSystem(args.ctx.readHistory, reader) },
  };
}
