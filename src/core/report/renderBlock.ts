import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import type { ParsedBlock } from "../blocks/parseBlock.ts";
import { getField, parseFieldPath, sortRuns, fieldLabel, type FieldPath } from "../query/index.ts";
import type { History, Run } from "../run.ts";
import { renderRunsTable, type TableColumn } from "../render/renderRunsTable.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import { resolveRunSet, type RunSetSource } from "./resolveRunSet.ts";
import { parseXAxis, type XAxis } from "./seriesFromHistory.ts";
import { renderLineChart } from "./renderLineChart.ts";

export interface BlockContext {
  /** Every run that loaded. */
  runs: readonly Run[];
  /** The report's front-matter `runs`, used when a block has none. */
  defaultRunSet: RunSetSource | null;
  readHistory: (run: Run) => Promise<History>;
  colors: ReadonlyMap<string, string>;
  hrefForRun: (runId: string) => string;
  /** False: check only (no histories read, no HTML), as `runfolio check` and the build's first pass do. */
  render: boolean;
}

export interface RenderedBlock {
  html: string;
  diagnostics: Diagnostic[];
}

const DEFAULT_COLUMNS = ["name", "state", "created"];

/** One parsed block → its HTML, with every problem found on the way. */
export async function renderBlock(block: ParsedBlock, index: number, ctx: BlockContext): Promise<RenderedBlock> {
  const own: RunSetSource | null =
    block.input.runs !== undefined
      ? { expression: block.input.runs, region: block.region, yaml: block.yaml, path: ["runs"] }
      : null;
  const runSet = resolveRunSet(own ?? ctx.defaultRunSet, ctx.runs);
  if (runSet.diagnostics.length) return { html: "", diagnostics: runSet.diagnostics };
  if (runSet.runs.length === 0) {
    const at = own ? block.yaml.locateValue(["runs"]) : undefined;
    return { html: "", diagnostics: [regionDiagnostic(block.region, at, blockMessages.emptyRunSet(runSet.expression))] };
  }
  return block.lang === "chart"
    ? renderChart(block, index, runSet.runs, ctx)
    : renderTable(block, index, runSet.runs, ctx);
}

async function renderChart(
  block: Extract<ParsedBlock, { lang: "chart" }>,
  index: number,
  runs: Run[],
  ctx: BlockContext,
): Promise<RenderedBlock> {
  const input = block.input;
  const metrics = typeof input.y === "string" ? [input.y] : input.y;
  const x: XAxis = parseXAxis(input.x);
  const available = new Set(runs.flatMap((r) => r.metrics));
  const diagnostics: Diagnostic[] = [];
  metrics.forEach((m, i) => {
    if (!available.has(m)) {
      const at = block.yaml.locateValue(typeof input.y === "string" ? ["y"] : ["y", i]);
      diagnostics.push(regionDiagnostic(block.region, at, blockMessages.unknownMetric(m, didYouMean(m, available))));
    }
  });
  if (x.kind === "metric" && !available.has(x.metric)) {
    diagnostics.push(
      regionDiagnostic(block.region, block.yaml.locateValue(["x"]), blockMessages.unknownMetric(x.metric, didYouMean(x.metric, [...available, "step", "time", "relative"]))),
    );
  }
  if (diagnostics.length || !ctx.render) return { html: "", diagnostics };

  const chart = await renderLineChart({
    id: `chart-${index + 1}`,
    title: input.title ?? metrics.join(", "),
    runs,
    metrics,
    x,
    scale: { x: input.scale?.x ?? "linear", y: input.scale?.y ?? "linear" },
    height: input.height ?? 260,
    points: input.points ?? 1000,
    readHistory: ctx.readHistory,
    colors: ctx.colors,
  });
  for (const problem of chart.problems) {
    const at = problem.kind === "noTime" ? block.yaml.locateValue(["x"]) : block.yaml.locateValue(["y"]);
    const msg = problem.kind === "noTime" ? blockMessages.noTimeAxis(problem.runs) : blockMessages.noPointsToDraw(problem.metric);
    diagnostics.push(regionDiagnostic(block.region, at, msg, problem.kind === "noTime" ? "warning" : "error"));
  }
  return { html: chart.html, diagnostics };
}

async function renderTable(
  block: Extract<ParsedBlock, { lang: "runs" }>,
  index: number,
  runs: Run[],
  ctx: BlockContext,
): Promise<RenderedBlock> {
  const input = block.input;
  const diagnostics: Diagnostic[] = [];
  const specs = input.columns ?? DEFAULT_COLUMNS;
  const known = knownFields(runs);
  const columns: TableColumn[] = [];
  specs.forEach((spec, i) => {
    const at = input.columns ? block.yaml.locateValue(["columns", i]) : undefined;
    const parsed = parseFieldPath(spec);
    if (!parsed.ok) {
      diagnostics.push(regionDiagnostic(block.region, at, { code: parsed.error.code, message: parsed.error.message, ...(parsed.error.hint ? { hint: parsed.error.hint } : {}) }));
      return;
    }
    if (!runs.some((r) => getField(r, parsed.path) !== undefined)) {
      diagnostics.push(regionDiagnostic(block.region, at, blockMessages.unknownColumn(spec, didYouMean(spec, known))));
      return;
    }
    // Headers drop the `config.`/`summary.` root (the full path is the header's title).
    const label = fieldLabel(parsed.path).replace(/^(config|summary)\./, "");
    columns.push({ label, key: spec, value: (r) => getField(r, parsed.path) });
  });

  const sortSpecs = input.sort === undefined ? [] : typeof input.sort === "string" ? [input.sort] : input.sort;
  const keys: { path: FieldPath; descending: boolean; text: string }[] = [];
  sortSpecs.forEach((s, i) => {
    const at = block.yaml.locateValue(typeof input.sort === "string" ? ["sort"] : ["sort", i]);
    const descending = s.startsWith("-");
    const text = descending ? s.slice(1) : s;
    const parsed = parseFieldPath(text);
    if (!parsed.ok) {
      diagnostics.push(regionDiagnostic(block.region, at, { code: parsed.error.code, message: parsed.error.message, ...(parsed.error.hint ? { hint: parsed.error.hint } : {}) }));
    } else if (!runs.some((r) => getField(r, parsed.path) !== undefined)) {
      diagnostics.push(regionDiagnostic(block.region, at, blockMessages.unknownColumn(text, didYouMean(text, known))));
    } else keys.push({ path: parsed.path, descending, text });
  });
  if (diagnostics.length || !ctx.render) return { html: "", diagnostics };

  const sorted = sortRuns(runs, keys);
  const shown = input.limit !== undefined ? sorted.slice(0, input.limit) : sorted;
  const html = renderRunsTable({
    id: `table-${index + 1}`,
    ...(input.title ? { caption: input.title } : {}),
    columns,
    runs: shown,
    ...(keys[0] ? { sortedBy: { key: keys[0].text, descending: keys[0].descending } } : {}),
    hrefForRun: ctx.hrefForRun,
    ...(shown.length < sorted.length ? { note: `Showing ${shown.length} of ${sorted.length} runs.` } : {}),
  });
  return { html, diagnostics };
}

/** Field paths that some run has, for did-you-mean on columns. */
function knownFields(runs: readonly Run[]): string[] {
  const out = new Set<string>(["id", "name", "project", "group", "tags", "state", "created", "duration", "notes", "steps"]);
  const walk = (prefix: string, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) walk(`${prefix}.${k}`, child);
    } else out.add(prefix);
  };
  for (const r of runs) {
    walk("config", r.config);
    for (const k of Object.keys(r.summary)) out.add(`summary.${k}`);
  }
  return [...out];
}
