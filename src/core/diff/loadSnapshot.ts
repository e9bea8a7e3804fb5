/**
 * Node-only: the runs and reports of a data root at one revision, parsed by the same pure parsers
 * as the build. A git revision is read from git's objects (`gitRevision.ts`); the working tree
 * through the build's own loaders. Each run carries a digest of its files' bytes, so a change in
 * the middle of a history (same summary, same step count) still shows.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { compareDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { decodeUtf8, NotUtf8Error } from "../files/decodeText.ts";
import { encodingDiagnostic } from "../files/fileDiagnostics.ts";
import { decodeReport, readReportFiles, REPORTS_DIR, type ReportFile } from "../files/readReportFiles.ts";
import type { SystemSamples } from "../plots/runData.ts";
import type { History, Run } from "../run.ts";
import { emptyHistory } from "../runs/HistoryBuilder.ts";
import { classifyRunFiles, type RunSource } from "../runs/classifyRunFiles.ts";
import { collectRuns } from "../runs/collectRuns.ts";
import { prepareRunFile } from "../runs/compactHistory.ts";
import { loadAllRuns, readHistory } from "../runs/loadRuns.ts";
import { parseRunFile, parseRunFolder } from "../runs/parseRunFolder.ts";
import { parseRunsTable } from "../runs/parseRunsTable.ts";
import { runDataReader } from "../runs/loadRunData.ts";
import { parseSystemFile } from "../runs/parseSystemFile.ts";
import type { SourceText } from "../runs/runFileTypes.ts";
import { listTree, readBlobs, type DataRootInRepo } from "./gitRevision.ts";

export interface Snapshot {
  runs: Run[];
  reports: ReportFile[];
  /** Problems in the runs and reports at this revision (what `runfolio check` would list). */
  diagnostics: Diagnostic[];
  /** Run id → SHA-256 over its files' bytes; absent for runs.csv rows (their row is the run). */
  digests: Map<string, string>;
  /** A run's metric history at this revision (empty for runs.csv rows): what the diff's charts draw. */
  history: (run: Run) => Promise<History>;
  /** A run's system samples (`system.jsonl`) at this revision, or null when it has none. */
  system: (run: Run) => Promise<SystemSamples | null>;
}

/** What the build's loader reads as run data, compact histories included (`loadRuns.ts`). */
const RUN_FILE = /\.(json|jsonl|csv|csv\.gz|jsonl\.gz|parquet)$/i;

function digestOf(files: readonly Uint8Array[]): string {
  const hash = createHash("sha256");
  for (const f of files) hash.update(String(f.byteLength)).update("\0").update(f);
  return hash.digest("hex");
}

/**
 * Runs and reports from data-root-relative paths and their bytes (a git tree's blobs). Compact
 * histories go through the build's own preparation (`prepareRunFile`: gzip inflated with its
 * bound, Parquet read column by column), so a revision reads exactly as the build would read it.
 */
export async function snapshotFromFiles(files: ReadonlyMap<string, Uint8Array>): Promise<Snapshot> {
  const classified = classifyRunFiles([...files.keys()].filter((f) => f.startsWith("runs/") && RUN_FILE.test(f)));
  const diagnostics: Diagnostic[] = [...classified.diagnostics];
  const loaded: { runs: Run[] }[] = [];
  const digests = new Map<string, string>();
  const histories = new Map<string, History>();
  for (const source of classified.sources) {
    const result = await parseSource(source, (f) => files.get(f)!);
    diagnostics.push(...result.diagnostics);
    loaded.push(result);
    if (result.history && result.runs[0]) histories.set(result.runs[0].id, result.history);
    if (source.format !== "runs-csv") for (const run of result.runs) digests.set(run.id, digestOf(source.files.map((f) => files.get(f)!)));
  }
  const merged = collectRuns(loaded);
  diagnostics.push(...merged.diagnostics);
  const reports: ReportFile[] = [];
  for (const [file, bytes] of files) {
    const parts = file.split("/");
    if (parts[0] !== REPORTS_DIR || parts.length !== 2 || !file.endsWith(".md")) continue;
    const read = decodeReport(file, bytes);
    if ("text" in read) reports.push(read);
    else diagnostics.push(read.diagnostic);
  }
  reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    runs: merged.runs,
    reports,
    diagnostics: diagnostics.sort(compareDiagnostics),
    digests,
    history: (run) => Promise.resolve(histories.get(run.id) ?? emptyHistory()),
    system: (run) => Promise.resolve(systemFromFiles(files, run)),
  };
}

/** A run's system samples from the revision's blobs, parsed as the build parses them (null when the file has an error). */
function systemFromFiles(files: ReadonlyMap<string, Uint8Array>, run: Run): SystemSamples | null {
  const bytes = run.system ? files.get(run.system.file) : undefined;
  if (!bytes) return null;
  try {
    return parseSystemFile({ path: run.system!.file, text: decodeUtf8(bytes) }).samples;
  } catch {
    return null;
  }
}

/** A blob as the parsers read it; its text decoded on first use, so a Parquet file's bytes never are. */
function sourceOf(file: string, bytes: Uint8Array): SourceText {
  let text: string | undefined;
  return {
    path: file,
    get text() {
      try {
        return (text ??= decodeUtf8(bytes));
      } catch (e) {
        throw e instanceof NotUtf8Error ? new NotUtf8Error(e.problem, file) : e;
      }
    },
  };
}

const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

async function parseSource(source: RunSource, bytesOf: (file: string) => Uint8Array): Promise<{ runs: Run[]; diagnostics: Diagnostic[]; history?: History | null }> {
  try {
    const texts = await Promise.all(source.files.map((f) => prepareRunFile(f, asBuffer(bytesOf(f)), sourceOf)));
    if (source.format === "runs-csv") return parseRunsTable(texts[0]!, source.prefix);
    const parsed = source.format === "json" ? parseRunFile(source.id, texts[0]!) : parseRunFolder(source.id, texts, { mediaBytes: false });
    return { runs: parsed.run ? [parsed.run] : [], diagnostics: parsed.diagnostics, history: parsed.history };
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    return { runs: [], diagnostics: [encodingDiagnostic(e.file ?? source.files[0]!, e.problem)] };
  }
}

/** The data root's runs/ and reports/ at a commit, read from git's objects. */
export async function snapshotAtCommit(where: DataRootInRepo, commit: string): Promise<Snapshot> {
  const folders = ["runs", REPORTS_DIR].map((d) => `${where.prefix}${d}`);
  // Symbolic links (mode 120000) hold a target path, not data: the build does not follow links out either.
  const entries = (await listTree(where.top, commit, folders)).filter((e) => e.mode !== "120000" && e.mode !== "160000");
  const blobs = await readBlobs(where.top, entries.map((e) => e.oid));
  const files = new Map<string, Uint8Array>();
  entries.forEach((e, i) => files.set(e.path.slice(where.prefix.length), blobs[i]!));
  return snapshotFromFiles(files);
}

/** The data root as it is on disk, read by the build's loaders. */
export async function snapshotOfWorkingTree(root: string): Promise<Snapshot> {
  const [{ runs, diagnostics }, reports] = await Promise.all([loadAllRuns(root), readReportFiles(root)]);
  const digests = new Map<string, string>();
  for (const run of runs) {
    if (run.source.format === "runs-csv") continue;
    digests.set(run.id, digestOf(await Promise.all(run.source.files.map((f) => readFile(path.join(root, f))))));
  }
  const data = runDataReader(root);
  return { runs, reports: reports.reports, diagnostics: [...diagnostics, ...reports.diagnostics].sort(compareDiagnostics), digests, history: (run) => readHistory(root, run), system: (run) => data.system(run) };
}
