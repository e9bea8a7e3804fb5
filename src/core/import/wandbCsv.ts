/**
 * Weights & Biases "Export CSV" files, in both flavours:
 *
 * - chart-panel export: the x column (`Step`, or a custom x such as `evaluations`), then per line
 *   `<run> - <metric>`, `<run> - <metric>__MIN` and `__MAX` (every cell quoted; runs of different
 *   lengths leave empty cells). A grouped panel names its lines `<key>: <value> - <metric>`. One run
 *   per line prefix; its history holds the x values where it has a value (the x is the step).
 *   Several exports in one folder (one per panel) are joined per run. `__MIN`/`__MAX` (the panel's
 *   band over sampled points or over a group's runs) are skipped.
 * - runs table: one row per run. Known W&B columns (`Name`, `State`, `Notes`, `User`, `Tags`,
 *   `Created`, `Runtime`, `Sweep`, `End Time`, `ID`, `Updated`, `Group`, …) may stand anywhere; the
 *   other columns are config columns followed by summary columns, unmarked. The split point is
 *   inferred from the columns' names and from what the runs hold (see `splitColumns`);
 *   `--config-columns` / `--summary-columns` settle the rest, and the split chosen is a note.
 *   Cells written as Python reprs (`{'runtime': 353}`, `[64, 128]`) are read as data.
 */
import type { RunState, SummaryValue } from "../run.ts";
import type { FileDiagnostics } from "../runs/FileDiagnostics.ts";
import { ImportCollector } from "./ImportCollector.ts";
import type { ImportedRun, ImportResult } from "./importedRun.ts";
import { baseName, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { mergeSeries, type Series } from "./mergeSeries.ts";
import { newRun } from "./newRun.ts";
import type { PythonValue } from "./pythonLiteral.ts";
import { cellData, isObject, scalarValue, splitColumns } from "./wandbCsvColumns.ts";
import { cellValue, readTable, type Table } from "./readFiles.ts";
import { parseCsv } from "../runs/parseCsv.ts";
import { slugify, uniqueSlug } from "./slugify.ts";
import { ownRecord, ownValue } from "../ownRecord.ts";
import { isoTime } from "./isoTime.ts";

/** W&B's own runs-table columns, by lower-case name, and what each becomes. */
const FIXED_COLUMNS: Record<string, string> = {
  name: "name",
  "display name": "name",
  state: "state",
  notes: "notes",
  description: "notes",
  user: "wandb.user",
  tags: "tags",
  created: "created",
  "start time": "created",
  runtime: "duration",
  sweep: "wandb.sweep",
  "end time": "wandb.end_time",
  id: "wandb.id",
  "run id": "wandb.id",
  updated: "wandb.updated",
  heartbeat: "wandb.heartbeat",
  group: "group",
  "job type": "wandb.job_type",
  hostname: "wandb.host",
  host: "wandb.host",
  commit: "git.commit",
  "gpu count": "wandb.gpu_count",
  "gpu type": "wandb.gpu_type",
  "python version": "wandb.python_version",
  os: "wandb.os",
  project: "wandb.project",
  entity: "wandb.entity",
  url: "wandb.url",
  agent: "wandb.agent",
  command: "wandb.command",
  job: "wandb.job",
  github: "wandb.github",
};
const STATES: Record<string, RunState> = { running: "running", finished: "finished", crashed: "crashed", failed: "failed", killed: "crashed", preempted: "crashed", pending: "running" };
const STEP_AXES = new Set(["Step", "step", "_step"]);

/** The cells of a first line, quoted or not: W&B quotes every header cell, and run names may hold commas (`lr=0.1, bs=32`). */
function headerCells(line: string): string[] {
  const record = parseCsv(line.replace(/^\uFEFF/, "")).records[0];
  // A header cut inside a quoted cell (a name with a line break) is judged by its plain split.
  return (record ? record.cells.map((c) => c.text) : line.split(",")).map((c) => c.trim().replace(/^"|"$/g, ""));
}

export function isChartExportHeader(cells: readonly string[]): boolean {
  return cells.length > 1 && cells[0] !== "" && !cells[0]!.includes(" - ") && cells.slice(1).every((c) => c.includes(" - "));
}

/**
 * A runs table names its runs (`Name`, or `name` in API dumps) and has at least one more W&B column
 * (`ID`/`id`, `State`, `Created`, …), or holds whole `config`/`summary` dicts.
 */
export function isRunsTableHeader(cells: readonly string[]): boolean {
  const lower = cells.map((c) => c.toLowerCase());
  if (!lower.includes("name")) return false;
  if (lower.includes("config") || lower.includes("summary")) return true;
  return cells.some((c) => c.toLowerCase() !== "name" && Object.hasOwn(FIXED_COLUMNS, c.toLowerCase()) && (c !== c.toLowerCase() || c === "id"));
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

export function importWandbCsv(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const taken = new Set<string>();
  const chartRuns = new Map<string, ChartRun>();
  const chartScope = out.scope();
  for (const file of files.filter((f) => wants(f.path))) {
    const text = textOf(file);
    if (text === undefined) continue;
    const probe = out.scope();
    const fd = probe.file(file.path, text);
    if (text.trim() === "") {
      // An export cancelled or copied before it was written; the other exports stand.
      fd.whole("warning", importMessages.emptyFile(baseName(file.path), "no runs in it"));
      probe.close();
      continue;
    }
    const table = readTable(fd);
    if (!table) {
      probe.close();
      continue;
    }
    if (isRunsTableHeader(table.header)) {
      const runs = readRunsTable(fd, table, options, taken, out);
      if (probe.close()) out.runs.push(...runs);
    } else if (isChartExportHeader(table.header)) {
      readChartExport(fd, table, chartRuns, out);
      probe.close();
      if (fd.hasErrors) for (const r of chartRuns.values()) if (r.sources.includes(file.path)) r.failed = true;
    } else {
      probe.close();
      out.skip(file.path, "CSV file", "neither a W&B chart export (<x>, <run> - <metric>, …) nor a runs table (Name, State/Created/ID/…, …)");
    }
  }
  for (const r of [...chartRuns.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.x < b.x ? -1 : 1))) {
    if (r.failed) continue;
    const run = newRun(uniqueSlug(slugify(r.name), taken), options.project, r.sources);
    run.name = r.name;
    if (r.groupKey !== null) {
      // A grouped panel's line aggregates the runs whose `key` is `value`.
      const value = r.name.slice(r.groupKey.length + 2);
      run.group = value;
      run.config[r.groupKey] = scalarValue(value);
    }
    if (!STEP_AXES.has(r.x)) run.config.wandb = { x_axis: r.x };
    const merged = mergeSeries(r.series);
    run.history = merged.history;
    for (const [metric, count] of merged.overwritten) out.skip(run.slug, `${metric} value`, "the same step appears twice; the later value is kept", count);
    out.finish(chartScope, run);
  }
  return out.result();
}

interface ChartRun {
  name: string;
  x: string;
  series: Series[];
  sources: string[];
  failed: boolean;
  /** The key of a grouped panel's lines (`algo` of `algo: UCEA`), null for a run's own line. */
  groupKey: string | null;
}

function readChartExport(fd: FileDiagnostics, table: Table, runs: Map<string, ChartRun>, out: ImportCollector): void {
  const x = table.header[0]!;
  const columns: { run: string; metric: string; index: number }[] = [];
  const lines = new Set<string>();
  table.header.forEach((h, index) => {
    if (index === 0) return;
    const at = h.lastIndexOf(" - ");
    const run = h.slice(0, at);
    const metric = h.slice(at + 3);
    lines.add(run);
    if (/__(MIN|MAX)$/.test(metric)) {
      out.skip(run, `__MIN/__MAX columns (${fd.file})`, "the chart's min/max band (over sampled points, or over a group's runs), not a logged value");
      return;
    }
    columns.push({ run, metric, index });
  });
  if (!STEP_AXES.has(x)) out.note(fd.file, `chart export with x axis "${x}": its values are the runs' steps`);
  // A grouped panel names every line `<key>: <value>` with one key; a run that is merely named
  // `bert: lr 1e-4` beside runs named otherwise is a run.
  const keys = new Set([...lines].map((l) => /^([^:]+): /.exec(l)?.[1] ?? null));
  const groupKey = keys.size === 1 ? [...keys][0]! : null;
  if (groupKey !== null) out.note(fd.file, `chart export grouped by "${groupKey}": each group's line (an aggregate over its runs) is imported as one run, named "${groupKey}: <value>"`);
  const series = columns.map((c) => ({ ...c, points: [] as Series["points"] }));
  for (const row of table.rows) {
    if (row.cells.length > table.header.length) {
      fd.at(row.offsets[table.header.length]!, "error", importMessages.tooManyCells(row.cells.length, table.header.length));
      continue;
    }
    const stepCell = row.cells[0] ?? "";
    const step = cellValue(stepCell);
    if (typeof step !== "number" || !Number.isFinite(step)) {
      fd.at(row.offsets[0] ?? row.offset, "error", importMessages.notNumber(x, stepCell));
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
    const key = `${x}\0${s.run}`;
    let r = runs.get(key);
    if (!r) runs.set(key, (r = { name: s.run, x, series: [], sources: [], failed: false, groupKey }));
    if (!r.sources.includes(fd.file)) r.sources.push(fd.file);
    r.series.push({ metric: s.metric, points: s.points });
  }
}

interface DataColumn {
  name: string;
  index: number;
}

function readRunsTable(fd: FileDiagnostics, table: Table, options: ImportOptions, taken: Set<string>, out: ImportCollector): ImportedRun[] {
  const h = table.header;
  // Each W&B column once, as the app capitalises it (`Group`, `End Time`); all lower case only
  // `name` and `id` (API dumps), since a config key may well be called `group` or `command`.
  const fixed = new Map<number, string>();
  const claimed = new Set<string>();
  for (const [lower, target] of Object.entries(FIXED_COLUMNS)) {
    const exact = h.findIndex((c) => c.toLowerCase() === lower && c !== lower);
    const index = exact >= 0 || !["name", "id"].includes(lower) ? exact : h.findIndex((c) => c === lower);
    if (index < 0 || claimed.has(target)) continue;
    fixed.set(index, target);
    claimed.add(target);
  }
  const dictColumns = new Map<number, "config" | "summary">();
  const data: DataColumn[] = [];
  h.forEach((name, index) => {
    if (fixed.has(index)) return;
    if (name === "") {
      out.skip(fd.file, `unnamed column ${index + 1}`, "a row index (pandas writes one), not a run field");
      return;
    }
    const lower = name.toLowerCase();
    if ((lower === "config" || lower === "summary") && table.rows.every((r) => (r.cells[index] ?? "").trim() === "" || isObject(cellData(r.cells[index]!)))) {
      dictColumns.set(index, lower);
      return;
    }
    data.push({ name, index });
  });

  const forced = { config: new Set(options.configColumns ?? []), summary: new Set(options.summaryColumns ?? []) };
  for (const c of forced.config) if (forced.summary.has(c)) fd.whole("error", importMessages.columnInBoth(c));
  const names = data.map((c) => c.name);
  for (const [option, set] of [["--config-columns", forced.config], ["--summary-columns", forced.summary]] as const) {
    for (const c of set) if (!names.includes(c)) fd.whole("warning", importMessages.unknownColumn(option, c, names));
  }
  const columns = data.map((c) => ({ name: c.name, values: table.rows.map((r) => (r.cells[c.index] ?? "").trim()).filter((v) => v !== "") }));
  const { summaryFrom, ambiguous } = splitColumns(columns, table.rows.length, forced);
  const isSummary = data.map((c, i) => (forced.config.has(c.name) ? false : forced.summary.has(c.name) ? true : i >= summaryFrom));
  const configCols = data.filter((_, i) => !isSummary[i]);
  const summaryCols = data.filter((_, i) => isSummary[i]);
  if (data.length > 0) {
    const span = (cols: DataColumn[]): string => (cols.length === 0 ? "" : cols.length === 1 ? ` (${cols[0]!.name})` : ` (${cols[0]!.name} … ${cols.at(-1)!.name})`);
    out.note(fd.file, `runs table: ${configCols.length} config column(s)${span(configCols)}, ${summaryCols.length} summary column(s)${span(summaryCols)}; change with --config-columns / --summary-columns`);
  }
  if (ambiguous.length > 0) {
    const chosen = isSummary[ambiguous[0]!] ? "summary" : "config";
    fd.at(table.headerOffsets[data[ambiguous[0]!]!.index] ?? 0, "warning", importMessages.splitAmbiguous(ambiguous.map((i) => data[i]!.name), chosen));
  }

  const runs: ImportedRun[] = [];
  for (const row of table.rows) {
    if (row.cells.length > h.length) {
      fd.at(row.offsets[h.length]!, "error", importMessages.tooManyCells(row.cells.length, h.length));
      continue;
    }
    const at = (i: number): number => row.offsets[i] ?? row.offset;
    const fields: Record<string, string> = {};
    const fieldAt: Record<string, number> = {};
    for (const [index, target] of fixed) {
      const v = (row.cells[index] ?? "").trim();
      // The app shows an empty field as "-"; only a note of "-" is something a user may have typed.
      if (v !== "" && (v !== "-" || target === "notes")) {
        fields[target] = v;
        fieldAt[target] = index;
      }
    }
    const name = fields.name ?? fields["wandb.id"] ?? "";
    // W&B lets runs share a display name: a second one is told apart by its ID when the table has one.
    let base = slugify(name || "run");
    if (taken.has(base) && fields["wandb.id"] !== undefined && fields.name !== undefined) base = slugify(`${name}-${fields["wandb.id"]}`);
    const slug = uniqueSlug(base, taken);
    if (slug !== base) fd.at(at(fieldAt.name ?? 0), "warning", { ...importMessages.duplicateSlug(base), hint: `written as "${slug}"; an ID column would tell the runs apart` });
    const run = newRun(slug, options.project, [fd.file]);
    if (name) run.name = name;
    const wandb: Record<string, string> = ownRecord<string>();
    for (const [target, v] of Object.entries(fields)) {
      if (target === "state") {
        const mapped = ownValue(STATES, v.toLowerCase());
        if (mapped) run.state = mapped;
        else fd.at(at(fieldAt[target]!), "warning", importMessages.unexpectedShape("State", Object.keys(STATES).join(", "), `"${v}" (read as finished)`));
      } else if (target === "notes") run.notes = v;
      else if (target === "tags") run.tags = v.split(",").map((t) => t.trim()).filter(Boolean);
      else if (target === "group") run.group = v;
      else if (target === "created") {
        const t = parseDate(v);
        if (t === undefined) fd.at(at(fieldAt[target]!), "error", importMessages.unexpectedShape("Created", "a date", `"${v}"`));
        else run.created = isoTime(t);
      } else if (target === "duration") {
        const d = parseDuration(v);
        if (d === undefined) fd.at(at(fieldAt[target]!), "error", importMessages.notNumber(h[fieldAt[target]!]!, v));
        else run.duration = d;
      } else if (target === "git.commit") run.git = { commit: v };
      else if (target.startsWith("wandb.")) wandb[target.slice(6)] = v;
    }
    if (Object.keys(wandb).length > 0) run.config.wandb = wandb;
    for (const [index, kind] of dictColumns) {
      const v = cellData(row.cells[index] ?? "");
      if (!isObject(v)) continue;
      if (kind === "config") for (const [k, x] of Object.entries(v)) run.config[k] = x;
      else for (const [k, x] of Object.entries(v)) putSummary(run, k, x, out, fd.file);
    }
    for (const c of configCols) {
      const text = row.cells[c.index] ?? "";
      if (text.trim() !== "") run.config[c.name] = cellData(text);
    }
    for (const c of summaryCols) {
      const text = row.cells[c.index] ?? "";
      if (text.trim() !== "") putSummary(run, c.name, cellData(text), out, fd.file);
    }
    runs.push(run);
  }
  return runs;
}

/** A summary value; a dict becomes `name.key` entries, a W&B media/table reference is skipped. */
function putSummary(run: ImportedRun, name: string, v: PythonValue, out: ImportCollector, file: string): void {
  if (isObject(v)) {
    if (typeof v._type === "string") {
      out.skip(run.slug, `summary "${name}" (${file})`, `a W&B ${v._type} reference: the file it points to is not part of a CSV export`);
      return;
    }
    for (const [k, x] of Object.entries(v)) putSummary(run, `${name}.${k}`, x, out, file);
    return;
  }
  if (Array.isArray(v)) run.summary[name] = JSON.stringify(v);
  else run.summary[name] = (typeof v === "number" && !Number.isFinite(v) ? null : v) as SummaryValue;
}

/** Milliseconds since the epoch; a time without a zone is UTC (W&B shows and exports UTC). */
function parseDate(text: string): number | undefined {
  let s = text.trim();
  // A script over the API may write the run's `created_at` as a unix time: seconds, or milliseconds.
  if (/^\d{9,13}(\.\d+)?$/.test(s)) {
    const v = Number(s);
    return v >= 1e11 ? v : v * 1000;
  }
  if (/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)) s = `${s.replace(" ", "T")}Z`;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** Seconds, from a number (`3600`, `353.58`) or the UI's `1h 2m 3s` / `2d 4h`. */
function parseDuration(text: string): number | undefined {
  const v = cellValue(text);
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? v : undefined;
  const m = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
  if (!m || text.trim() === "") return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
}

export const wandbCsvImporter: FormatImporter = {
  id: "wandb-csv",
  detect: detectWandbCsv,
  wants,
  import: importWandbCsv,
};
