import { compareText } from "../format/compareText.ts";
import type { TopLevelSpec } from "vega-lite";
import type { Diagnostic } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import type { ParsedBlock } from "./parseBlock.ts";
import { compileChart } from "../chart/compileChart.ts";
import { checkVegaLiteSpec, expressionForError } from "../chart/checkVegaLiteSpec.ts";
import { validateVegaLite } from "../chart/validateVegaLite.ts";
import { downsampleSeries } from "../chart/downsampleSeries.ts";
import { roundSignificant } from "../chart/lineChartData.ts";
import { renderChartSvg } from "../chart/renderChartSvg.ts";
import { DEFAULT_WIDTH } from "../chart/chartCommon.ts";
import { renderChartFigure } from "../render/renderChartFigure.ts";
import type { Run } from "../run.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import type { BlockContext, RenderedBlock } from "../blocks/blockTypes.ts";

type VegaLiteBlock = Extract<ParsedBlock, { lang: "vega-lite" }>;
const DEFAULT_POINTS = 500;

/**
 * A raw vega-lite spec with the run data bound by name: `runs` (one row per run: id, name,
 * project, group, state, created, duration, tags, nested `config` and `summary`) and `history`
 * (long form: run, name, metric, step, value; each series downsampled). `runs:` and `metrics:`
 * are Runfolio's keys; the rest is the spec, compiled at build like every other chart.
 */
export async function renderVegaLiteBlock(block: VegaLiteBlock, index: number, selected: Run[] | null, ctx: BlockContext): Promise<RenderedBlock> {
  const { runs: _runs, metrics: wanted, points, ...spec } = block.input;
  const diagnostics: Diagnostic[] = [];
  const problem = checkVegaLiteSpec(spec);
  if (problem) {
    const message =
      problem.kind === "regex"
        ? blockMessages.vegaLiteRegex(problem.construct)
        : problem.kind === "internal"
          ? blockMessages.vegaLiteInternal(problem.name)
          : problem.kind === "syntax"
            ? blockMessages.vegaLiteInvalid(problem.detail)
            : blockMessages.vegaLiteTooLarge(problem.what);
    diagnostics.push(regionDiagnostic(block.region, problem.path.length ? block.yaml.locateValue(problem.path) : undefined, message));
  }
  for (const urlPath of findKeysUnder(spec, [], "url", "data")) {
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(urlPath), blockMessages.vegaLiteDataUrl()));
  }
  // Links built from run data could carry `javascript:`; vega's static renderer also fails on them.
  for (const hrefPath of findKeysUnder(spec, [], "href", "encoding")) {
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey(hrefPath), blockMessages.vegaLiteHref()));
  }
  const runs = selected ?? [];
  const available = new Set(runs.flatMap((r) => r.metrics));
  const metrics = wanted ?? [...available].sort(compareText);
  // Which metrics exist is known only with the runs.
  if (selected) {
    wanted?.forEach((m, i) => {
      if (!available.has(m)) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["metrics", i]), blockMessages.unknownMetric(m, undefined)));
    });
  }
  // A spec with a forbidden construct is never compiled or run; the checks above still report.
  if (problem) return { html: "", diagnostics };
  const invalid = validateVegaLite(spec);
  if (invalid) {
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(invalid.path), blockMessages.vegaLiteInvalid(invalid.message)));
    return { html: "", diagnostics };
  }
  // A compile or render failure points at the expression it is about, when it names one.
  const failed = (e: unknown): RenderedBlock => {
    const detail = e instanceof Error ? e.message : String(e);
    const expression = expressionForError(spec, detail);
    diagnostics.push(regionDiagnostic(block.region, expression ? block.yaml.locateValue(expression.path) : undefined, blockMessages.vegaLiteInvalid(detail)));
    return { html: "", diagnostics };
  };
  let vega;
  try {
    vega = compileChart(withDefaultWidth(withoutCaptionTitle(spec)) as unknown as TopLevelSpec);
  } catch (e) {
    return failed(e);
  }
  if (diagnostics.length) return { html: "", diagnostics };
  // `check` (render: false) goes as far as the build, drawing the chart and dropping only the
  // page HTML: vega finds some problems (unknown functions, bad expressions) only when it runs.

  const runRows = runs.map((r) => ({
    id: r.id,
    name: r.name,
    project: r.project,
    group: r.group,
    state: r.state,
    created: r.created,
    duration: r.duration,
    tags: r.tags.join(", "),
    config: r.config,
    summary: r.summary,
  }));
  const historyRows: Record<string, string | number>[] = [];
  if (usesDataset(spec, "history")) {
    for (const run of runs) {
      const own = metrics.filter((m) => run.metrics.includes(m));
      if (own.length === 0) continue;
      const history = await ctx.readHistory(run);
      for (const metric of own) {
        const ys = history.metrics[metric]!;
        const keep: number[] = [];
        for (let i = 0; i < ys.length; i++) if (Number.isFinite(ys[i]!) && Number.isFinite(history.step[i]!)) keep.push(i);
        const x = Float64Array.from(keep, (i) => history.step[i]!);
        const y = Float64Array.from(keep, (i) => ys[i]!);
        const down = downsampleSeries(x, y, points ?? DEFAULT_POINTS);
        for (let i = 0; i < down.x.length; i++) {
          if (Number.isFinite(down.y[i]!)) historyRows.push({ run: run.id, name: run.name, metric, step: down.x[i]!, value: roundSignificant(down.y[i]!) });
        }
      }
    }
  }
  // Only the datasets the spec names: vega rejects data for a set it does not declare.
  const datasets = Object.fromEntries(
    Object.entries({ runs: runRows, history: historyRows }).filter(([name]) => usesDataset(spec, name)),
  ) as unknown as Record<string, Record<string, string | number | null>[]>;
  let svg: string;
  try {
    svg = await renderChartSvg(vega, datasets);
  } catch (e) {
    return failed(e);
  }
  if (!ctx.render) return { html: "", diagnostics };
  const id = `chart-${index + 1}`;
  const title = captionTitle(spec) ?? (typeof spec.description === "string" ? spec.description : `Chart ${index + 1}`);
  const payload = { spec: vega, datasets };
  const shows = { id, title, runIds: runs.map((r) => r.id), svg, payload, script: "vega" } as const;
  return { html: renderChartFigure({ id, kind: "vega", title, svg, payload, notes: [] }), diagnostics, shows };
}

/** The paths of every `<parent>: { <key> }` in the spec (`data.url`, `encoding.href`), in document order. */
function findKeysUnder(v: unknown, path: PropertyKey[], key: string, parent: string, out: PropertyKey[][] = []): PropertyKey[][] {
  if (Array.isArray(v)) {
    v.forEach((item, i) => findKeysUnder(item, [...path, i], key, parent, out));
  } else if (v && typeof v === "object") {
    for (const [k, child] of Object.entries(v)) {
      if (k === key && path[path.length - 1] === parent) out.push([...path, k]);
      else findKeysUnder(child, [...path, k], key, parent, out);
    }
  }
  return out;
}

function usesDataset(v: unknown, name: string): boolean {
  if (Array.isArray(v)) return v.some((x) => usesDataset(x, name));
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (o.name === name) return true;
    return Object.values(o).some((x) => usesDataset(x, name));
  }
  return false;
}

/** The spec's title as text (`title: "…"` or `title: { text: "…" }`), which the figure's caption shows. */
function captionTitle(spec: Record<string, unknown>): string | undefined {
  const t = spec.title;
  if (typeof t === "string") return t;
  if (t && typeof t === "object" && typeof (t as { text?: unknown }).text === "string") return (t as { text: string }).text;
  return undefined;
}

/** The spec without the top-level title the caption already shows: a chart names itself once. */
function withoutCaptionTitle(spec: Record<string, unknown>): Record<string, unknown> {
  if (captionTitle(spec) === undefined) return spec;
  const { title: _title, ...rest } = spec;
  return rest;
}

/**
 * A single view (or layer) that names neither `width` nor `autosize` is 640 px wide overall, like
 * the chart kinds (`autosize: fit-x`): its width then no longer depends on how wide its labels are
 * measured, so the build's picture and the page's live view have the same size.
 */
function withDefaultWidth(spec: Record<string, unknown>): Record<string, unknown> {
  const single = "mark" in spec || "layer" in spec;
  if (!single || "width" in spec || "autosize" in spec) return spec;
  return { ...spec, width: DEFAULT_WIDTH, autosize: { type: "fit-x", contains: "padding" } };
}
