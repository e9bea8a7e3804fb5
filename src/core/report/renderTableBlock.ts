/**
 * A `table` block → per-example rows of the selected runs' `tables/<key>`: checked against what
 * each run keeps about its tables (names, columns, steps) without reading rows, then, when
 * rendering (or checking joins), the rows are read, filtered, joined and sorted; the first page is
 * static HTML and the rest is the page script's (core/runTables/renderRowsTable.ts).
 */
import { didYouMean, type Diagnostic, type Message } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import type { BlockContext, RenderedBlock } from "../blocks/blockTypes.ts";
import { TABLE_MAX_RUNS, TABLE_PAGE_SIZE } from "../blocks/tableBlockSchema.ts";
import type { Expr } from "../query/ast.ts";
import { compileRegex } from "../query/compileRegex.ts";
import type { Run, RunTableInfo } from "../run.ts";
import { joinRows, type RunRows } from "../runTables/joinRows.ts";
import { parseRowFilter, rowMatches } from "../runTables/rowFilter.ts";
import { RowsModel } from "../runTables/rowsModel.ts";
import type { RowsPayload } from "../runTables/rowsPayload.ts";
import { renderRowsTable } from "../runTables/renderRowsTable.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import type { ParsedBlock } from "./parseBlock.ts";

type TableBlock = Extract<ParsedBlock, { lang: "table" }>;

export async function renderTableBlock(block: TableBlock, index: number, runs: Run[] | null, ctx: BlockContext): Promise<RenderedBlock> {
  const input = block.input;
  const diagnostics: Diagnostic[] = [];
  const report = (path: PropertyKey[], msg: Message, severity: Diagnostic["severity"] = "error") =>
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(path), msg, severity));
  const done = (): RenderedBlock => ({ html: "", diagnostics });
  const key = input.key;
  if (!runs || key === undefined) return done();

  const maxRuns = input.max_runs ?? TABLE_MAX_RUNS.default;
  if (runs.length > maxRuns) {
    report(input.runs !== undefined ? ["runs"] : ["key"], blockMessages.tooManyTableRuns(runs.length, maxRuns));
    return done();
  }
  const infos: RunTableInfo[] = [];
  for (const run of runs) {
    const info = run.tables?.find((t) => t.name === key);
    if (!info) {
      const names = (run.tables ?? []).map((t) => t.name);
      report(["key"], blockMessages.noSuchTable(key, run.id, didYouMean(key, names), names));
      return done();
    }
    infos.push(info);
  }

  const universe = [...new Set(infos.flatMap((t) => t.columns))];
  const stepped = infos.some((t) => t.steps.length > 0);
  const unknownColumn = (name: string, at: PropertyKey[], among: readonly string[] = universe): boolean => {
    if (among.includes(name)) return false;
    report(at, blockMessages.noSuchTableColumn(name, key, didYouMean(name, among), among));
    return true;
  };

  let join = input.join ?? null;
  if (join !== null && unknownColumn(join, ["join"])) join = null;
  else if (join !== null) {
    const lacking = runs.find((_, r) => !infos[r]!.columns.includes(join!));
    if (lacking) report(["join"], blockMessages.joinColumnMissing(join, lacking.id));
  }
  const columns = (input.columns ?? universe.filter((c) => !(stepped && c === "step"))).filter((c, i) => input.columns === undefined || !unknownColumn(c, ["columns", i]));
  (input.compare ?? []).forEach((c, i) => unknownColumn(c, ["compare", i]));
  const runColumn = universe.includes("run") ? "run name" : "run";
  const shown = [...(join !== null ? [join] : []), ...columns.filter((c) => c !== join)];
  // A join that was written but is wrong leaves no table to stack runs in.
  const stacked = input.join === undefined && runs.length > 1;
  const shownKeys = stacked ? [runColumn, ...shown] : shown;

  let sort: { key: string; descending: boolean } | null = null;
  if (input.sort !== undefined) {
    const descending = input.sort.startsWith("-");
    const column = descending ? input.sort.slice(1) : input.sort;
    if (!unknownColumn(column, ["sort"], shownKeys)) sort = { key: column, descending };
  }

  let filter: Expr | null = null;
  if (input.filter !== undefined) {
    const parsed = parseRowFilter(input.filter, stacked ? [runColumn, ...universe] : universe, compileRegex);
    if (parsed.ok) filter = parsed.expr;
    else {
      const start = block.yaml.scalarContentOffset(["filter"]);
      const span = start !== undefined ? { offset: start + parsed.error.offset, length: Math.max(1, parsed.error.length) } : block.yaml.locateValue(["filter"]);
      const { code, message, hint } = parsed.error;
      diagnostics.push(regionDiagnostic(block.region, span, { code, message, ...(hint ? { hint } : {}) }));
    }
  }

  const step = input.step ?? "last";
  if (typeof step === "number") {
    const lacking = runs.findIndex((_, r) => !infos[r]!.steps.includes(step));
    if (lacking >= 0) report(["step"], blockMessages.noSuchTableStep(step, runs[lacking]!.id, infos[lacking]!.steps));
  }
  if (diagnostics.some((d) => d.severity === "error") || !ctx.readTable) return done();

  const inputs: RunRows[] = [];
  for (const [r, run] of runs.entries()) {
    const table = await ctx.readTable(run, key);
    const info = infos[r]!;
    const at = typeof step === "number" ? step : info.steps[info.steps.length - 1];
    const rows: number[] = [];
    for (let i = 0; i < table.rows.length; i++) if (!table.steps || table.steps[i] === at) rows.push(i);
    inputs.push({ run: { id: run.id, name: run.name, href: ctx.hrefForRun(run.id) }, table, rows });
  }
  const joined = joinRows(inputs, {
    join,
    columns: shown,
    compare: input.compare ?? null,
    runColumn,
    ...(filter ? { keep: (rec) => rowMatches(filter, rec) } : {}),
    mediaHref: (r, path) => ctx.tableMediaHref?.(runs[r]!, path) ?? "",
  });
  for (const p of joined.problems) {
    report(["join"], p.kind === "duplicateId" ? blockMessages.joinIdTwice(join!, p.id, runs[p.run]!.id) : blockMessages.joinIdMissing(join!, runs[p.run]!.id));
  }
  if (filter && joined.rows.length === 0) report(["filter"], blockMessages.tableFilterEmpty(), "warning");
  if (diagnostics.some((d) => d.severity === "error") || !ctx.render) return done();

  let payload: RowsPayload = {
    runs: inputs.map((i) => i.run),
    columns: joined.columns,
    rows: joined.rows,
    join,
    present: joined.present,
    pageSize: input.page_size ?? TABLE_PAGE_SIZE.default,
    onlyDisagreements: input.show === "disagreements",
  };
  if (sort) payload = sortedPayload(payload, sort);
  const id = `rows-${index + 1}`;
  const title = input.title ?? "";
  const html = renderRowsTable(payload, { id, title: title || null, rowsHref: ctx.tableRowsHref?.(id) ?? null, label: `table ${key}`, ...(ctx.mediaBase !== undefined ? { siteRoot: ctx.mediaBase } : {}) });
  return { html, diagnostics, shows: { id, title, runIds: runs.map((r) => r.id), svg: "", payload, script: "rows" } };
}

/** The rows in the block's order (`sort:`): the page then starts from the file's order of this. */
function sortedPayload(payload: RowsPayload, sort: { key: string; descending: boolean }): RowsPayload {
  const column = payload.columns.findIndex((c) => c.key === sort.key);
  const view = new RowsModel(payload).view({ filter: null, sort: { column, descending: sort.descending }, onlyDisagreements: false });
  return { ...payload, rows: view.map((i) => payload.rows[i]!), present: payload.present ? view.map((i) => payload.present![i]!) : null };
}
