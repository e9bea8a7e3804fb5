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
 * Plot data becomes `plots/<name>.json` (confusion pairs, ROC and PR points; see dvcPlots.ts), and
 * images under a declared plot path or `<live>/plots/images/` become media; other plot data is
 * counted as skipped.
 *
 * A dvclive output folder (`dvclive/`, or any folder with `plots/metrics/`, `scalars/` or
 * `metrics.json` beside `plots/`) belongs to the experiment around it: its `params.yaml` (what
 * `Live.log_params` wrote; keys such as `params.yaml:env` name the DVC params file they came from)
 * merges into that run's config with the file prefix dropped and each key once, and its own
 * `dvc.yaml` is not a project of its own.
 */
import { compareText } from "../format/compareText.ts";
import type { SummaryValue } from "../run.ts";
import { ImportCollector, type RunScope } from "./ImportCollector.ts";
import type { ImportedRun, ImportResult } from "./importedRun.ts";
import { baseName, dirName, isUnder, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { mergeSeries, type Series } from "./mergeSeries.ts";
import { newRun } from "./newRun.ts";
import { cellValue, readJson, readTable, readYaml } from "./readFiles.ts";
import { slugify, uniqueSlug } from "./slugify.ts";
import { setOwn } from "../ownRecord.ts";
import { FileDiagnostics } from "../runs/FileDiagnostics.ts";
import { plotName, plotSpecs, readDvcPlot, type PlotSpec } from "./dvcPlots.ts";
import { mediaExtension, RunFilesBuilder } from "./runFiles.ts";

const DEFAULT_METRICS = ["metrics.json", "scores.json", "dvclive.json", "metrics.yaml"];

function isSeriesFile(path: string): boolean {
  return /\.tsv$/i.test(path) && (/(^|\/)plots\/metrics\//.test(path) || /(^|\/)scalars\/[^/]+\.tsv$/i.test(path) || /(^|\/)dvclive\/[^/]+\.tsv$/i.test(path));
}

export function detectDvc(paths: readonly string[]): boolean {
  return paths.some((p) => ["dvc.yaml", "dvc.lock", "dvclive.json"].includes(baseName(p)) || isSeriesFile(p) || /(^|\/)dvclive\/metrics\.json$/.test(p));
}

function wants(path: string): boolean {
  const base = baseName(path);
  return base === "dvc.yaml" || base === "params.yaml" || DEFAULT_METRICS.includes(base) || isSeriesFile(path) || /\.(json|ya?ml)$/i.test(path) || isPlotTable(path);
}

/** CSV/TSV files that may hold plot data: under a `plots/` folder or named like a confusion matrix or curve (data sets are not read). */
function isPlotTable(path: string): boolean {
  return /\.(csv|tsv)$/i.test(path) && (/(^|\/)plots\//.test(path) || /(^|[/_-])(confusion|cm|roc|prc|pr|precision_recall)[^/]*\.(csv|tsv)$/i.test(path));
}

/** dvclive output folders in the listing (`""` when the import root is one). */
export function liveDirs(paths: readonly string[]): Set<string> {
  const dirs = new Set<string>();
  const withPlots = new Set<string>();
  for (const p of paths) {
    const m = /^(?:(.*)\/)?(?:plots\/metrics|scalars)\/.+\.tsv$/i.exec(p);
    if (m) dirs.add(m[1] ?? "");
    const plots = /^(?:(.*)\/)?plots\//.exec(p);
    if (plots) withPlots.add(plots[1] ?? "");
    const segs = dirName(p).split("/");
    const at = segs.lastIndexOf("dvclive");
    if (at >= 0) dirs.add(segs.slice(0, at + 1).join("/"));
  }
  for (const p of paths) if (baseName(p) === "metrics.json" && withPlots.has(dirName(p))) dirs.add(dirName(p));
  return dirs;
}

export function importDvc(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const live = liveDirs(files.map((f) => f.path));
  const inLive = (dir: string): boolean => [...live].some((l) => dir === l || isUnder(dir, l) && l !== "");
  const roots = [...new Set(files.filter((f) => ["dvc.yaml", "params.yaml"].includes(baseName(f.path))).map((f) => dirName(f.path)).filter((d) => !inLive(d)))].sort(compareText);
  if (roots.length === 0) roots.push("");
  const rootOf = (path: string): string | undefined => roots.filter((r) => isUnder(path, r)).sort((a, b) => b.length - a.length)[0];
  const taken = new Set<string>();
  // Projects in folders of one name (a/exp/, b/exp/) are named by their path.
  const baseCount = new Map<string, number>();
  for (const root of roots) baseCount.set(baseName(root), (baseCount.get(baseName(root)) ?? 0) + 1);
  for (const root of roots) {
    const own = files.filter((f) => rootOf(f.path) === root);
    const at = (rel: string): ImportFile | undefined => own.find((f) => f.path === (root === "" ? rel : `${root}/${rel}`));
    const name = root === "" ? (options.rootName ?? options.project) : baseCount.get(baseName(root))! > 1 ? root : baseName(root);
    const scope = out.scope();
    const run = newRun(uniqueSlug(slugify(name.replaceAll("/", "-")), taken), options.project, []);
    run.name = name;
    const used = new Set<ImportFile>();

    const params = at("params.yaml");
    const liveParams = own.filter((f) => baseName(f.path) === "params.yaml" && f !== params && inLive(dirName(f.path))).sort((a, b) => compareText(a.path, b.path));
    for (const f of [params, ...liveParams]) {
      if (!f) continue;
      used.add(f);
      run.sources.push(f.path);
      const fd = scope.file(f.path, textOf(f) ?? "");
      const v = readYaml(fd);
      if (isObject(v)) {
        if (f === params && !live.has(root)) run.config = v;
        else mergeLiveParams(run, v, f.path, out);
      } else if (v !== undefined && v !== null) fd.at(0, "error", importMessages.unexpectedShape(baseName(f.path), "a mapping", Array.isArray(v) ? "a list" : typeof v));
    }
    const declared = { metrics: [] as string[], plots: [] as string[], specs: new Map<string, PlotSpec>() };
    const dvcYaml = at("dvc.yaml");
    if (dvcYaml) {
      used.add(dvcYaml);
      const v = readYaml(scope.file(dvcYaml.path, textOf(dvcYaml) ?? ""));
      if (isObject(v)) {
        collectDeclared(v, declared);
        declared.specs = plotSpecs(v);
      }
    }
    const metricsFiles = declared.metrics.length > 0
      ? declared.metrics.flatMap((p) => own.filter((f) => f.path === joinPath(root, p) || (isUnder(f.path, joinPath(root, p)) && /\.(json|ya?ml)$/i.test(f.path))))
      : own.filter((f) => DEFAULT_METRICS.includes(baseName(f.path)) && (dirName(f.path) === root || live.has(dirName(f.path)) || own.some((g) => isSeriesFile(g.path) && isUnder(g.path, dirName(f.path)))));
    for (const f of own) {
      if (baseName(f.path) !== "dvc.yaml" || f === dvcYaml || !inLive(dirName(f.path))) continue;
      used.add(f);
      out.skip(run.slug, `dvclive's ${f.path}`, "dvclive's own pipeline file: its metrics, plots and params are read directly");
    }
    for (const f of metricsFiles) {
      used.add(f);
      run.sources.push(f.path);
      readMetrics(scope, f, run, out, live.has(dirName(f.path)));
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

    const plotFiles: string[] = [];
    const liveOther: string[] = [];
    const rel = (p: string): string => (root === "" ? p : p.slice(root.length + 1));
    const extra = new RunFilesBuilder();
    const lastStep = run.history?.rows.at(-1)?.step ?? 0;
    for (const f of own) {
      if (used.has(f)) continue;
      const base = baseName(f.path);
      if (base === "dvc.lock") out.skip(run.slug, "dvc.lock", "pipeline lock file (hashes of inputs and outputs)");
      else if (/\.(json|csv|tsv)$/i.test(base)) {
        if (!takePlot(f, rel(f.path), declared.specs.get(rel(f.path)), extra, out)) plotFiles.push(rel(f.path));
      } else if (mediaExtension(f.path) && (declared.plots.some((p) => rel(f.path) === clean(p) || isUnder(rel(f.path), clean(p))) || /(^|\/)plots\/images\//.test(f.path))) {
        const image = dvcImage(rel(f.path), lastStep);
        if (f.bytes) extra.addMedia(image.key, image.step, mediaExtension(f.path)!, f.bytes);
        else out.skip(run.slug, `plot image ${rel(f.path)}`, "not read: images are copied from plots/, dvclive/, eval/, evaluation/, reports/, results/ and images/ folders");
      } else if (inLive(dirName(f.path))) liveOther.push(rel(f.path));
    }
    if (!extra.isEmpty()) run.files = extra.files();
    if (plotFiles.length > 0) out.skip(run.slug, `plot data file${plotFiles.length > 1 ? "s" : ""} (${plotFiles.join(", ")})`, "not a confusion matrix (actual/predicted pairs), ROC (fpr/tpr) or PR (precision/recall) points", plotFiles.length);
    if (liveOther.length > 0) out.skip(run.slug, `dvclive output file${liveOther.length > 1 ? "s" : ""} (${liveOther.join(", ")})`, "reports and artifacts dvclive wrote are not run records", liveOther.length);
    if (Object.keys(run.config).length === 0 && Object.keys(run.summary).length === 0 && (run.history === null || run.history.rows.length === 0) && !scope.failed) {
      // Nothing of an experiment here: a run with no config, summary or history would be silent noise.
      scope.close();
      out.skip(root === "" ? "." : root, "folder", "no params.yaml values, metrics or dvclive step series: no run to import");
      continue;
    }
    out.finish(scope, run);
  }
  return out.result();
}

/** Reads a plot data file into `plots/<name>.json`; false when it is not a plot form (its problems are warnings: the run keeps the rest). */
function takePlot(f: ImportFile, rel: string, spec: PlotSpec | undefined, extra: RunFilesBuilder, out: ImportCollector): boolean {
  const fd = new FileDiagnostics(f.path, textOf(f) ?? "");
  const plot = readDvcPlot(fd, f.path, spec);
  out.diagnostics.push(...fd.done().map((d) => ({ ...d, severity: "warning" as const })));
  return plot !== null && extra.addPlot(plotName(rel), plot);
}

/** An image's media key and step: a number as the file name or first folder under `images/` is the step (`images/3/pred.png`, `images/pred/3.png`). */
function dvcImage(rel: string, lastStep: number): { key: string; step: number } {
  const m = /(?:^|\/)plots\/images\/(.+)$/.exec(rel);
  const under = (m ? m[1]! : rel).replace(/\.[^./]+$/, "");
  const segs = under.split("/");
  if (segs.length > 1 && /^\d+$/.test(segs.at(-1)!)) return { key: segs.slice(0, -1).join("/"), step: Number(segs.at(-1)) };
  if (segs.length > 1 && /^\d+$/.test(segs[0]!)) return { key: segs.slice(1).join("/"), step: Number(segs[0]) };
  return { key: under, step: lastStep };
}

function clean(p: string): string {
  return p.replace(/^\.\//, "").replace(/\/$/, "");
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

function readMetrics(scope: RunScope, f: ImportFile, run: ImportedRun, out: ImportCollector, inLiveDir: boolean): void {
  const fd = scope.file(f.path, textOf(f) ?? "");
  if (fd.text.trim() === "") {
    // dvclive rewrites its metrics file at every step: a run stopped mid-write leaves it empty.
    fd.whole("warning", importMessages.emptyFile(baseName(f.path), "the run is written without its values"));
    return;
  }
  const v = /\.ya?ml$/i.test(f.path) ? readYaml(fd) : readJson(fd);
  if (v === undefined) return;
  if (!isObject(v)) {
    fd.whole("error", importMessages.unexpectedShape(baseName(f.path), "an object", Array.isArray(v) ? "a list" : typeof v));
    return;
  }
  const isDvclive = baseName(f.path) === "dvclive.json" || inLiveDir;
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

/**
 * dvclive's logged params: `params.yaml:env` (a key of the DVC params file `params.yaml`) becomes
 * `env`, a `params.yaml: {…}` mapping its keys. A key the project's params.yaml already has with the
 * same value is that value, once; a different value is kept out, with the reason.
 */
function mergeLiveParams(run: ImportedRun, params: Record<string, unknown>, file: string, out: ImportCollector): void {
  const entries: [string, unknown][] = [];
  for (const [k, v] of Object.entries(params)) {
    const m = /^(.+\.(?:ya?ml|json|toml|py)):(.+)$/.exec(k);
    if (m) entries.push([m[2]!, v]);
    else if (/\.(ya?ml|json|toml|py)$/.test(k) && isObject(v)) entries.push(...Object.entries(v));
    else entries.push([k, v]);
  }
  for (const [key, v] of entries) {
    const existing = key in run.config ? run.config[key] : getDotted(run.config, key);
    if (existing === undefined) {
      run.config[key] = v;
      continue;
    }
    if (JSON.stringify(existing) !== JSON.stringify(v)) out.skip(run.slug, `param ${key} (${file})`, `differs from the project's params.yaml (${JSON.stringify(existing)}), which is kept`);
  }
}

function getDotted(obj: Record<string, unknown>, key: string): unknown {
  let at: unknown = obj;
  for (const seg of key.split(".")) {
    if (!isObject(at) || !(seg in at)) return undefined;
    at = at[seg];
  }
  return at;
}

function readSeries(scope: RunScope, f: ImportFile): Series[] {
  const fd = scope.file(f.path, textOf(f) ?? "");
  if (fd.text.trim() === "") {
    fd.whole("warning", importMessages.emptyFile(baseName(f.path), "the run is written without that series"));
    return [];
  }
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

/**
 * Images in the folders plots and evaluation output live in (`plots/`, `dvclive/`, `eval/`, …) are
 * copied; a project's data sets (thousands of images under `data/`) are not read.
 */
function wantsBytes(path: string): boolean {
  return mediaExtension(path) !== null && dirName(path).split("/").some((seg) => PLOT_FOLDERS.has(seg));
}

const PLOT_FOLDERS = new Set(["plots", "dvclive", "eval", "evaluation", "reports", "results", "images"]);

export const dvcImporter: FormatImporter = {
  id: "dvc",
  detect: detectDvc,
  wants,
  wantsBytes,
  import: importDvc,
};
