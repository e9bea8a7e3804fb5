/**
 * Import orchestration, pure: listing → formats (given, or detected) → each format's importer over
 * its share of the files → one `ImportResult`. Phases: plan (`planImport`, from paths alone, so
 * the caller reads only the files that are needed) → import (`importRuns`) → make slugs unique.
 */
import { detectFormat, FORMATS, isFormatId, type DetectedFormat, type FormatId } from "./detectFormat.ts";
import { dvcImporter } from "./dvc.ts";
import { hfImporter } from "./hf.ts";
import { ImportCollector, renameReserved } from "./ImportCollector.ts";
import type { ImportResult } from "./importedRun.ts";
import { textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { kerasImporter } from "./keras.ts";
import { lightningImporter } from "./lightning.ts";
import { logImporter } from "./log.ts";
import { mlflowImporter } from "./mlflow.ts";
import { leaveOutRefusedFields } from "./refusedFields.ts";
import { wandbCsvImporter } from "./wandbCsv.ts";

export type ImportFn = (files: ImportFile[], options: ImportOptions) => ImportResult;

/** The text formats implemented here; `wandb` and `tensorboard` are plugged in by the caller. */
export const BUILTIN_IMPORTERS: Partial<Record<FormatId, FormatImporter>> = {
  "wandb-csv": wandbCsvImporter,
  mlflow: mlflowImporter,
  hf: hfImporter,
  lightning: lightningImporter,
  keras: kerasImporter,
  dvc: dvcImporter,
  log: logImporter,
};

/** Formats whose importers read bytes (binary files) rather than text. */
export const BINARY_FORMATS: readonly FormatId[] = ["wandb", "tensorboard"];

export interface ImportPlan {
  steps: DetectedFormat[];
  /** Problems with the request itself (unknown format, nothing recognised). */
  result: ImportResult | null;
}

/**
 * Which format reads which paths. `format` is a format id or `auto` (__Default value:__ `auto`);
 * `head(path)` gives a file's first line for header-based detection.
 */
export function planImport(paths: readonly string[], format = "auto", head?: (path: string) => string | undefined): ImportPlan {
  if (format !== "auto") {
    if (!isFormatId(format)) return { steps: [], result: failure(importMessages.unknownFormat(format, ["auto", ...FORMATS])) };
    return { steps: [{ format, paths: [...paths] }], result: null };
  }
  const steps = detectFormat(paths, head);
  if (steps.length === 0) return { steps, result: failure(importMessages.notDetected(FORMATS)) };
  return { steps, result: null };
}

/** True when the importer for `format` reads `path` (text formats say so; binary formats read all). */
export function readsFile(format: FormatId, path: string, head?: (path: string) => string | undefined): boolean {
  const importer = BUILTIN_IMPORTERS[format];
  return importer ? importer.wants(path, head) : true;
}

/** True when the importer for `format` copies `path`'s bytes (binary formats read every file as bytes). */
export function readsBytes(format: FormatId, path: string): boolean {
  const importer = BUILTIN_IMPORTERS[format];
  return importer ? (importer.wantsBytes?.(path) ?? false) : true;
}

/** What each format looks for, for the message when it finds nothing. */
const LOOKS_FOR: Record<FormatId, string> = {
  wandb: "W&B run folders (run-*.wandb, wandb-summary.json, wandb-history.jsonl)",
  "wandb-csv": "W&B CSV exports (a chart export `<x>,<run> - <metric>,…` or a runs table with Name and Created/State/ID/… columns)",
  mlflow: "an MLflow store (<experiment>/<run>/meta.yaml)",
  hf: "Hugging Face Trainer output (trainer_state.json, *_results.json)",
  lightning: "Lightning CSVLogger folders (version_<n>/metrics.csv)",
  keras: "Keras CSVLogger logs (any file whose first line is `epoch,<metric>,…`)",
  tensorboard: "TensorBoard event files with scalars or hyperparameters (events.out.tfevents.*)",
  dvc: "a DVC project or dvclive output (params.yaml, dvc.yaml, metrics.json, plots/metrics/*.tsv)",
  log: "lines matching --pattern",
};

export interface ImportRunsOptions extends ImportOptions {
  /** __Default value:__ `auto`. */
  format?: string;
  /** Importers for formats not built in (`wandb`, `tensorboard`), by format id. */
  importers?: Partial<Record<FormatId, ImportFn>>;
  /** First line of a file, for detection; the default reads it from the listed text. */
  head?: (path: string) => string | undefined;
  /** A plan from `planImport`; computed from the files when absent. */
  plan?: DetectedFormat[];
}

export function importRuns(files: readonly ImportFile[], options: ImportRunsOptions): ImportResult {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const heads = new Map<string, string | undefined>();
  const head = options.head ?? ((p: string) => {
    if (!heads.has(p)) {
      const f = byPath.get(p);
      const start = f?.text ?? (f?.bytes ? textOf({ path: p, bytes: f.bytes.subarray(0, 4096) }) : undefined);
      heads.set(p, start === undefined ? undefined : textOf({ path: p, text: start })!.split(/\r?\n/, 1)[0]);
    }
    return heads.get(p);
  });
  let steps = options.plan;
  if (!steps) {
    const plan = planImport(files.map((f) => f.path), options.format ?? "auto", head);
    if (plan.result) return plan.result;
    steps = plan.steps;
  }
  const merged: ImportResult = { runs: [], skipped: [], diagnostics: [] };
  const base: ImportOptions = { project: options.project };
  if (options.rootName !== undefined) base.rootName = options.rootName;
  if (options.pattern !== undefined) base.pattern = options.pattern;
  if (options.configColumns !== undefined) base.configColumns = options.configColumns;
  if (options.summaryColumns !== undefined) base.summaryColumns = options.summaryColumns;
  const empty: { format: FormatId; files: number; skipped: number }[] = [];
  for (const step of steps) {
    const mine = step.paths.map((p) => byPath.get(p) ?? { path: p });
    const run = BUILTIN_IMPORTERS[step.format]?.import ?? options.importers?.[step.format];
    if (!run) {
      merged.diagnostics.push({ file: ".", line: 1, column: 1, severity: "error", ...importMessages.formatUnavailable(step.format) });
      continue;
    }
    const result = run(mine, base);
    // Plugged-in importers (wandb, tensorboard) do not go through ImportCollector; a second pass is a no-op.
    for (const r of result.runs) if (r.history) renameReserved(r, result.diagnostics);
    merged.runs.push(...result.runs);
    merged.skipped.push(...result.skipped);
    merged.diagnostics.push(...result.diagnostics);
    if (result.notes) (merged.notes ??= []).push(...result.notes);
    if (result.runs.length === 0 && !result.diagnostics.some((d) => d.severity === "error")) empty.push({ format: step.format, files: mine.length, skipped: result.skipped.reduce((n, s) => n + s.count, 0) });
  }
  // Nothing written and nothing wrong would be a silent failure: say what was looked for, where.
  if (merged.runs.length === 0) {
    for (const e of empty) {
      const looked = `looked for ${LOOKS_FOR[e.format]} in ${e.files} file(s)${e.skipped > 0 ? `; ${e.skipped} item(s) skipped, each listed with its reason` : ""}`;
      merged.diagnostics.push({ file: ".", line: 1, column: 1, severity: "error", ...importMessages.noRuns(e.format, looked) });
    }
  }
  // Two formats (or two folders) may name a run alike: later ones get -2, -3, ….
  const taken = new Set<string>();
  for (const run of merged.runs) {
    let slug = run.slug;
    for (let i = 2; taken.has(slug); i++) slug = `${run.slug}-${i}`;
    if (slug !== run.slug) {
      merged.diagnostics.push({ file: run.sources[0] ?? ".", line: 1, column: 1, severity: "warning", ...importMessages.duplicateSlug(run.slug), hint: `written as "${slug}"` });
      run.slug = slug;
    }
    taken.add(slug);
  }
  merged.runs = leaveOutRefusedFields(merged.runs, merged.diagnostics);
  return merged;
}

function failure(msg: ReturnType<typeof importMessages.noRuns>): ImportResult {
  const c = new ImportCollector();
  c.report(".", "error", msg);
  return c.result();
}
