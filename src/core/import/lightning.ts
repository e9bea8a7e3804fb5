/**
 * PyTorch Lightning `CSVLogger` output: `<name>/version_<n>/metrics.csv` and `hparams.yaml`. Each
 * version folder is one run (slug `version_<n>`, group = the logger name, i.e. the parent folder).
 * Rows are kept as written: Lightning logs train and validation metrics in separate, sparse rows,
 * and both column orders (`epoch,step` and the older `step,epoch`) occur. `epoch` is a metric.
 * `hparams.yaml` becomes the config; Python tags in it (`!!python/tuple`, …) are read as data.
 */
import { compareText } from "../format/compareText.ts";
import { ImportCollector } from "./ImportCollector.ts";
import type { ImportResult } from "./importedRun.ts";
import { baseName, dirName, isUnder, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { newRun } from "./newRun.ts";
import { cellValue, readTable, readYaml, tableRows } from "./readFiles.ts";
import { slugify } from "./slugify.ts";
import { parseCsv } from "../runs/parseCsv.ts";

/**
 * True when `path` is a CSVLogger `metrics.csv`: in a `version_<n>` folder, beside an
 * `hparams.yaml`, or (read by its first line) with a `step` column. The last two find the logs
 * of `CSVLogger(version="my-run")` and of `name=""`, whose folders have other names.
 */
export function isLightningMetrics(path: string, paths: readonly string[], head?: (path: string) => string | undefined): boolean {
  if (baseName(path) !== "metrics.csv") return false;
  const dir = dirName(path);
  if (/(^|\/)version_[^/]+$/.test(dir)) return true;
  if (paths.includes(dir === "" ? "hparams.yaml" : `${dir}/hparams.yaml`)) return true;
  const first = head?.(path);
  return first !== undefined && parseCsv(first.replace(/^\uFEFF/, "")).records[0]?.cells.some((c) => c.text.trim() === "step") === true;
}

export function detectLightning(paths: readonly string[], head?: (path: string) => string | undefined): boolean {
  return paths.some((p) => isLightningMetrics(p, paths, head));
}

function wants(path: string): boolean {
  const base = baseName(path);
  return base === "metrics.csv" || base === "hparams.yaml";
}

export function importLightning(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const runDirs = [...new Set(files.filter((f) => baseName(f.path) === "metrics.csv").map((f) => dirName(f.path)))].sort(compareText);
  if (runDirs.length === 0) {
    out.report(".", "error", importMessages.noRuns("Lightning", "no metrics.csv found"));
    return out.result();
  }
  const plan = runDirs.map((dir) => {
    const parent = dirName(dir);
    return {
      dir,
      slug: slugify(dir === "" ? (options.rootName ?? options.project) : baseName(dir)),
      group: dir === "" ? null : parent === "" ? (options.rootName ?? null) : baseName(parent),
    };
  });
  // Two loggers can both have a version_0: then the logger name goes in front.
  const counts = new Map<string, number>();
  for (const p of plan) counts.set(p.slug, (counts.get(p.slug) ?? 0) + 1);
  for (const p of plan) if (counts.get(p.slug)! > 1) p.slug = slugify(`${p.dir.replaceAll("/", "-")}`);

  for (const { dir, slug, group } of plan) {
    const inDir = files.filter((f) => dirName(f.path) === dir);
    const metricsFile = inDir.find((f) => baseName(f.path) === "metrics.csv")!;
    const hparamsFile = inDir.find((f) => baseName(f.path) === "hparams.yaml");
    const scope = out.scope();
    const run = newRun(slug, options.project, [metricsFile.path, ...(hparamsFile ? [hparamsFile.path] : [])]);
    run.group = group;
    const text = textOf(metricsFile) ?? "";
    const fd = scope.file(metricsFile.path, text);
    // A run that died before its first flush leaves metrics.csv empty; its hparams are still worth having.
    const empty = text.trim() === "";
    if (empty) fd.whole("warning", importMessages.emptyFile("metrics.csv", "the run is written without a history"));
    const table = empty ? undefined : readTable(fd);
    if (table) {
      if (!table.header.includes("step")) fd.whole("error", importMessages.missingColumn("step", table.header));
      else {
        run.history = tableRows(fd, table, "step");
        warnIfResumed(fd, table);
      }
    }
    if (hparamsFile) {
      const hp = readYaml(scope.file(hparamsFile.path, textOf(hparamsFile) ?? ""));
      if (hp !== null && typeof hp === "object" && !Array.isArray(hp)) run.config = hp as Record<string, unknown>;
      else if (hp !== undefined && hp !== null) scope.whole(hparamsFile.path, "error", importMessages.unexpectedShape("hparams.yaml", "a mapping", Array.isArray(hp) ? "a list" : typeof hp));
    }
    // Everything else in the version folder (checkpoints, event files) is not run data.
    for (const f of files) {
      if (!isUnder(f.path, dir) || f === metricsFile || f === hparamsFile) continue;
      if (runDirs.some((d) => d !== dir && d.startsWith(`${dir === "" ? "" : `${dir}/`}`) && isUnder(f.path, d))) continue;
      if (/\.ckpt$/i.test(f.path)) out.skip(slug, "checkpoint", "model weights are not run records", 1);
      else if (/(^|\/)events\.out\.tfevents\./.test(f.path)) out.skip(slug, "TensorBoard event file", "import it with --format tensorboard", 1);
      else out.skip(slug, "other file", "not part of Lightning's CSVLogger output", 1);
    }
    out.finish(scope, run);
  }
  return out.result();
}

/** Lightning resumes with the epoch of the checkpoint but a step counter from zero. */
function warnIfResumed(fd: import("../runs/FileDiagnostics.ts").FileDiagnostics, table: NonNullable<ReturnType<typeof readTable>>): void {
  const ei = table.header.indexOf("epoch");
  const si = table.header.indexOf("step");
  const first = table.rows[0];
  if (ei < 0 || !first) return;
  const epoch = cellValue(first.cells[ei] ?? "");
  const step = cellValue(first.cells[si] ?? "");
  if (typeof epoch === "number" && typeof step === "number" && epoch > 0 && step < epoch) {
    fd.at(first.offset, "warning", importMessages.resumed(epoch, step));
  }
}

export const lightningImporter: FormatImporter = {
  id: "lightning",
  detect: detectLightning,
  wants,
  import: importLightning,
};
