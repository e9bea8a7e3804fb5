import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import type { ParsedBlock } from "../blocks/parseBlock.ts";
import { getField, parseFieldPath, sortRuns, fieldLabel, type FieldPath } from "../query/index.ts";
import type { History, Run } from "../run.ts";
import { renderRunsTable, type TableColumn } from "../render/renderRunsTable.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import { resolveRunSet, type RunSetSource } from "./resolveRunSet.ts";
import { knownFields } from "./runFields.ts";
import { renderChartBlock } from "./renderChartBlock.ts";

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
    ? renderChartBlock(block, index, runSet.runs, ctx)
    : renderTable(block, index, runSet.runs, ctx);
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
