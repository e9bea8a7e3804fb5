/**
 * Node-side run loading: find the files under `<rootDir>/runs/`, read them, hand the text to the
 * pure parsers, and cache results by the SHA-256 of the bytes so unchanged files are not parsed
 * again (in the dev server, in repeated builds in one process, and between the content loader and
 * pages that read histories).
 */
import path from "node:path";
import { compareDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { checkDataPaths } from "../files/checkDataPaths.ts";
import { clearFileStamps, contentDigest, knownDigest, readDigested } from "../files/fileDigests.ts";
import { NotUtf8Error } from "../files/decodeText.ts";
import { encodingDiagnostic, fileProblemDiagnostic } from "../files/fileDiagnostics.ts";
import { mapLimit } from "../files/limitConcurrency.ts";
import { walkDataDir } from "../files/walkDataDir.ts";
import type { History, Run } from "../run.ts";
import { buildCache } from "../cache/buildCache.ts";
import type { DiskCache } from "../cache/diskCache.ts";
import { toOwnRecords } from "../ownRecord.ts";
import { classifyRunFiles, RUNS_DIR, type RunSource } from "./classifyRunFiles.ts";
import { collectRuns } from "./collectRuns.ts";
import { runMessages } from "./messages.ts";
import { prepareRunFile } from "./compactHistory.ts";
import { clearHistoryMemory, historyFileOf, keepHistoryEntry, storeParsedHistory } from "./historyStore.ts";
import { RUN_PARSER_VERSION } from "./parserVersion.ts";
import { sourceOf } from "./sourceText.ts";
import type { SourceText } from "./runFileTypes.ts";
import { parseRunFile, parseRunFolder } from "./parseRunFolder.ts";
import { parseRunsTable } from "./parseRunsTable.ts";
import { isTableFile } from "./classifyRunFiles.ts";
import { hasMediaExtension, isRunMediaFile } from "../media/mediaFiles.ts";
import { mediaLinksOutside } from "./mediaLinks.ts";
import { readMediaHead } from "./readMediaHead.ts";
import { tableMediaImages } from "./tableMediaImages.ts";

export type { RunSource } from "./classifyRunFiles.ts";
export { historyDigest, historyFileOf, readHistory, readHistoryFacts } from "./historyStore.ts";
export { RUN_PARSER_VERSION } from "./parserVersion.ts";
export { contentDigest } from "../files/fileDigests.ts";

export interface LoadedRunSource {
  runs: Run[];
  diagnostics: Diagnostic[];
  /** SHA-256 over the source's file paths and bytes; equal digests mean equal results. */
  digest: string;
}

interface Caches {
  sources: Map<string, LoadedRunSource>;
  /**
   * Sources kept: the largest project walked plus `MAX_CACHED` (for the dev server's edits). A
   * fixed 2,000 made a build of 10,000 runs read every source's entry twice: the check walks the
   * runs in the loader's order, and a scan longer than an LRU finds nothing in it.
   */
  capacity: number;
}

const MAX_CACHED = 2000;
// On globalThis so that two copies of this module (Vite SSR and the content layer) share a cache.
const CACHE_KEY = Symbol.for("runfolio.runs.cache");

function caches(): Caches {
  const g = globalThis as unknown as Record<symbol, Caches | undefined>;
  return (g[CACHE_KEY] ??= { sources: new Map(), capacity: MAX_CACHED });
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > caches().capacity) map.delete(map.keys().next().value!);
}

/** Empties the in-process caches (tests; a long-lived process after large edits). */
export function clearRunCaches(): void {
  caches().sources.clear();
  clearHistoryMemory();
  clearFileStamps();
}

const RUN_FILE = /\.(json|jsonl|csv|csv\.gz|jsonl\.gz|parquet)$/i;
/** Run data in a form Runfolio does not read: listed so that RUN025 names it instead of skipping it silently. */
const DATA_LIKE = /\.(tsv|ndjson|json5|jsonc|ya?ml|feather|arrow|xlsx?|gz|bz2|xz|zst|zip)$|tfevents/i;

/**
 * Every run source under `<rootDir>/runs/`, in a stable order, plus diagnostics for stray files
 * and for what is not read: links leaving the data root, loops, hidden entries, unpublishable names.
 */
export async function discoverRunSources(rootDir: string): Promise<{ sources: RunSource[]; diagnostics: Diagnostic[] }> {
  const walked = await walkDataDir(rootDir, RUNS_DIR, { wanted: (name) => RUN_FILE.test(name) || DATA_LIKE.test(name) || hasMediaExtension(name) });
  const named = checkDataPaths(walked.files);
  const classified = classifyRunFiles(named.paths);
  const memo = caches();
  memo.capacity = Math.max(memo.capacity, classified.sources.length + MAX_CACHED);
  return { sources: classified.sources, diagnostics: [...walked.problems.map((p) => fileProblemDiagnostic(p)), ...named.diagnostics, ...classified.diagnostics] };
}

/** Files read at once by `loadAllRuns`: enough to keep the disk busy, far below open-file limits. */
const READ_CONCURRENCY = 32;

interface ReadFile {
  path: string;
  /** The file's bytes; null when unreadable, or not read because its digest was known (see `withBytes`). */
  bytes: Buffer | null;
  /** SHA-256 of the whole file ("" when unreadable), also of a media file whose `bytes` are its head. */
  digest: string;
  error?: string;
}

/**
 * Each file's digest, reading only the files whose digest is not known (`fileDigests.ts`: one
 * read per file per build, none on a rebuild for a file that did not change).
 */
async function readSourceFiles(rootDir: string, files: readonly string[]): Promise<ReadFile[]> {
  return Promise.all(
    files.map(async (file): Promise<ReadFile> => {
      const absolute = path.join(rootDir, file);
      try {
        const known = await knownDigest(absolute);
        return known ? { path: file, bytes: null, digest: known } : { path: file, ...(await readBytes(absolute)) };
      } catch (e) {
        return { path: file, bytes: null, digest: "", error: (e as NodeJS.ErrnoException).code ?? String(e) };
      }
    }),
  );
}

/**
 * A file's bytes and digest. A media file's `bytes` are only its head (readMediaHead): what the
 * media parser checks, while its digest is of the whole file, streamed, so a large video is never
 * held in memory.
 */
async function readBytes(absolute: string): Promise<{ bytes: Buffer; digest: string }> {
  if (!hasMediaExtension(absolute)) return readDigested(absolute);
  const { head, digest } = await readMediaHead(absolute);
  return { bytes: head, digest };
}

/** The files of `read` with their bytes, reading those known by digest alone. */
async function withBytes(rootDir: string, read: readonly ReadFile[]): Promise<ReadFile[]> {
  if (read.every((f) => f.bytes !== null || f.error !== undefined)) return [...read];
  return Promise.all(
    read.map(async (f): Promise<ReadFile> => {
      if (f.bytes !== null || f.error !== undefined) return f;
      try {
        return { path: f.path, ...(await readBytes(path.join(rootDir, f.path))) };
      } catch (e) {
        return { path: f.path, bytes: null, digest: "", error: (e as NodeJS.ErrnoException).code ?? String(e) };
      }
    }),
  );
}

function digestOf(read: readonly ReadFile[]): string {
  return contentDigest(`v${RUN_PARSER_VERSION}\n` + read.map((f) => `${f.path}\0${f.digest || "-"}`).join("\n"));
}

/**
 * The files under a folder run's `media/` that its table cells may name (run-folder relative),
 * when it has tables: the walked files, so a link out of the folder is never among them.
 */
function tableMediaFiles(source: RunSource, outside: ReadonlyMap<string, string>): Set<string> | undefined {
  if (source.format !== "folder" || !source.files.some(isTableFile)) return undefined;
  const folder = `${RUNS_DIR}/${source.id}/`;
  return new Set(source.files.filter((f) => isRunMediaFile(source.id, f) && hasMediaExtension(f) && !outside.has(f)).map((f) => f.slice(folder.length)));
}

/** A source's files, read, but for media files whose links leave the run folder (never read). */
async function readSource(rootDir: string, source: RunSource): Promise<{ read: ReadFile[]; outside: Map<string, string>; digest: string }> {
  const outside = await mediaLinksOutside(rootDir, source);
  const read = await readSourceFiles(rootDir, outside.size ? source.files.filter((f) => !outside.has(f)) : source.files);
  return { read, outside, digest: sourceDigest(read, outside) };
}

function sourceDigest(read: readonly ReadFile[], outside: ReadonlyMap<string, string>): string {
  return digestOf(outside.size ? [...read, ...[...outside.keys()].map((f) => ({ path: `${f} (link out)`, bytes: null, digest: "" }))] : read);
}

/** The digest `loadRunSource` would report, without parsing (to skip unchanged sources). */
export async function runSourceDigest(rootDir: string, source: RunSource): Promise<string> {
  return (await readSource(rootDir, source)).digest;
}

/** Runs and diagnostics of one source; cached by the digest of its files. */
export async function loadRunSource(rootDir: string, source: RunSource): Promise<LoadedRunSource> {
  const found = await readSource(rootDir, source);
  const { outside } = found;
  let { read, digest } = found;
  if (read.some((f) => f.error !== undefined)) return unreadableSource(read, digest);
  const disk = buildCache();
  const cached = caches().sources.get(digest);
  if (cached) {
    if (disk) keepHistoryEntries(disk, cached, read);
    return cached;
  }
  const stored = disk ? await restoreSource(disk, digest) : null;
  if (stored) {
    remember(caches().sources, digest, stored);
    keepHistoryEntries(disk!, stored, read);
    return stored;
  }

  // Parsing needs every file's bytes; a file read now may have changed since its digest was
  // taken, so the result is keyed by the digest of the bytes parsed.
  read = await withBytes(rootDir, read);
  if (read.some((f) => f.error !== undefined)) return unreadableSource(read, digest);
  digest = sourceDigest(read, outside);
  let result: LoadedRunSource;
  let history: ParsedHistory | null = null;
  try {
    const texts = await Promise.all(read.map((f) => (hasMediaExtension(f.path) ? { path: f.path, text: "", bytes: f.bytes! } : prepareRunFile(f.path, f.bytes!, sourceOf))));
    for (const [file, target] of outside) texts.push({ path: file, text: "", linkOutside: target });
    ({ result, history } = parseSource(source, texts, read, digest, tableMediaFiles(source, outside)));
  } catch (e) {
    // A file's text is decoded when a parser first reads it, which throws for other encodings.
    if (!(e instanceof NotUtf8Error)) throw e;
    result = { runs: [], diagnostics: [encodingDiagnostic(e.file ?? source.files[0]!, e.problem)], digest };
  }
  remember(caches().sources, digest, result);
  if (disk) {
    await disk.set("source", disk.keyOf("source", [digest]), Buffer.from(JSON.stringify({ runs: result.runs, diagnostics: result.diagnostics }), "utf8"));
  }
  if (history) await storeParsedHistory(history.file, history.digest, history.history);
  return result;
}

function unreadableSource(read: readonly ReadFile[], digest: string): LoadedRunSource {
  const diagnostics = read.filter((f) => f.error !== undefined).map((f): Diagnostic => ({ file: f.path, line: 1, column: 1, severity: "error", ...runMessages.unreadable(f.error ?? "unknown error") }));
  return { runs: [], diagnostics, digest };
}

/**
 * A warm build may read no history at all (every chart and data file from the cache); the
 * history entries of the runs that still exist are kept all the same, for the next build that
 * draws something new from them.
 */
function keepHistoryEntries(disk: DiskCache, loaded: LoadedRunSource, read: readonly ReadFile[]): void {
  for (const run of loaded.runs) {
    const file = historyFileOf(run);
    const digest = file ? read.find((f) => f.path === file)?.digest : undefined;
    if (file && digest) keepHistoryEntry(disk, file, digest);
  }
}

interface ParsedHistory {
  file: string;
  digest: string;
  history: History;
}

function parseSource(source: RunSource, texts: SourceText[], read: readonly ReadFile[], digest: string, mediaFiles?: ReadonlySet<string>): { result: LoadedRunSource; history: ParsedHistory | null } {
  if (source.format === "runs-csv") return { result: { ...parseRunsTable(texts[0]!, source.prefix), digest }, history: null };
  const parsed = source.format === "json" ? parseRunFile(source.id, texts[0]!) : parseRunFolder(source.id, texts, { mediaFiles });
  if (parsed.run?.media) {
    const digests = new Map(read.map((f) => [f.path, f.digest]));
    for (const item of parsed.run.media) item.digest = digests.get(item.file) ?? "";
  }
  if (parsed.run && mediaFiles?.size) {
    const listed = new Set((parsed.run.media ?? []).map((m) => m.file));
    const images = tableMediaImages(`${RUNS_DIR}/${source.id}/`, mediaFiles, listed, read);
    if (images.length) parsed.run.tableMedia = images;
  }
  let history: ParsedHistory | null = null;
  if (parsed.run && parsed.history) {
    const historyFile = historyFileOf(parsed.run);
    const file = read.find((f) => f.path === historyFile);
    if (file?.bytes) {
      history = { file: file.path, digest: file.digest, history: parsed.history };
    }
  }
  return { result: { runs: parsed.run ? [parsed.run] : [], diagnostics: parsed.diagnostics, digest }, history };
}

/** A source's runs and diagnostics from the disk cache (JSON, read back without prototypes), or null. */
async function restoreSource(disk: DiskCache, digest: string): Promise<LoadedRunSource | null> {
  const payload = await disk.get("source", disk.keyOf("source", [digest]));
  if (!payload) return null;
  try {
    const stored = toOwnRecords(JSON.parse(payload.toString("utf8"))) as Pick<LoadedRunSource, "runs" | "diagnostics">;
    return Array.isArray(stored.runs) && Array.isArray(stored.diagnostics) ? { runs: stored.runs, diagnostics: stored.diagnostics, digest } : null;
  } catch {
    return null;
  }
}

/**
 * Every run under `<rootDir>/runs/`, sorted by id, and every diagnostic from every file (the
 * loading never stops at the first problem). Runs with an error are left out; their error
 * diagnostics say so.
 */
export async function loadAllRuns(rootDir: string): Promise<{ runs: Run[]; diagnostics: Diagnostic[] }> {
  const found = await discoverRunSources(rootDir);
  const loaded = await mapLimit(found.sources, READ_CONCURRENCY, (s) => loadRunSource(rootDir, s));
  const merged = collectRuns(loaded);
  const diagnostics = [...found.diagnostics, ...loaded.flatMap((l) => l.diagnostics), ...merged.diagnostics].sort(compareDiagnostics);
  return { runs: merged.runs, diagnostics };
}

