import { z } from "zod";
import { blockMessages } from "../../blocks/messages.ts";
import { didYouMean, type Diagnostic } from "../../diagnostics.ts";
import { getField } from "../../query/index.ts";
import type { RenderedBlock } from "../../blocks/blockTypes.ts";
import { lineChartInputs, renderLineChart, type ChartProblem, type LineChartRequest } from "../line/renderLineChart.ts";
import { lineChartProblems } from "../line/lineChartProblems.ts";
import { compileGlob } from "../../query/compileGlob.ts";
import { parseXAxis } from "../../series/seriesFromHistory.ts";
import type { SmoothSpec } from "../../series/index.ts";
import { inSmoothingBounds, smoothingBoundsText, smoothingProblem, type SmoothingParam } from "../../series/smoothingBounds.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import { fieldColors, levelColors } from "../fieldColors.ts";
import type { ChartKindModule, KindBlock, KindInput, KindRenderArgs } from "./chartKind.ts";
import { commonShape, DEFAULT_MAX_RUNS, GROUP_DEFAULTS, sharedShape } from "./chartKeys.ts";
import { shortLabel } from "./fieldValues.ts";
import { checkGroupCoverage, groupRuns } from "./groupRuns.ts";
import { systemLineArgs } from "./systemLine.ts";

export const LINE_DEFAULTS = {
  // Its static picture (640 wide) keeps a plot of ~160 px when scaled to a phone (docs/design.md).
  height: 350,
  points: 1000,
  download: true,
  /** The parameter of a smoothing kind written without one (`smooth: { kind: gaussian }`). */
  smooth: { weight: 0.6, sigma: 2, window: 10 },
} as const;

export const LINE_BOUNDS = {
  points: { min: 50, max: 20000 },
} as const;

/** A smoothing parameter within `SMOOTHING_BOUNDS`, the range the build and the chart's slider use. */
const smoothParam = (param: SmoothingParam, base: z.ZodNumber = z.number()) => base.refine((v) => inSmoothingBounds(param, v), { error: smoothingBoundsText(param) });

const smoothSchema = z.union(
  [
    smoothParam("weight"),
    z.strictObject({
      kind: z.enum(["none", "ema", "twema", "gaussian", "running"]),
      weight: smoothParam("weight").optional(),
      sigma: smoothParam("sigma").optional(),
      // an int first: 0.5 is "must be an int", not also out of range
      window: smoothParam("window", z.number().int({ abort: true })).optional(),
    }),
  ],
  { error: "an EMA weight (0 to 0.999) or { kind: ema|twema|gaussian|running, weight|sigma|window }" },
);

/** `line` (the default kind): one line per run and metric, or per group with a band. */
export const lineShape = {
  x: sharedShape.x,
  group: sharedShape.group,
  agg: sharedShape.agg,
  band: sharedShape.band,
  /**
   * Smoothing shown first; readers change it with the chart's slider. A kind without its
   * parameter takes `LINE_DEFAULTS.smooth`. __Default value:__ none.
   */
  smooth: smoothSchema.optional(),
  color: sharedShape.color,
  scale: sharedShape.scale,
  /** Interactive points per series after downsampling. __Default value:__ 1000. */
  points: z.number().int().min(LINE_BOUNDS.points.min).max(LINE_BOUNDS.points.max).optional(),
  /** Publish every logged point the chart draws from as a CSV beside the page. __Default value:__ `true`. */
  download: z.boolean().optional(),
};

/** The whole block schema of this kind: the common keys and its own. */
export const lineSchema = z.object({ ...commonShape, ...lineShape });
export type LineInput = KindInput<z.infer<typeof lineSchema>>;

async function renderLine(given: KindRenderArgs<LineInput>): Promise<RenderedBlock> {
  const args = systemLineArgs(given);
  if (!args) return { html: "", diagnostics: given.diagnostics };
  const { block, ctx, diagnostics, field, id, title, notes } = args;
  let runs = args.runs;
  const input = block.input;
  const at = (path: PropertyKey[]) => block.yaml.locateValue(path);
  const patterns = input.y === undefined ? [] : typeof input.y === "string" ? [input.y] : input.y;
  const available = [...new Set((runs ?? []).flatMap((r) => r.metrics))].sort();
  const metrics: string[] = [];
  const x = parseXAxis(input.x);
  if (runs) {
    patterns.forEach((p, i) => {
      const where = at(typeof input.y === "string" ? ["y"] : ["y", i]);
      if (p.includes("*")) {
        const re = compileGlob(p);
        const matched = available.filter((m) => re.test(m));
        if (matched.length === 0) diagnostics.push(regionDiagnostic(block.region, where, blockMessages.noMetricMatch(p, didYouMean(p, available))));
        for (const m of matched) if (!metrics.includes(m)) metrics.push(m);
      } else if (!available.includes(p)) {
        diagnostics.push(regionDiagnostic(block.region, where, blockMessages.unknownMetric(p, didYouMean(p, available))));
      } else if (!metrics.includes(p)) metrics.push(p);
    });
    if (x.kind === "metric" && !available.includes(x.metric)) {
      diagnostics.push(regionDiagnostic(block.region, at(["x"]), blockMessages.unknownMetric(x.metric, didYouMean(x.metric, [...available, "step", "time", "relative"]))));
    }
  }
  const smoothing = resolveSmoothing(block, diagnostics);
  const groupPath = input.group !== undefined ? field(input.group, ["group"]) : null;
  const colorPath = input.color !== undefined ? field(input.color, ["color"]) : null;
  let group: Parameters<typeof renderLineChart>[0]["group"];
  if (groupPath && runs) {
    const groups = groupRuns(runs, groupPath);
    if (checkGroupCoverage(block, groups, diagnostics)) {
      const maxGroups = input.max_runs ?? DEFAULT_MAX_RUNS;
      let keys = groups.keys;
      if (keys.length > maxGroups) {
        keys = keys.slice(0, maxGroups);
        const kept = new Set(keys);
        runs = runs.filter((r) => kept.has(groups.keyOf(r)));
        notes.push(`Showing ${maxGroups} of ${groups.keys.length} groups (raise \`max_runs\` to draw more).`);
      }
      group = { label: shortLabel(groupPath), keyOf: groups.keyOf, keys, colors: levelColors(keys), agg: input.agg ?? GROUP_DEFAULTS.agg, band: input.band ?? GROUP_DEFAULTS.band };
    }
  } else if (input.group === undefined && !block.invalid.has("group") && (input.agg !== undefined || input.band !== undefined)) {
    const key = input.agg !== undefined ? "agg" : "band";
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([key]), blockMessages.needsGroup("line", key)));
  }
  if (diagnostics.some((d) => d.severity === "error") || !runs) return { html: "", diagnostics };
  const addProblems = (problems: readonly ChartProblem[]) => {
    for (const problem of problems) {
      const where = problem.kind === "noTime" ? at(["x"]) : at(["y"]);
      const msg = problem.kind === "noTime" ? blockMessages.noTimeAxis(problem.runs) : blockMessages.noPointsToDraw(problem.metric);
      diagnostics.push(regionDiagnostic(block.region, where, msg, problem.kind === "noTime" ? "warning" : "error"));
    }
  };
  if (!ctx.render) {
    // The same series the page draws, one run at a time, so a check finds every problem the build
    // finds. Through the build cache the problems depend on the runs' histories, names and metrics alone.
    const check = async () => ({ problems: await lineChartProblems({ runs, metrics, x, readHistory: ctx.readHistory, ...(ctx.readFacts ? { readFacts: ctx.readFacts } : {}) }) });
    const checked = ctx.memoChart ? await ctx.memoChart("line-check", { runs: runs.map((r) => [r.id, r.name, r.metrics]), metrics, x }, runs, check) : await check();
    addProblems(checked.problems);
    return { html: "", diagnostics };
  }

  const publish = input.download ?? LINE_DEFAULTS.download;
  const source = { id, runIds: runs.map((r) => r.id), metrics: x.kind === "metric" && !metrics.includes(x.metric) ? [...metrics, x.metric] : metrics };
  const colors = colorPath ? fieldColors(new Map(runs.map((r) => [r.id, getField(r, colorPath)])), { families: true }) : ctx.colors;
  const request: LineChartRequest = {
    id,
    title,
    runs,
    metrics,
    x,
    scale: { x: input.scale?.x ?? "linear", y: input.scale?.y ?? "linear" },
    height: input.height ?? LINE_DEFAULTS.height,
    points: input.points ?? LINE_DEFAULTS.points,
    readHistory: ctx.readHistory,
    ...(ctx.readFacts ? { readFacts: ctx.readFacts } : {}),
    colors,
    ...(group ? { group } : {}),
    ...(smoothing ? { smoothing } : {}),
    notes,
    ...(ctx.fullData && publish ? { fullData: ctx.fullData } : {}),
  };
  const chart = ctx.memoChart ? await ctx.memoChart("line", lineChartInputs(request), runs, (parts) => renderLineChart({ ...request, parts })) : await renderLineChart(request);
  addProblems(chart.problems);
  if (!chart.html) return { html: "", diagnostics };
  const shows = { id, title, runIds: source.runIds, svg: chart.svg, payload: chart.payload, script: "line" } as const;
  return { html: chart.html, diagnostics, shows, ...(publish ? { lineChart: source } : {}) };
}

/** `smooth` as written → the spec the chart starts with, a missing parameter taking its default. */
export function resolveSmoothing(block: KindBlock<LineInput>, diagnostics: Diagnostic[]): SmoothSpec | undefined {
  const s = block.input.smooth;
  if (s === undefined) return undefined;
  const d = LINE_DEFAULTS.smooth;
  const spec: SmoothSpec =
    typeof s === "number"
      ? { kind: "ema", weight: s }
      : s.kind === "ema" || s.kind === "twema"
        ? { kind: s.kind, weight: s.weight ?? d.weight }
        : s.kind === "gaussian"
          ? { kind: "gaussian", sigma: s.sigma ?? d.sigma }
          : s.kind === "running"
            ? { kind: "running", window: s.window ?? d.window }
            : { kind: "none" };
  // The schema checked the bounds of what was written; the defaults above are inside them too.
  const bad = smoothingProblem(spec);
  if (bad) {
    const key = typeof s === "number" ? "smooth" : `smooth.${bad.param}`;
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(typeof s === "number" ? ["smooth"] : ["smooth", bad.param]), blockMessages.outOfRange(key, bad.detail, bad.found)));
    return undefined;
  }
  return spec;
}

export const lineKind: ChartKindModule = { shape: lineShape, render: renderLine };
