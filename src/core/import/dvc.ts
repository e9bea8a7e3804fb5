/**
 * DVC projects and dvclive output. One run per project folder (a folder with `dvc.yaml` or
 * `params.yaml`; the import root when there is none):
 *
 * - `params.yaml` → config (nested, as written);
 * - metrics files → summary, flattened with `/` (`{"avg_prec": {"test": 0.94}}` → `avg_prec/test`):
 *   the files `dvc.yaml` declares under `metrics:`, else `metrics.json`, `scores.json`,
 *   `dvclive.json` and a dvclive folder's `metrics.json`. JSON may hold bare NaN/Infinity;
 *   dvclive's own `step` counter is skipped;
 * - step series → history: dvclive ≥ 1 `<live>/plots/metrics/**\/*.tsv`, dvclive 0.x
 *   `<live>/scalars/*.tsv` and `dvclive/*.tsv` (`timestamp` in ms, `step`, value). Series are joined
 *   by step.
 *
 * Plot data (precision-recall curves, confusion pairs, …) is not a step series and is skipped.
 */
import type { SummaryValue } from "../run.ts";
import { ImportCollector, type RunScope } from "./ImportCollector.ts";
import type { ImportedRun, ImportResult } from "./importedRun.ts";
import { baseName, dirName, isUnder, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { mergeSeries, type Series } from "./mergeSeries.ts";
import { newRun } from "./newRun.ts";
import { cellValue, readJson, readTable, readYaml } from "./readFiles.ts";
import { slugify, uniqueSlug } from "./slugify.ts";
import { setOwn } from "../setOwn.ts";

const DEFAULT_METRICS = ["metrics.json", "scores.json", "dvclive.json", "metrics.yaml"];

function isSeriesFile(path: string): boolean {
  return /\.tsv$/i.test(path) && (/(^|\/)plots\/metrics\//.test(path) || /(^|\/)scalars\/[^/]+\.tsv$/i.test(path) || /(^|\/)dvclive\/[^/]+\.tsv$/i.test(path));
}

export function detectDvc(paths: readonly string[]): boolean {
  return paths.some((p) => ["dvc.yaml", "dvc.lock", "dvclive.json"].includes(baseName(p)) || isSeriesFile(p) || /(^|\/)dvclive\/metrics\.json$/.test(p));
}

function wants(path: string): boolean {
  const base = baseName(path);
  return base === "dvc.yaml" || base === "params.yaml" || DEFAULT_METRICS.includes(base) || isSeriesFile(path) || /\.(json|ya?ml)$/i.test(path);
}

export function importDvc(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const roots = [...new Set(files.filter((f) => ["dvc.yaml", "params.yaml"].includes(baseName(f.path))).map((f) => dirName(f.path)))].sort();
  if (roots.length === 0) roots.push("");
  const rootOf = (path: string): string | undefined => roots.filter((r) => isUnder(path, r)).sort((a, b) => b.length - a.length)[0];
  const taken = new Set<string>();
  for (const root of roots) {
    const own = files.filter((f) => rootOf(f.path) === root);
    const at = (rel: string): ImportFile | undefined => own.find((f) => f.path === (root === "" ? rel : `${root}/${rel}`));
    const name = root === "" ? (options.rootName ?? options.project) : baseName(root);
    const scope = out.scope();
    const run = newRun(uniqueSlug(slugify(name), taken), options.project, []);
    run.name = name;
    const used = new Set<ImportFile>();

    const params = at("params.yaml");
    if (params) {
      used.add(params);
      run.sources.push(params.path);
      const v = readYaml(scope.file(params.path, textOf(params) ?? ""));
      if (isObject(v)) run.config = v;
      else if (v !== undefined && v !== null) scope.whole(params.path, "error", importMessages.unexpectedShape("params.yaml", "a mapping", Array.isArray(v) ? "a list" : typeof v));
    }
    const declared = { metrics: [] as string[], plots: [] as string[] };
    const dvcYaml = at("dvc.yaml");
    if (dvcYaml) {
      used.add(dvcYaml);
      const v = readYaml(scope.file(dvcYaml.path, textOf(dvcYaml) ?? ""));
      if (isObject(v)) collectDeclared(v, declared);
    }
    const metricsFiles = declared.metrics.length > 0
      ? declared.metrics.flatMap((p) => own.filter((f) => f.path === joinPath(root, p) || (isUnder(f.path, joinPath(root, p)) && /\.(json|ya?ml)$/i.test(f.path))))
      : own.filter((f) => DEFAULT_METRICS.includes(baseName(f.path)) && (dirName(f.path) === root || own.some((g) => isSeriesFile(g.path) && isUnder(g.path, dirName(f.path)))));
    for (const f of metricsFiles) {
      used.add(f);
      run.sources.push(f.path);
      readMetrics(scope, f, run, out);
    }

    const series: Series[] = [];
    for (const f of own.filter((x) => isSeriesFile(x.path))) {
      used.add(f);
      run.sources.push(f.path);
      series.push(...readSeries(scope, f));
    }
    const merged = mergeSeries(series);
    run.history = merged.history;
    for (const [metric, count] of merged.overwritten) out.skip(run.slug, `${metric} value`, "logged twice at the same step; the later value is kept", count);

    for (const f of own) {
      if (used.has(f)) continue;
      const base = baseName(f.path);
      if (base === "dvc.lock") out.skip(run.slug, "dvc.lock", "pipeline lock file (hashes of inputs and outputs)");
      else if (/\.(json|csv|tsv)$/i.test(base)) out.skip(run.slug, "plot data file", "DVC plot data (a curve or table, not a step series)");
    }
    out.finish(scope, run);
  }
  return out.result();
}

function joinPath(root: string, rel: string): string {
  const clean = rel.replace(/^\.\//, "").replace(/\/$/, "");
  return root === "" ? clean : `${root}/${clean}`;
}

/** Paths under `metrics:` and `plots:`, at the top level and in every stage. */
function collectDeclared(dvc: Record<string, unknown>, into: { metrics: string[]; plots: string[] }): void {
  const take = (list: unknown, target: string[]): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (typeof item === "string") target.push(item);
      else if (isObject(item)) target.push(...Object.keys(item));
    }
  };
  take(dvc.metrics, into.metrics);
  take(dvc.plots, into.plots);
  if (isObject(dvc.stages)) {
    for (const stage of Object.values(dvc.stages)) {
      if (!isObject(stage)) continue;
      take(stage.metrics, into.metrics);
      take(stage.plots, into.plots);
    }
  }
}

function readMetrics(scope: RunScope, f: ImportFile, run: ImportedRun, out: ImportCollector): void {
  const fd = scope.file(f.path, textOf(f) ?? "");
  const v = /\.ya?ml$/i.test(f.path) ? readYaml(fd) : readJson(fd);
  if (v === undefined) return;
  if (!isObject(v)) {
    fd.whole("error", importMessages.unexpectedShape(baseName(f.path), "an object", Array.isArray(v) ? "a list" : typeof v));
    return;
  }
  const isDvclive = baseName(f.path) === "dvclive.json" || own(f.path);
  const visit = (obj: Record<string, unknown>, prefix: string): void => {
    for (const [k, x] of Object.entries(obj)) {
      const key = prefix + k;
      if (isDvclive && prefix === "" && k === "step") {
        out.skip(run.slug, `${baseName(f.path)} "step"`, "dvclive's step counter; the history has the steps");
        continue;
      }
      if (isObject(x)) visit(x, `${key}/`);
      else if (x === null || ["number", "string", "boolean"].includes(typeof x)) {
        if (Object.hasOwn(run.summary, key)) out.skip(run.slug, `metric ${key}`, `also in an earlier metrics file; ${f.path} is not used for it`);
        else setOwn(run.summary, key, (typeof x === "number" && !Number.isFinite(x) ? null : x) as SummaryValue);
      } else out.skip(run.slug, `metric ${key}`, "a list is not a summary value");
    }
  };
  visit(v, "");
}

/** A dvclive folder's metrics.json sits next to its plots/ folder. */
function own(path: string): boolean {
  return baseName(path) === "metrics.json" && /(^|\/)(dvclive|live)$/.test(dirName(path));
}

function readSeries(scope: RunScope, f: ImportFile): Series[] {
  const fd = scope.file(f.path, textOf(f) ?? "");
  const table = readTable(fd, "\t");
  if (!table) return [];
  const stepIndex = table.header.indexOf("step");
  const timeIndex = table.header.indexOf("timestamp");
  const metricCols = table.header.map((name, index) => ({ name, index })).filter((c) => c.index !== stepIndex && c.index !== timeIndex && c.name !== "");
  const series = metricCols.map((c) => ({ metric: c.name, points: [] as Series["points"] }));
  table.rows.forEach((row, i) => {
    if (row.cells.length > table.header.length) {
      fd.at(row.offsets[table.header.length]!, "error", importMessages.tooManyCells(row.cells.length, table.header.length));
      return;
    }
    let step = i;
    if (stepIndex >= 0) {
      const v = cellValue(row.cells[stepIndex] ?? "");
      if (typeof v !== "number" || !Number.isFinite(v)) {
        fd.at(row.offsets[stepIndex] ?? row.offset, "error", importMessages.notNumber("step", row.cells[stepIndex] ?? ""));
        return;
      }
      step = v;
    }
    let time: number | null = null;
    if (timeIndex >= 0) {
      const t = cellValue(row.cells[timeIndex] ?? "");
      if (typeof t === "number" && Number.isFinite(t)) time = t / 1000;
    }
    metricCols.forEach((c, j) => {
      const cell = row.cells[c.index] ?? "";
      const v = cellValue(cell);
      if (v === undefined) fd.at(row.offsets[c.index]!, "error", importMessages.notNumber(c.name, cell));
      else if (v !== null) series[j]!.points.push({ step, time, value: v });
    });
  });
  return series;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export const dvcImporter: FormatImporter = {
  id: "dvc",
  detect: detectDvc,
  wants,
  import: importDvc,
};
