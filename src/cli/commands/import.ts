/**
 * `runfolio import <path>`: the disk side of importing. Phases: list the files under <path> →
 * plan (formats from paths and CSV headers) → read only the files the chosen importers need →
 * import (pure, in core) → write each run folder atomically → print a per-run summary, every
 * skipped item and every diagnostic. Exit code 1 when there is an error, 2 for bad usage.
 */
import { compareText } from "../../core/format/compareText.ts";
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { compareDiagnostics, formatDiagnostic, hasErrors, type Diagnostic } from "../../core/diagnostics.ts";
import { readFileBounded } from "../../core/files/boundedFiles.ts";
import { FORMATS, type FormatId } from "../../core/import/detectFormat.ts";
import type { ImportedRun, ImportResult } from "../../core/import/importedRun.ts";
import { decodeText, type ImportFile } from "../../core/import/importFile.ts";
import { BINARY_FORMATS, importRuns, planImport, readsBytes, readsFile, type ImportFn } from "../../core/import/importRuns.ts";
import { PATTERN_FILE } from "../../core/import/log.ts";
import { slugify } from "../../core/import/slugify.ts";
import { HISTORY_FORMS, historyFile, type HistoryForm } from "../../core/import/historyForms.ts";
import { mediaExtension } from "../../core/import/runFiles.ts";
import { writeRunFolder } from "../../core/import/writeRunFolder.ts";
import type { CommandIo } from "./check.ts";

const USAGE = `usage: runfolio import <path> [--format auto|${FORMATS.join("|")}] [--project P] [--out runs/] [--pattern RE]
                       [--config-columns A,B,…] [--summary-columns X,Y,…] [--history csv|csv.gz|parquet]

Reads runs written by other tools under <path> (a folder or one file) and writes each as
runs/<project>/<run>/run.json + history.csv. Re-importing the same input gives the same bytes.

  --format F    the source format (default: auto, detected from the files)
  --project P   the project the runs go into (default: the name of <path>)
  --out DIR     the runs folder to write into (default: runs/)
  --pattern RE  for --format log: a regular expression (RE2 syntax: no backreferences or
                lookaround, matched in linear time) with named groups; (?<step>…) is the
                step, every other group a metric (__ in a group name stands for /)
  --config-columns A,B      W&B runs-table export: read these columns as config
  --summary-columns X,Y     W&B runs-table export: read these columns as summary
                (W&B does not mark which is which; the split chosen is printed under notes:)
  --history F   how histories are written: csv (history.csv, the default), csv.gz
                (history.csv.gz) or parquet (history.parquet); each loads the same
`;

interface Args {
  input: string;
  format: string;
  project: string | undefined;
  out: string;
  pattern: string | undefined;
  configColumns: string[] | undefined;
  summaryColumns: string[] | undefined;
  history: HistoryForm;
}

/** `a,b , c` → `["a", "b", "c"]`; repeated flags add up. */
function columnList(previous: string[] | undefined, value: string): string[] {
  return [...(previous ?? []), ...value.split(",").map((c) => c.trim()).filter((c) => c !== "")];
}

function parseArgs(args: string[]): Args | string {
  const parsed: Args = { input: "", format: "auto", project: undefined, out: "runs", pattern: undefined, configColumns: undefined, summaryColumns: undefined, history: "csv" };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const flag = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (a.startsWith("--") && eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (flag === "--help" || flag === "-h") return USAGE;
    if (flag === "--format" || flag === "--project" || flag === "--out" || flag === "--pattern") {
      const v = value();
      if (v === undefined) return `${flag} needs a value\n\n${USAGE}`;
      parsed[flag.slice(2) as "format" | "project" | "out" | "pattern"] = v;
    } else if (flag === "--config-columns" || flag === "--summary-columns") {
      const v = value();
      if (v === undefined) return `${flag} needs a value\n\n${USAGE}`;
      if (flag === "--config-columns") parsed.configColumns = columnList(parsed.configColumns, v);
      else parsed.summaryColumns = columnList(parsed.summaryColumns, v);
    } else if (flag === "--history") {
      const v = value();
      if (!(HISTORY_FORMS as readonly (string | undefined)[]).includes(v)) return `--history needs one of ${HISTORY_FORMS.join(", ")}${v === undefined ? "" : `, found "${v}"`}\n\n${USAGE}`;
      parsed.history = v as HistoryForm;
    } else if (a.startsWith("--")) return `unknown option ${a}\n\n${USAGE}`;
    else positional.push(a);
  }
  if (positional.length !== 1) return `expected one <path>, found ${positional.length}\n\n${USAGE}`;
  parsed.input = positional[0]!;
  return parsed;
}

/** Importers for the binary formats live in their own folders, loaded only when a run needs one. */
async function loadExternalImporters(): Promise<Partial<Record<FormatId, ImportFn>>> {
  const [wandb, tensorboard] = await Promise.all([import("../../core/import/wandb/index.ts"), import("../../core/import/tensorboard/index.ts")]);
  return { wandb: wandb.importWandb as ImportFn, tensorboard: tensorboard.importTensorboard as ImportFn };
}

/** Longest first line read: a W&B chart export of a sweep has a header of three cells per run. */
const MAX_HEAD = 1 << 20;

/** The first line of a file (up to 1 MB), for telling CSV flavours apart. */
function firstLine(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const chunks: Buffer[] = [];
    let size = 0;
    while (size < MAX_HEAD) {
      const buf = Buffer.alloc(Math.min(65536, MAX_HEAD - size));
      const n = readSync(fd, buf, 0, buf.length, size);
      if (n === 0) break;
      const chunk = buf.subarray(0, n);
      chunks.push(chunk);
      size += n;
      if (chunk.includes(10) || chunk.includes(13)) break;
    }
    return decodeText(Buffer.concat(chunks)).replace(/^\uFEFF/, "").split(/\r?\n|\r/, 1)[0];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export async function importCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    (parsed === USAGE ? io.stdout : io.stderr)(parsed);
    return parsed === USAGE ? 0 : 2;
  }
  const input = path.resolve(io.cwd, parsed.input);
  if (!existsSync(input)) {
    io.stderr(`runfolio import: ${parsed.input} does not exist\n`);
    return 2;
  }
  const isFile = statSync(input).isFile();
  const root = isFile ? path.dirname(input) : input;
  const rootName = path.basename(isFile ? root : input);
  const project = slugify(parsed.project ?? rootName);
  const outDir = path.resolve(io.cwd, parsed.out);
  const shown = (p: string): string => path.relative(io.cwd, path.join(root, p)).split(path.sep).join("/") || ".";

  const paths = isFile ? [path.basename(input)] : (await fg("**/*", { cwd: root, onlyFiles: true, dot: false, followSymbolicLinks: false })).sort(compareText);
  const heads = new Map<string, string | undefined>();
  const head = (p: string): string | undefined => {
    if (!heads.has(p)) heads.set(p, firstLine(path.join(root, p)));
    return heads.get(p);
  };
  const plan = planImport(paths, parsed.format, head);
  let result: ImportResult;
  if (plan.result) result = plan.result;
  else {
    const importers = await loadExternalImporters();
    const files: ImportFile[] = [];
    const seen = new Set<string>();
    for (const step of plan.steps) {
      const binary = BINARY_FORMATS.includes(step.format);
      for (const p of step.paths) {
        if (seen.has(p)) continue;
        seen.add(p);
        // Media files an importer copies are read as bytes (never as text, which would change them).
        if (!isFile && mediaExtension(p) !== null && readsBytes(step.format, p)) files.push({ path: p, bytes: new Uint8Array((await readFileBounded(path.join(root, p))).bytes) });
        else if (!isFile && !readsFile(step.format, p, head)) files.push({ path: p });
        else if (binary) files.push({ path: p, bytes: new Uint8Array((await readFileBounded(path.join(root, p))).bytes) });
        else files.push({ path: p, text: decodeText((await readFileBounded(path.join(root, p))).bytes) });
      }
    }
    const options: Parameters<typeof importRuns>[1] = { project, rootName, plan: plan.steps, importers, head };
    if (parsed.pattern !== undefined) options.pattern = parsed.pattern;
    if (parsed.configColumns !== undefined) options.configColumns = parsed.configColumns;
    if (parsed.summaryColumns !== undefined) options.summaryColumns = parsed.summaryColumns;
    result = importRuns(files, options);
  }

  const lines: string[] = [];
  const formats = plan.steps.map((s) => s.format).join(", ");
  if (formats) lines.push(`${shown("")}: ${formats}`);
  for (const run of result.runs) {
    const status = await writeRun(outDir, run, parsed.history);
    const rel = path.relative(io.cwd, path.join(outDir, run.project, run.slug)).split(path.sep).join("/");
    lines.push(`  ${run.project}/${run.slug}: ${describeRun(run)} → ${rel}/ (${status})`);
  }
  if (result.notes && result.notes.length > 0) {
    lines.push("notes:");
    for (const n of result.notes) lines.push(`  ${shown(n.file)}: ${n.message}`);
  }
  if (result.skipped.length > 0) {
    lines.push("skipped:");
    for (const s of result.skipped) lines.push(`  ${s.run}: ${s.what}${s.count > 1 ? ` ×${s.count}` : ""}: ${s.reason}`);
  }
  io.stdout(`${lines.join("\n")}\n`);
  // A problem in --pattern is reported at its column in the pattern, not in a file.
  const where = (file: string): string => (file === PATTERN_FILE ? file : shown(file === "." ? "" : file));
  const diagnostics = result.diagnostics.map((d): Diagnostic => ({ ...d, file: where(d.file) })).sort(compareDiagnostics);
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  io.stdout(`${result.runs.length} run(s) imported into ${path.relative(io.cwd, path.join(outDir, project)) || "."}, ${result.skipped.reduce((n, s) => n + s.count, 0)} item(s) skipped, ${errors} error(s), ${diagnostics.length - errors} warning(s)\n`);
  return hasErrors(diagnostics) || result.runs.length === 0 ? 1 : 0;
}

function describeRun(run: ImportedRun): string {
  const metrics = run.history?.metrics.length ?? 0;
  const steps = run.history?.rows.length ?? 0;
  return `${metrics} metric(s), ${steps} step(s), ${countLeaves(run.config)} config key(s), ${Object.keys(run.summary).length} summary key(s)${describeFiles(run.files)}`;
}

/** `, 12 media file(s), 2 table(s), …` for what a run brings beside its history ("" for nothing). */
function describeFiles(files: ImportedRun["files"]): string {
  if (!files) return "";
  const names = Object.keys(files);
  const count = (prefix: string): number => names.filter((n) => n.startsWith(prefix)).length;
  const parts = [
    [count("media/"), "media file(s)"],
    [count("tables/"), "table(s)"],
    [count("histograms/"), "histogram key(s)"],
    [count("plots/"), "plot(s)"],
  ].filter(([n]) => (n as number) > 0).map(([n, what]) => `${n} ${what}`);
  if (files["system.jsonl"] !== undefined) parts.push(`${String(files["system.jsonl"]).split("\n").length - 1} system sample(s)`);
  return parts.map((p) => `, ${p}`).join("");
}

function countLeaves(v: unknown): number {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return 1;
  return Object.values(v).reduce<number>((n, x) => n + countLeaves(x), 0);
}

/**
 * Writes the run folder into a temporary folder next to it, then swaps it in with renames, so a
 * crash leaves the old run or the new one, never half of one. Unchanged runs are not touched.
 */
async function writeRun(outDir: string, run: ImportedRun, form: HistoryForm): Promise<"written" | "unchanged"> {
  const { "history.csv": _csv, ...folder } = writeRunFolder(run);
  const files: Record<string, string | Uint8Array> = { ...(run.files ?? {}), ...folder };
  if (run.history) {
    const history = historyFile(run.history, form);
    files[history.name] = history.bytes;
  }
  const projectDir = path.join(outDir, run.project);
  const target = path.join(projectDir, run.slug);
  if (await sameFolder(target, files)) return "unchanged";
  await mkdir(projectDir, { recursive: true });
  const tmp = path.join(projectDir, `.${run.slug}.tmp-${process.pid}`);
  const old = path.join(projectDir, `.${run.slug}.old-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  for (const [name, text] of Object.entries(files)) {
    // Names come from runFiles.ts (safe segments, no `..`); checked again before touching the disk.
    const dest = path.join(tmp, ...name.split("/"));
    if (!dest.startsWith(tmp + path.sep)) throw new Error(`refusing to write ${name} outside the run folder`);
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, text);
  }
  const hadOld = existsSync(target);
  if (hadOld) await rename(target, old);
  await rename(tmp, target);
  if (hadOld) await rm(old, { recursive: true, force: true });
  return "written";
}

async function sameFolder(dir: string, files: Record<string, string | Uint8Array>): Promise<boolean> {
  try {
    const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort(compareText);
    const wanted = Object.entries(files).sort((a, b) => compareText(a[0], b[0]));
    if (names.join("\0") !== wanted.map(([n]) => n).join("\0")) return false;
    for (const [name, content] of wanted) if (!(await readFile(path.join(dir, ...name.split("/")))).equals(typeof content === "string" ? Buffer.from(content) : content)) return false;
    return true;
  } catch {
    return false;
  }
}
