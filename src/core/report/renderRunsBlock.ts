import { compareDiagnostics, didYouMean, type Diagnostic, type Message } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import type { ParsedBlock } from "./parseBlock.ts";
import { fieldLabelsOfRuns } from "../query/fields.ts";
import { fieldLabel, getField, parseFieldPath, sortRuns, type FieldPath } from "../query/index.ts";
import { renderRunsTableWithPayload, type TableColumn, type TableGroup } from "../table/renderRunsTable.ts";
import type { History, Run } from "../run.ts";
import { formatCell } from "../table/formatCell.ts";
import { bestRows, type BestDirection } from "../table/highlight.ts";
import { tableMessages } from "../table/messages.ts";
import { columnRole, readingOrder } from "../table/readingOrder.ts";
import { resolveColumns, type ResolvedColumn } from "../table/resolveColumns.ts";
import { downsampleSparkline, renderSparkline } from "../table/sparkline.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import type { BlockContext, RenderedBlock } from "../blocks/blockTypes.ts";

const DEFAULT_COLUMNS = ["name", "state", "created"];
/** Points of a sparkline after downsampling. */
const SPARK_POINTS = 50;

type RunsBlock = Extract<ParsedBlock, { lang: "runs" }>;

/**
 * A `runs` block → a table, in order: resolve columns (globs, renames, formats), sort keys,
 * highlight and group fields; then, when rendering, sort, cut to `limit`, group, draw sparklines
 * from histories and mark best cells.
 */
export async function renderRunsBlock(block: RunsBlock, index: number, runs: Run[], ctx: BlockContext): Promise<RenderedBlock> {
  const input = block.input;
  const src = { region: block.region, yaml: block.yaml };
  const known = fieldLabelsOfRuns(runs);
  // With `columns` rejected by the schema, a sort key or highlight may name a column label that
  // cannot be known: those checks are skipped, field paths are still checked.
  const columnsKnown = !block.invalid.has("columns");
  const resolved = resolveColumns(input.columns ?? DEFAULT_COLUMNS, runs, src);
  // A label written on a column that failed (`{ field: x, label: lr, unit: 5 }`) is not unknown:
  // its column is already reported, so `sort: lr` is not reported again.
  const brokenLabels = new Set(writtenLabels(input.columns ?? []).filter((l) => !resolved.columns.some((c) => c.label === l)));
  const diagnostics: Diagnostic[] = [...resolved.diagnostics];
  const report = (path: PropertyKey[], msg: Message) => diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(path), msg));
  const columns = resolved.columns;

  /** A field path, or the label of a column (`lr` for `- lr: config.optimizer.lr`). */
  const fieldOrLabel = (text: string, at: PropertyKey[]): FieldPath | null => {
    const parsed = parseFieldPath(text);
    if (parsed.ok && runs.some((r) => getField(r, parsed.path) !== undefined)) return parsed.path;
    const byLabel = columns.find((c) => c.label === text && c.path);
    if (byLabel) return byLabel.path;
    if (!columnsKnown || brokenLabels.has(text)) return null;
    if (!parsed.ok) {
      const e = parsed.error;
      report(at, { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
    } else report(at, blockMessages.unknownColumn(text, didYouMean(text, known)));
    return null;
  };

  const sortSpecs = input.sort === undefined ? [] : typeof input.sort === "string" ? [input.sort] : input.sort;
  const keys: { path: FieldPath; descending: boolean }[] = [];
  sortSpecs.forEach((s, i) => {
    const descending = s.startsWith("-");
    const path = fieldOrLabel(descending ? s.slice(1) : s, typeof input.sort === "string" ? ["sort"] : ["sort", i]);
    if (path) keys.push({ path, descending });
  });

  const best: { column: number; direction: BestDirection }[] = [];
  for (const direction of columnsKnown ? (["min", "max"] as const) : []) {
    const spec = input.highlight?.[direction];
    const list = spec === undefined ? [] : typeof spec === "string" ? [spec] : spec;
    list.forEach((text, i) => {
      const at = typeof spec === "string" ? ["highlight", direction] : ["highlight", direction, i];
      const column = findColumn(columns, text);
      if (column < 0 && brokenLabels.has(text)) return;
      if (column < 0) {
        report(at, tableMessages.highlightNotAColumn(text, didYouMean(text, columns.flatMap((c) => (c.path ? [c.key, c.label] : [])))));
      } else if (columns[column]!.kind === "sparkline") report(at, tableMessages.sparklineNotSortable(text));
      else if (!runs.some((r) => typeof getField(r, columns[column]!.path!) === "number")) report(at, tableMessages.highlightNotNumeric(text));
      else best.push({ column, direction });
    });
  }

  const groupPath = input.group_by !== undefined ? fieldOrLabel(input.group_by, ["group_by"]) : null;
  if (diagnostics.length || !ctx.render) return { html: "", diagnostics: diagnostics.sort(compareDiagnostics) };

  const sorted = sortRuns(runs, keys);
  const shown = input.limit !== undefined ? sorted.slice(0, input.limit) : sorted;
  const sparks = await sparklines(columns, shown, ctx.readHistory);
  const tableColumns: TableColumn[] = columns.map((c, i) => {
    const base = { label: c.label, key: c.key, unit: c.unit, format: c.format };
    if (c.kind === "sparkline") return { ...base, value: () => null, html: (r: Run) => sparks.get(`${i}\u0000${r.id}`) ?? null };
    const path = c.path!;
    return { ...base, value: (r: Run) => getField(r, path) };
  });
  for (const b of best) {
    const col = tableColumns[b.column]!;
    const rows = bestRows(shown.map((r) => col.value(r)), b.direction);
    col.best = new Set([...rows].map((i) => shown[i]!.id));
  }

  const first = keys[0];
  const writtenSorted = first ? columns.findIndex((c) => c.path && fieldLabel(c.path) === fieldLabel(first.path)) : -1;
  const order = readingOrder(columns.map(columnRole), writtenSorted);
  const sortedColumn = order.indexOf(writtenSorted);
  const id = `table-${index + 1}`;
  const { html, payload } = renderRunsTableWithPayload({
    id,
    ...(input.title ? { caption: input.title } : {}),
    columns: order.map((i) => tableColumns[i]!),
    runs: shown,
    ...(groupPath ? { groups: groupRuns(shown, groupPath, columns) } : {}),
    ...(first && sortedColumn >= 0 ? { sortedBy: { column: sortedColumn, descending: first.descending } } : {}),
    hrefForRun: ctx.hrefForRun,
    ...(ctx.sitePathForRun ? { sitePathForRun: ctx.sitePathForRun } : {}),
    ...(ctx.mediaBase !== undefined ? { allRunsHref: `${ctx.mediaBase.replace(/\/?$/, "/")}runs/` } : {}),
    interactive: true,
    ...(ctx.dataFile ? { dataFile: ctx.dataFile } : {}),
    ...(shown.length < sorted.length ? { note: `Showing ${shown.length} of ${sorted.length} runs.` } : {}),
  });
  const title = input.title ?? "";
  return { html, diagnostics, shows: { id, title, runIds: shown.map((r) => r.id), svg: "", payload, script: "table" } };
}

/** The labels a `columns` list names: `lr` of `- lr: config.lr` and of `- { field: …, label: lr }`. */
function writtenLabels(columns: readonly unknown[]): string[] {
  return columns.flatMap((c) => {
    if (c === null || typeof c !== "object" || Array.isArray(c)) return [];
    const o = c as Record<string, unknown>;
    if (typeof o.label === "string") return [o.label];
    const keys = Object.keys(o);
    return keys.length === 1 && !["field", "sparkline"].includes(keys[0]!) ? [keys[0]!] : [];
  });
}

/** A column by field path (any alias) or by label; -1 when none. */
function findColumn(columns: readonly ResolvedColumn[], text: string): number {
  const parsed = parseFieldPath(text);
  const key = parsed.ok ? fieldLabel(parsed.path) : null;
  const byKey = columns.findIndex((c) => c.kind === "field" && c.key === key);
  if (byKey >= 0) return byKey;
  return columns.findIndex((c) => c.label === text || (c.kind === "sparkline" && c.key === text));
}

/** Runs in groups of equal `path` values, groups ordered as `sort` orders their values (gaps last). */
export function groupRuns(runs: readonly Run[], path: FieldPath, columns: readonly ResolvedColumn[]): TableGroup[] {
  const groups = new Map<string, Run[]>();
  for (const r of runs) {
    const v = getField(r, path);
    const k = v === undefined || v === null ? "\u0000gap" : JSON.stringify(v);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const firsts = sortRuns([...groups.values()].map((g) => g[0]!), [{ path, descending: false }]);
  const key = fieldLabel(path);
  const column = columns.find((c) => c.key === key);
  const name = column?.label ?? key.replace(/^(config|summary)\./, "");
  return firsts.map((r) => {
    const v = getField(r, path);
    const k = v === undefined || v === null ? "\u0000gap" : JSON.stringify(v);
    const text = formatCell(key, column?.format ?? { kind: "auto" }, v, { newest: null });
    return { label: `${name} = ${text}`, runs: groups.get(k)! };
  });
}

async function sparklines(columns: readonly ResolvedColumn[], runs: readonly Run[], readHistory: (run: Run) => Promise<History>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const spark = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === "sparkline");
  if (spark.length === 0) return out;
  for (const run of runs) {
    if (!spark.some(({ c }) => run.metrics.includes(c.key))) continue;
    const history = await readHistory(run);
    for (const { c, i } of spark) {
      const values = history.metrics[c.key];
      if (!values) continue;
      const svg = renderSparkline(c.key, downsampleSparkline(history.step, values, SPARK_POINTS), c.format, c.unit);
      if (svg) out.set(`${i}\u0000${run.id}`, svg);
    }
  }
  return out;
}
