/**
 * Node-side run loading: find the files under `<rootDir>/runs/`, read them, hand the text to the
 * pure parsers, and cache results by the SHA-256 of the bytes so unchanged files are not parsed
 * again (in the dev server, in repeated builds in one process, and between the content loader and
 * pages that read histories).
 */
import { isAscii } from "node:buffer";
import path from "node:path";
import { compareDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { checkDataPaths } from "../files/checkDataPaths.ts";
import { clearFileStamps, contentDigest, fileDigest, knownDigest, readDigested } from "../files/fileDigests.ts";
import { decodeUtf8, NotUtf8Error } from "../files/decodeText.ts";
import { encodingDiagnostic, fileProblemDiagnostic } from "../files/fileDiagnostics.ts";
import { mapLimit } from "../files/limitConcurrency.ts";
import { walkDataDir } from "../files/walkDataDir.ts";
import type { History, Run } from "../run.ts";
import { buildCache } from "../cache/buildCache.ts";
import type { DiskCache } from "../cache/diskCache.ts";
import { decodeHistory, encodeHistoryParts } from "../cache/historyCodec.ts";
import { toOwnRecords } from "../ownRecord.ts";
import { classifyRunFiles, RUNS_DIR, type RunSource } from "./classifyRunFiles.ts";
import { collectRuns } from "./collectRuns.ts";
import { emptyHistory } from "./HistoryBuilder.ts";
import { runMessages } from "./messages.ts";
import { isHistoryFile, parseHistoryFile, prepareRunFile } from "./compactHistory.ts";
import type { SourceText } from "./runFileTypes.ts";
import { parseRunFile, parseRunFolder } from "./parseRunFolder.ts";
import { parseRunJson } from "./parseRunJson.ts";
import { parseRunsTable } from "./parseRunsTable.ts";
import { isTableFile } from "./classifyRunFiles.ts";
import { hasMediaExtension, isRunMediaFile } from "../media/mediaFiles.ts";
import { mediaLinksOutside } from "./mediaLinks.ts";
import { readMediaHead } from "./readMediaHead.ts";
import { tableMediaImages } from "./tableMediaImages.ts";
import { runOfDataFile } from "./runDataFiles.ts";

export type { RunSource } from "./classifyRunFiles.ts";
export { contentDigest } from "../files/fileDigests.ts";

export interface LoadedRunSource {
  runs: Run[];
  diagnostics: Diagnostic[];
  /** SHA-256 over the source's file paths and bytes; equal digests mean equal results. */
  digest: string;
}

interface Caches {
  sources: Map<string, LoadedRunSource>;
  histories: Map<string, History>;
  /** Bytes of the columns in `histories`. */
  historyBytes: number;
}

const MAX_CACHED = 2000;
/**
 * Parsed histories kept in memory, by the bytes of their columns rather than by count: a build's
 * memory then stays the same whether runs log a thousand steps or a million. Evicted histories
 * come back from the disk cache (or are parsed again) when read. A build reads the runs in turn
 * (their JSON, cards, pages, each report chart), so once they do not all fit a larger cache
 * hardly hits; 64 MB holds 10,000 runs of 100 steps or 1,000 of 1,000 (seven columns).
 */
const MAX_HISTORY_BYTES = 64 * 1024 * 1024;
// On globalThis so that two copies of this module (Vite SSR and the content layer) share a cache.
const CACHE_KEY = Symbol.for("runfolio.runs.cache");

function caches(): Caches {
  const g = globalThis as unknown as Record<symbol, Caches | undefined>;
  return (g[CACHE_KEY] ??= { sources: new Map(), histories: new Map(), historyBytes: 0 });
}

function historyBytes(history: History): number {
  let bytes = history.step.byteLength + (history.time?.byteLength ?? 0);
  for (const column of Object.values(history.metrics)) bytes += column.byteLength;
  return bytes;
}

function rememberHistory(digest: string, history: History): void {
  const c = caches();
  const old = c.histories.get(digest);
  if (old) {
    c.histories.delete(digest);
    c.historyBytes -= historyBytes(old);
  }
  c.histories.set(digest, history);
  c.historyBytes += historyBytes(history);
  while (c.historyBytes > MAX_HISTORY_BYTES && c.histories.size > 1) {
    const [key, evicted] = c.histories.entries().next().value!;
    c.histories.delete(key);
    c.historyBytes -= historyBytes(evicted);
  }
}

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_CACHED) map.delete(map.keys().next().value!);
}

/** Empties the in-process caches (tests; a long-lived process after large edits). */
export function clearRunCaches(): void {
  caches().sources.clear();
  caches().histories.clear();
  caches().historyBytes = 0;
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

/**
 * UTF-8 text of a file; pure-ASCII files (most metric logs) take Node's much faster latin1 path.
 * Throws `NotUtf8Error` for other encodings (a NUL byte is how UTF-16 and UTF-32 show in ASCII).
 */
function decodeText(bytes: Buffer): string {
  return isAscii(bytes) && bytes.indexOf(0) < 0 ? bytes.toString("latin1") : decodeUtf8(bytes);
}

/**
 * A file for the parsers with its bytes, decoded only if a parser reads `text`: the CSV fast path
 * parses a plain numeric history from the bytes, and decoding 600 KB of digits costs about as
 * much as parsing them.
 */
function sourceOf(file: string, bytes: Buffer): SourceText {
  let text: string | undefined;
  return {
    path: file,
    bytes,
    get text() {
      try {
        return (text ??= decodeText(bytes));
      } catch (e) {
        throw e instanceof NotUtf8Error ? new NotUtf8Error(e.problem, file) : e;
      }
    },
  };
}

/**
 * Bump when parsing gives different runs for the same bytes (a new rule, a fixed bug): digests
 * then change, so content-layer caches made by an older Runfolio are not reused.
 */
export const RUN_PARSER_VERSION = 10;

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
    if (history) await disk.set("history", historyKey(disk, history.file, history.digest), encodeHistoryParts(history.history));
  }
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
    if (file && digest) disk.keep("history", historyKey(disk, file, digest));
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
      rememberHistory(file.digest, parsed.history);
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

/** A history's entry depends on the file's bytes and on which parser reads it (by extension). */
function historyKey(disk: DiskCache, file: string, digest: string): string {
  return disk.keyOf("history", [`v${RUN_PARSER_VERSION}`, path.extname(file).toLowerCase(), digest]);
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

/** The file holding a run's history, or null for runs without one (runs.csv rows). */
export function historyFileOf(run: Run): string | null {
  const { format, files } = run.source;
  if (format === "runs-csv") return null;
  if (format === "json") return files[0]!;
  // A folder of plots alone has no history.
  return files.find((f) => isHistoryFile(f) && runOfDataFile(f) === null) ?? (files[0]!.endsWith("/run.json") ? files[0]! : null);
}

/**
 * A run's metric history, read from its file and cached by the file's SHA-256: in memory, and
 * in the build cache on disk when there is one. With `metrics`, a large history restored from
 * disk holds only those columns (a chart reads what it draws; see `KEEP_WHOLE_BYTES`). Throws when the file changed since
 * loading and no longer parses (the loader reports the diagnostics).
 */
export async function readHistory(rootDir: string, run: Run, metrics?: readonly string[]): Promise<History> {
  const file = historyFileOf(run);
  if (!file) return emptyHistory();
  const absolute = path.join(rootDir, file);
  const known = await knownDigest(absolute);
  const hit = known ? await cachedHistory(file, known, metrics) : null;
  if (hit) return hit;
  const { bytes, digest } = await readDigested(absolute);
  const parsedHit = known === digest ? null : await cachedHistory(file, digest, metrics);
  if (parsedHit) return parsedHit;
  let history: History | null;
  let diagnostics: Diagnostic[];
  const parsedHistory = await parseHistoryFile(file, bytes, sourceOf);
  if (parsedHistory) ({ history, diagnostics } = parsedHistory);
  else {
    const parsed = parseRunJson(sourceOf(file, bytes));
    history = parsed.meta ? (parsed.history ?? emptyHistory()) : null;
    diagnostics = parsed.diagnostics;
  }
  if (!history) {
    const first = diagnostics.find((d) => d.severity === "error");
    throw new Error(`cannot read the history of run ${run.id}: ${first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : file}`);
  }
  rememberHistory(digest, history);
  const disk = buildCache();
  if (disk) await disk.set("history", historyKey(disk, file, digest), encodeHistoryParts(history));
  return history;
}

/**
 * The SHA-256 of a run's history file ("none" for runs without one): what its drawn series are
 * computed from. One `stat` when the file was read before and did not change (`fileDigests.ts`).
 */
export async function historyDigest(rootDir: string, run: Run): Promise<string> {
  const file = historyFileOf(run);
  if (!file) return "none";
  return fileDigest(path.join(rootDir, file));
}

/**
 * A history entry at most this large is decoded whole and kept in memory even when a chart asks
 * for some of its metrics: reading it cost a read and a SHA-256 of every column anyway, and a
 * report's charts (and the check before them) each ask for every run's history in turn. A larger
 * one would push out many others for one hit, so it gives only the columns asked for.
 */
const KEEP_WHOLE_BYTES = MAX_HISTORY_BYTES / 16;

/** The history of the file with `digest` from memory, else from the disk cache, else null. */
async function cachedHistory(file: string, digest: string, metrics: readonly string[] | undefined): Promise<History | null> {
  const inMemory = caches().histories.get(digest);
  if (inMemory) return inMemory;
  const disk = buildCache();
  const payload = disk ? await disk.get("history", historyKey(disk, file, digest)) : null;
  if (!payload) return null;
  const whole = !metrics || payload.length <= KEEP_WHOLE_BYTES;
  const history = decodeHistory(payload, whole ? undefined : metrics);
  if (history && whole) rememberHistory(digest, history);
  return history;
}
