/**
 * Weights & Biases "Export CSV" files, in both flavours:
 *
 * - chart-panel export: `Step`, then per run `<run> - <metric>`, `<run> - <metric>__MIN` and
 *   `__MAX` (every cell quoted; runs of different lengths leave empty cells). One run per `<run>`
 *   prefix; its history holds the steps where it has a value. Several exports in one folder (one per
 *   panel) are joined per run. `__MIN`/`__MAX` (the panel's sampling band) are skipped.
 * - runs-table export: `Name, State, Notes, User, Tags, Created, Runtime, Sweep, <config…>,
 *   <summary…>`. One run per row, no history. W&B writes config columns before summary columns
 *   and does not mark them; the first column whose name looks like a metric (see `isMetricName`) and
 *   every column after it are summary, the columns before it are config. Cells stay text unless they
 *   are plain numbers or booleans, so Python dict reprs (`{'runtime': 353}`) stay strings.
 */
import type { RunState, SummaryValue } from "../run.ts";
import type { FileDiagnostics } from "../runs/FileDiagnostics.ts";
import { ImportCollector } from "./ImportCollector.ts";
import type { ImportedRun, ImportResult } from "./importedRun.ts";
import { baseName, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { mergeSeries, type Series } from "./mergeSeries.ts";
import { newRun } from "./newRun.ts";
import { cellValue, readTable, type Table } from "./readFiles.ts";
import { slugify, uniqueSlug } from "./slugify.ts";
import { setOwn } from "../setOwn.ts";
import { isoTime } from "./isoTime.ts";

const RUNS_TABLE_FIXED = ["Name", "State", "Notes", "User", "Tags", "Created", "Runtime", "Sweep"];
const STATES: Record<string, RunState> = { running: "running", finished: "finished", crashed: "crashed", failed: "failed", killed: "crashed", preempted: "crashed", pending: "running" };

function headerCells(line: string): string[] {
  return line.split(",").map((c) => c.trim().replace(/^"|"$/g, ""));
}

export function isChartExportHeader(cells: readonly string[]): boolean {
  return cells[0] === "Step" && cells.length > 1 && cells.slice(1).every((c) => c.includes(" - "));
}

export function isRunsTableHeader(cells: readonly string[]): boolean {
  return cells.includes("Name") && cells.includes("State");
}

export function detectWandbCsv(paths: readonly string[], head?: (path: string) => string | undefined): boolean {
  return paths.some((p) => {
    if (!p.toLowerCase().endsWith(".csv")) return false;
    const first = head?.(p);
    if (first === undefined) return /^wandb_export/i.test(baseName(p));
    const cells = headerCells(first);
    return isChartExportHeader(cells) || isRunsTableHeader(cells);
  });
}

function wants(path: string): boolean {
  return path.toLowerCase().endsWith(".csv");
}

/**
 * Whether a runs-table column is a summary metric rather than a config key: W&B's own keys
 * (`_runtime`, `_step`, …), logged names with a `/`, and the usual metric words.
 */
export function isMetricName(name: string): boolean {
  return (
    name.startsWith("_") ||
    name.includes("/") ||
    /(^|[_.\s-])(loss|acc|accuracy|auc|f1|precision|recall|perplexity|ppl|bleu|rouge|wer|cer|mae|mse|rmse|r2|reward|score|error|err)([_.\s-]|$)/i.test(name) ||
    /^(train|val|valid|validation|eval|test|epoch|step)([_.\s-]|$)/i.test(name)
  );
}

export function importWandbCsv(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const taken = new Set<string>();
  const chartRuns = new Map<string, { series: Series[]; sources: string[]; failed: boolean }>();
  const chartScope = out.scope();
  for (const file of files.filter((f) => wants(f.path))) {
    const text = textOf(file);
    if (text === undefined) continue;
    const probe = out.scope();
    const fd = probe.file(file.path, text);
    const table = readTable(fd);
    if (!table) {
      probe.close();
      continue;
    }
    if (isChartExportHeader(table.header)) {
      readChartExport(fd, table, chartRuns, out);
      probe.close();
      if (fd.hasErrors) for (const r of chartRuns.values()) if (r.sources.includes(file.path)) r.failed = true;
    } else if (isRunsTableHeader(table.header)) {
      const runs = readRunsTable(fd, table, options, taken, out);
      if (probe.close()) out.runs.push(...runs);
    } else {
      probe.close();
      out.skip(file.path, "CSV file", "neither a W&B chart export (Step, <run> - <metric>) nor a runs table (Name, State, …)");
    }
  }
  for (const [name, r] of [...chartRuns.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (r.failed) continue;
    const run = newRun(uniqueSlug(slugify(name), taken), options.project, r.sources);
    run.name = name;
    const merged = mergeSeries(r.series);
    run.history = merged.history;
    for (const [metric, count] of merged.overwritten) out.skip(run.slug, `${metric} value`, "the same step appears twice; the later value is kept", count);
    out.finish(chartScope, run);
  }
  return out.result();
}

function readChartExport(fd: FileDiagnostics, table: Table, runs: Map<string, { series: Series[]; sources: string[]; failed: boolean }>, out: ImportCollector): void {
  const columns: { run: string; metric: string; index: number }[] = [];
  table.header.forEach((h, index) => {
    if (index === 0) return;
    const at = h.lastIndexOf(" - ");
    const run = h.slice(0, at);
    const metric = h.slice(at + 3);
    if (/__(MIN|MAX)$/.test(metric)) {
      out.skip(run, `column ${metric}`, "the chart's min/max band over sampled points, not a logged value");
      return;
    }
    columns.push({ run, metric, index });
  });
  const series = columns.map((c) => ({ ...c, points: [] as Series["points"] }));
  for (const row of table.rows) {
    if (row.cells.length > table.header.length) {
      fd.at(row.offsets[table.header.length]!, "error", importMessages.tooManyCells(row.cells.length, table.header.length));
      continue;
    }
    const stepCell = row.cells[0] ?? "";
    const step = cellValue(stepCell);
    if (typeof step !== "number" || !Number.isFinite(step)) {
      fd.at(row.offsets[0] ?? row.offset, "error", importMessages.notNumber("Step", stepCell));
      continue;
    }
    for (const s of series) {
      const cell = row.cells[s.index];
      if (cell === undefined) continue;
      const v = cellValue(cell);
      if (v === undefined) fd.at(row.offsets[s.index]!, "error", importMessages.notNumber(table.header[s.index]!, cell));
      else if (v !== null) s.points.push({ step, time: null, value: v });
    }
  }
  for (const s of series) {
    let r = runs.get(s.run);
    if (!r) runs.set(s.run, (r = { series: [], sources: [], failed: false }));
    if (!r.sources.includes(fd.file)) r.sources.push(fd.file);
    r.series.push({ metric: s.metric, points: s.points });
  }
}

function readRunsTable(fd: FileDiagnostics, table: Table, options: ImportOptions, taken: Set<string>, out: ImportCollector): ImportedRun[] {
  const h = table.header;
  const col = (name: string): number => h.indexOf(name);
  const fixedEnd = Math.max(...RUNS_TABLE_FIXED.map(col));
  const rest = h.map((name, index) => ({ name, index })).filter((c) => c.index > fixedEnd && c.name !== "");
  const firstMetric = rest.findIndex((c) => isMetricName(c.name));
  const configCols = firstMetric < 0 ? rest : rest.slice(0, firstMetric);
  const summaryCols = firstMetric < 0 ? [] : rest.slice(firstMetric);
  const runs: ImportedRun[] = [];
  for (const row of table.rows) {
    if (row.cells.length > h.length) {
      fd.at(row.offsets[h.length]!, "error", importMessages.tooManyCells(row.cells.length, h.length));
      continue;
    }
    const cell = (i: number): string => (i >= 0 ? (row.cells[i] ?? "") : "").trim();
    const name = cell(col("Name"));
    const run = newRun(uniqueSlug(slugify(name || "run"), taken), options.project, [fd.file]);
    if (name) run.name = name;
    const state = cell(col("State")).toLowerCase();
    if (state) {
      const mapped = STATES[state];
      if (mapped) run.state = mapped;
      else fd.at(row.offsets[col("State")]!, "warning", importMessages.unexpectedShape("State", Object.keys(STATES).join(", "), `"${state}" (read as finished)`));
    }
    if (cell(col("Notes")) && cell(col("Notes")) !== "-") run.notes = cell(col("Notes"));
    const tags = cell(col("Tags"));
    if (tags) run.tags = tags.split(",").map((t) => t.trim()).filter(Boolean);
    const created = cell(col("Created"));
    if (created) {
      const t = Date.parse(created);
      if (Number.isNaN(t)) fd.at(row.offsets[col("Created")]!, "error", importMessages.unexpectedShape("Created", "a date", `"${created}"`));
      else run.created = isoTime(t);
    }
    const runtime = cell(col("Runtime"));
    if (runtime) {
      const v = cellValue(runtime);
      if (typeof v === "number" && Number.isFinite(v) && v >= 0) run.duration = v;
      else fd.at(row.offsets[col("Runtime")]!, "error", importMessages.notNumber("Runtime", runtime));
    }
    const wandb: Record<string, string> = {};
    if (cell(col("User"))) wandb.user = cell(col("User"));
    if (cell(col("Sweep"))) wandb.sweep = cell(col("Sweep"));
    if (Object.keys(wandb).length > 0) run.config.wandb = wandb;
    for (const c of configCols) {
      const text = row.cells[c.index] ?? "";
      if (text.trim() !== "") setOwn(run.config, c.name, tableValue(text));
    }
    for (const c of summaryCols) {
      const text = row.cells[c.index] ?? "";
      if (text.trim() === "") continue;
      const v = tableValue(text);
      setOwn(run.summary, c.name, typeof v === "number" && !Number.isFinite(v) ? null : (v as SummaryValue));
    }
    runs.push(run);
  }
  return runs;
}

/** A runs-table cell: a number or boolean when it is plainly one, NaN for nan/inf tokens, else the text. */
function tableValue(text: string): string | number | boolean {
  const s = text.trim();
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === "true";
  const v = cellValue(s);
  return typeof v === "number" ? v : text;
}

export const wandbCsvImporter: FormatImporter = {
  id: "wandb-csv",
  detect: detectWandbCsv,
  wants,
  import: importWandbCsv,
};
