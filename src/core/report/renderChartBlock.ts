import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import { CHART_KIND_KEYS, type ChartKind } from "../blocks/blockSchemas.ts";
import type { ParsedBlock } from "../blocks/parseBlock.ts";
import {
  buildBarSpec,
  buildHistogramSpec,
  buildImportanceSpec,
  buildParallelSpec,
  buildScatterSpec,
  compileChart,
  renderScalarHtml,
  runColors,
  type DatasetChart,
} from "../chart/index.ts";
import { renderChartSvg } from "../chart/renderChartSvg.ts";
import { fieldColors } from "../chart/fieldColors.ts";
import { formatValue } from "../format/formatValue.ts";
import { fieldLabel, getField, type FieldPath } from "../query/index.ts";
import { renderChartFigure } from "../render/renderChartFigure.ts";
import type { Run } from "../run.ts";
import type { SmoothSpec } from "../series/index.ts";
import { smoothingProblem } from "../series/smoothingBounds.ts";
import { computeScalar, parameterImportance } from "../stats/index.ts";
import { groupStats } from "../stats/groupStats.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import type { BlockContext, RenderedBlock } from "./blockTypes.ts";
import { lineChartSeries, renderLineChart, type ChartProblem } from "./renderLineChart.ts";
import { compileGlob } from "../query/compileGlob.ts";
import { flattenConfig, hasField, knownFields, parseChartField } from "./runFields.ts";
import { parseXAxis } from "../series/seriesFromHistory.ts";
import { ownRecord } from "../ownRecord.ts";

type ChartBlock = Extract<ParsedBlock, { lang: "chart" }>;
const DEFAULT_MAX_RUNS = 100;

/**
 * A `chart` block of any kind, in order: check the keys the kind takes, cap the run set at
 * `max_runs`, resolve fields against the selected runs, then build, compile and render the chart.
 * Every check runs, so a block lists all its problems at once; with `selected` null (the run set
 * is unknown) or a key in `block.invalid`, only the checks that depend on them are skipped.
 */
export async function renderChartBlock(block: ChartBlock, index: number, selected: Run[] | null, ctx: BlockContext): Promise<RenderedBlock> {
  const input = block.input;
  // Without a valid `kind` there is no telling which keys apply or what `y` names.
  if (block.invalid.has("kind")) return { html: "", diagnostics: [] };
  const kind: ChartKind = input.kind ?? "line";
  const at = (path: PropertyKey[]) => block.yaml.locateValue(path);
  const diagnostics: Diagnostic[] = [];
  const allowed = CHART_KIND_KEYS[kind];
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([key]), blockMessages.keyNotForKind(key, kind, allowed)));
  }

  const maxRuns = input.max_runs ?? DEFAULT_MAX_RUNS;
  const runs = selected ? selected.slice(0, maxRuns) : null;
  const notes = selected && selected.length > maxRuns ? [`Showing ${maxRuns} of ${selected.length} selected runs (raise \`max_runs\` to draw more).`] : [];
  const known = runs ? knownFields(runs) : [];
  /** A field's syntax is always checked; whether a run has it only when the runs are known. */
  const field = (text: string, path: PropertyKey[]): FieldPath | null => {
    const parsed = parseChartField(text);
    if (!parsed.ok) {
      const { code, message, hint } = parsed.error;
      diagnostics.push(regionDiagnostic(block.region, at(path), { code, message, ...(hint ? { hint } : {}) }));
      return null;
    }
    if (!runs) return null;
    if (!hasField(runs, parsed.path)) {
      diagnostics.push(regionDiagnostic(block.region, at(path), blockMessages.unknownColumn(text, didYouMean(text, known))));
      return null;
    }
    return parsed.path;
  };
  const oneField = (key: "y" | "x", what: string): FieldPath | null => {
    const v = input[key];
    if (v === undefined) {
      // Written but wrong: the schema already said so.
      if (!block.invalid.has(key)) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([]), blockMessages.needsKey(kind, key, what)));
      return null;
    }
    if (typeof v !== "string") {
      diagnostics.push(regionDiagnostic(block.region, at([key]), blockMessages.oneField(key, kind)));
      return null;
    }
    return field(v, [key]);
  };
  const title = input.title ?? (input.y === undefined ? "" : typeof input.y === "string" ? input.y : input.y.join(", "));
  const id = `chart-${index + 1}`;

  if (kind === "line") return renderLine(block, id, title, runs, notes, ctx, diagnostics, field);

  let chart: DatasetChart | null = null;
  let html = "";
  // Called only once a field resolved, which needs the runs.
  const drawn: Run[] = runs ?? [];
  const numbers = (path: FieldPath, key: string): { run: Run; value: number }[] => {
    const out: { run: Run; value: number }[] = [];
    const bad: string[] = [];
    for (const run of drawn) {
      const v = getField(run, path);
      if (typeof v === "number" && Number.isFinite(v)) out.push({ run, value: v });
      else if (v !== undefined && v !== null) bad.push(run.name);
    }
    if (bad.length) diagnostics.push(regionDiagnostic(block.region, at([key]), blockMessages.notNumeric(fieldLabel(path), bad), "warning"));
    return out;
  };

  if (kind === "scatter") {
    const x = oneField("x", "the field on the x axis, e.g. `config.optimizer.lr`");
    const y = oneField("y", "the field on the y axis, e.g. `summary.val/loss`");
    const color = input.color !== undefined ? field(input.color, ["color"]) : null;
    const size = input.size !== undefined ? field(input.size, ["size"]) : null;
    if (!x || !y || (input.color !== undefined && !color) || (input.size !== undefined && !size)) return { html: "", diagnostics };
    const ys = new Map(numbers(y, "y").map((p) => [p.run.id, p.value]));
    const points = numbers(x, "x")
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
    if (points.length === 0) return noPoints(block, diagnostics, title);
    const colorValues = points.map((p) => p.colorValue).filter((v) => v !== null && v !== undefined);
    chart = buildScatterSpec({
      id,
      xLabel: fieldLabel(x),
      yLabel: fieldLabel(y),
      scale: { x: input.scale?.x ?? "linear", y: input.scale?.y ?? "linear" },
      points,
      ...(color ? { colorLegend: { label: fieldLabel(color), type: colorValues.every((v) => typeof v === "number") ? "quantitative" : "nominal" } } : {}),
      ...(size ? { sizeLegend: { label: fieldLabel(size) } } : {}),
      height: input.height ?? 300,
    } as Parameters<typeof buildScatterSpec>[0]);
  } else if (kind === "bar") {
    const y = oneField("y", "the value of each bar, e.g. `summary.val/loss`");
    const group = input.group !== undefined ? field(input.group, ["group"]) : null;
    if (!y || (input.group !== undefined && !group)) return { html: "", diagnostics };
    const values = numbers(y, "y");
    if (values.length === 0) return noPoints(block, diagnostics, title);
    let bars: Parameters<typeof buildBarSpec>[0]["bars"];
    if (group) {
      const groups = groupRuns(values.map((v) => v.run), group);
      if (!checkGroupCoverage(block, groups, diagnostics)) return { html: "", diagnostics };
      const colors = runColors(groups.keys);
      bars = groups.keys.flatMap((key) => {
        const members = values.filter((v) => groups.keyOf(v.run) === key).map((v) => v.value);
        const s = groupStats(members, input.agg ?? "mean", input.band ?? "stderr");
        return s ? [{ label: `${shortLabel(group)}=${key}`, value: s.value, ...(input.band !== "none" ? { lower: s.lower, upper: s.upper } : {}), n: s.n, color: colors.get(key)! }] : [];
      });
    } else {
      // Names need not be unique (two projects, imported display names): such bars show the run id.
      const named = new Map<string, number>();
      for (const v of values) named.set(v.run.name, (named.get(v.run.name) ?? 0) + 1);
      bars = values.map((v) => ({ label: named.get(v.run.name)! > 1 ? v.run.id : v.run.name, value: v.value, color: ctx.colors.get(v.run.id) ?? "#888888" }));
    }
    chart = buildBarSpec({ id, valueLabel: fieldLabel(y), bars, ...(input.height ? { height: input.height } : {}) });
  } else if (kind === "parallel") {
    const y = oneField("y", "the metric that colours the lines, e.g. `summary.val/loss`");
    if (!input.dims && !block.invalid.has("dims")) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([]), blockMessages.needsKey(kind, "dims", "a list of at least two fields, e.g. `[config.lr, config.batch_size]`")));
    const dims = (input.dims ?? []).map((d, i) => field(d, ["dims", i]));
    if (!y || !input.dims || dims.some((d) => d === null)) return { html: "", diagnostics };
    const keyOf = (p: FieldPath) => fieldLabel(p);
    // An axis named twice (also as `y`, or via an alias) is drawn once.
    const all = [...(dims as FieldPath[]), y].filter((p, i, list) => list.findIndex((q) => keyOf(q) === keyOf(p)) === i);
    chart = buildParallelSpec({
      id,
      dims: all.map((p) => {
        const vals = drawn.map((r) => getField(r, p)).filter((v) => v !== undefined && v !== null);
        const numeric = vals.length > 0 && vals.every((v) => typeof v === "number");
        const nums = vals.filter((v): v is number => typeof v === "number");
        const log = numeric && nums.every((v) => v > 0) && Math.max(...nums) / Math.min(...nums) > 100;
        return { key: keyOf(p), label: shortLabel(p), type: numeric ? "quantitative" : "nominal", ...(log ? { log } : {}) };
      }),
      rows: drawn.map((r) => ({ runId: r.id, name: r.name, values: Object.fromEntries(all.map((p) => [keyOf(p), scalarOf(getField(r, p))])) })),
      colorKey: keyOf(y),
      ...(input.height ? { height: input.height } : {}),
    });
  } else if (kind === "histogram") {
    const y = oneField("y", "the field whose distribution to show, e.g. `summary.val/acc`");
    if (!y) return { html: "", diagnostics };
    const values = numbers(y, "y").map((v) => v.value);
    if (values.length === 0) return noPoints(block, diagnostics, title);
    chart = buildHistogramSpec({ id, label: fieldLabel(y), values, ...(input.bins ? { bins: input.bins } : {}), ...(input.height ? { height: input.height } : {}) });
  } else if (kind === "scalar") {
    const y = oneField("y", "the field to reduce, e.g. `summary.val/loss`");
    if (!y) return { html: "", diagnostics };
    const reduce = input.reduce ?? "min";
    const result = computeScalar({ values: numbers(y, "y").map((v) => ({ runId: v.run.id, name: v.run.name, value: v.value })), reduce });
    html = renderScalarHtml({ id, label: title, reduce, result, runHref: result.runId ? ctx.hrefForRun(result.runId) : null });
  } else if (kind === "importance") {
    const y = oneField("y", "the target metric, e.g. `summary.val/loss`");
    if (!y) return { html: "", diagnostics };
    const patterns = (input.params ?? ["config.*"]).map((p) => compileGlob(p.replace(/^params\./, "config.")));
    const rows = numbers(y, "y").map(({ run, value }) => {
      const config: Record<string, number | string | boolean | null> = ownRecord<number | string | boolean | null>();
      for (const [k, v] of Object.entries(flattenConfig(run.config))) {
        if (patterns.some((re) => re.test(`config.${k}`)) && (v === null || ["number", "string", "boolean"].includes(typeof v))) config[k] = v as number | string | boolean | null;
      }
      return { config, target: value };
    });
    if (rows.length < 3) {
      diagnostics.push(regionDiagnostic(block.region, at(["y"]), blockMessages.needsKey(kind, "y", `at least 3 runs with a numeric value, found ${rows.length}`)));
      return { html: "", diagnostics };
    }
    chart = buildImportanceSpec({ id, targetLabel: fieldLabel(y), items: parameterImportance(rows, { seed: 1 }), ...(input.height ? { height: input.height } : {}) });
  }
  if (diagnostics.some((d) => d.severity === "error")) return { html: "", diagnostics };
  if (chart) {
    // `check` (render: false) compiles and draws too, dropping only the HTML: a chart vega cannot
    // draw fails check exactly as it fails the build.
    const spec = compileChart(chart.vegaLite);
    const svg = await renderChartSvg(spec, chart.datasets);
    if (ctx.render) html = renderChartFigure({ id, kind: "vega", title, svg, payload: { spec, datasets: chart.datasets }, notes: [...notes, ...chart.notes] });
  }
  return { html: ctx.render ? html : "", diagnostics };
}

type FieldResolver = (text: string, path: PropertyKey[]) => FieldPath | null;

async function renderLine(
  block: ChartBlock,
  id: string,
  title: string,
  runs: Run[] | null,
  notes: string[],
  ctx: BlockContext,
  diagnostics: Diagnostic[],
  field: FieldResolver,
): Promise<RenderedBlock> {
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
      group = { label: shortLabel(groupPath), keyOf: groups.keyOf, keys: groups.keys, colors: runColors(groups.keys), agg: input.agg ?? "mean", band: input.band ?? "stderr" };
    }
  } else if (input.group === undefined && !block.invalid.has("group") && (input.agg !== undefined || input.band !== undefined)) {
    const key = input.agg !== undefined ? "agg" : "band";
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([key]), blockMessages.needsKey("line", "group", `\`${key}\` combines the runs of each group`)));
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
    // The same series the page draws, so a check finds every problem the build finds.
    addProblems((await lineChartSeries({ runs, metrics, x, readHistory: ctx.readHistory, colors: ctx.colors })).problems);
    return { html: "", diagnostics };
  }

  const publish = input.download !== false;
  const source = { id, runIds: runs.map((r) => r.id), metrics: x.kind === "metric" && !metrics.includes(x.metric) ? [...metrics, x.metric] : metrics };
  const colors = colorPath ? fieldColors(new Map(runs.map((r) => [r.id, getField(r, colorPath)]))) : ctx.colors;
  const chart = await renderLineChart({
    id,
    title,
    runs,
    metrics,
    x,
    scale: { x: input.scale?.x ?? "linear", y: input.scale?.y ?? "linear" },
    height: input.height ?? 260,
    points: input.points ?? 1000,
    readHistory: ctx.readHistory,
    colors,
    ...(group ? { group } : {}),
    ...(smoothing ? { smoothing } : {}),
    notes,
    ...(ctx.chartDataHref && publish ? { fullDataHref: ctx.chartDataHref(source) } : {}),
  });
  addProblems(chart.problems);
  return { html: chart.html, diagnostics, ...(chart.html && publish ? { lineChart: source } : {}) };
}

function resolveSmoothing(block: ChartBlock, diagnostics: Diagnostic[]): SmoothSpec | undefined {
  const s = block.input.smooth;
  if (s === undefined) return undefined;
  const spec: SmoothSpec =
    typeof s === "number"
      ? { kind: "ema", weight: s }
      : s.kind === "ema" || s.kind === "twema"
        ? { kind: s.kind, weight: s.weight ?? 0.6 }
        : s.kind === "gaussian"
          ? { kind: "gaussian", sigma: s.sigma ?? 2 }
          : s.kind === "running"
            ? { kind: "running", window: s.window ?? 10 }
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

interface RunGroups {
  keyOf: (run: Run) => string;
  /** Keys in order: numbers ascending, then text in code-point order. */
  keys: string[];
  missing: Run[];
}

function groupRuns(runs: readonly Run[], path: FieldPath): RunGroups {
  const raw = new Map<string, unknown>();
  const missing: Run[] = [];
  for (const r of runs) {
    const v = getField(r, path);
    if (v === undefined || v === null) missing.push(r);
    else raw.set(formatValue(v), v);
  }
  const keys = [...raw.keys()].sort((a, b) => {
    const va = raw.get(a);
    const vb = raw.get(b);
    if (typeof va === "number" && typeof vb === "number") return va - vb;
    if (typeof va === "number") return -1;
    if (typeof vb === "number") return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return { keyOf: (run) => formatValue(getField(run, path) ?? null), keys, missing };
}

function checkGroupCoverage(block: ChartBlock, groups: RunGroups, diagnostics: Diagnostic[]): boolean {
  if (groups.missing.length === 0) return true;
  diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["group"]), blockMessages.groupMissing(groups.missing.map((r) => r.name))));
  return false;
}

function noPoints(block: ChartBlock, diagnostics: Diagnostic[], what: string): RenderedBlock {
  diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["y"]), blockMessages.noPointsToDraw(what)));
  return { html: "", diagnostics };
}

/** `config.optimizer.lr` → `optimizer.lr`: legends and axes name the key, not its root. */
const shortLabel = (path: FieldPath): string => fieldLabel(path).replace(/^(config|summary)\./, "");

const scalarOf = (v: unknown): number | string | null => (typeof v === "number" ? (Number.isFinite(v) ? v : null) : v === undefined || v === null ? null : typeof v === "string" ? v : formatValue(v));
const numberOf = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
