/**
 * Runs' parsed histories: read from their files, kept in memory by bytes, stored in the build
 * cache by the file's digest, and their facts (historyFacts.ts), which charts ask for before, or
 * instead of, the columns.
 */
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { fileDigest, knownDigest, readDigested } from "../files/fileDigests.ts";
import type { History, Run } from "../run.ts";
import { buildCache } from "../cache/buildCache.ts";
import type { DiskCache } from "../cache/diskCache.ts";
import { decodeHistorySections, encodeHistorySections, historySections, parseHistoryMeta, type HistoryMeta } from "../cache/historyCodec.ts";
import { historyFacts, packHistoryFacts, unpackHistoryFacts, type HistoryFacts, type PackedHistoryFacts } from "../series/historyFacts.ts";
import { emptyHistory } from "./HistoryBuilder.ts";
import { isHistoryFile, parseHistoryFile } from "./compactHistory.ts";
import { parseRunJson } from "./parseRunJson.ts";
import { RUN_PARSER_VERSION } from "./parserVersion.ts";
import { runOfDataFile } from "./runDataFiles.ts";
import { sourceOf } from "./sourceText.ts";
import { WeightedLru } from "../weightedLru.ts";

interface HistoryMemory {
  /** By digest, each weighing the bytes of its columns. */
  histories: WeightedLru<string, History>;
  /** By digest, packed; counted, not weighed. */
  facts: WeightedLru<string, PackedHistoryFacts>;
}

/**
 * Parsed histories kept in memory, by the bytes of their columns rather than by count: a build's
 * memory then stays the same whether runs log a thousand steps or a million. Evicted histories
 * come back from the disk cache (or are parsed again) when read. A build reads the runs in turn
 * (their JSON, cards, pages, each report chart), so once they do not all fit a larger cache
 * hardly hits; 64 MB holds 10,000 runs of 100 steps or 1,000 of 1,000 (seven columns).
 */
const MAX_HISTORY_BYTES = 64 * 1024 * 1024;
/** Histories' facts kept in memory (packed, about 0.6 KB each): every run of a large project, not without end. */
const MAX_FACTS = 20_000;
// On globalThis so that two copies of this module (Vite SSR and the content layer) share it.
const MEMORY_KEY = Symbol.for("runfolio.runs.histories");

function memory(): HistoryMemory {
  const g = globalThis as unknown as Record<symbol, HistoryMemory | undefined>;
  return (g[MEMORY_KEY] ??= { histories: new WeightedLru(MAX_HISTORY_BYTES, historyBytes), facts: new WeightedLru(MAX_FACTS, () => 1) });
}

function historyBytes(history: History): number {
  let bytes = history.step.byteLength + (history.time?.byteLength ?? 0);
  for (const column of Object.values(history.metrics)) bytes += column.byteLength;
  return bytes;
}

function rememberHistory(digest: string, history: History): void {
  memory().histories.set(digest, history);
}

function rememberFacts(digest: string, facts: HistoryFacts): HistoryFacts {
  memory().facts.set(digest, packHistoryFacts(facts));
  return facts;
}

/** Forgets every history and fact held in memory. */
export function clearHistoryMemory(): void {
  const c = memory();
  c.histories.clear();
  c.facts.clear();
}

/**
 * A history just parsed from the file `file` with `digest`: kept in memory with its facts, and
 * stored in the build cache when there is one.
 */
export async function storeParsedHistory(file: string, digest: string, history: History): Promise<void> {
  rememberHistory(digest, history);
  const facts = rememberFacts(digest, historyFacts(history));
  const disk = buildCache();
  if (!disk) return;
  const { meta, sections } = encodeHistorySections(history, facts);
  await disk.setSections("history", historyKey(disk, file, digest), meta, sections);
}

/** Keeps the cache entry of the history in `file` with `digest` (see `DiskCache.keep`). */
export function keepHistoryEntry(disk: DiskCache, file: string, digest: string): void {
  disk.keep("history", historyKey(disk, file, digest));
}

const EMPTY_FACTS = historyFacts(emptyHistory());

/**
 * What a run's history holds per metric (historyFacts.ts), from memory when its file was parsed
 * or read in this process, else from its cache entry's meta (no column read), else from its history.
 * `knownDigest`: the file's digest as the caller already took it (`historyDigest`), saving a `stat`.
 */
export async function readHistoryFacts(rootDir: string, run: Run, knownDigest?: string): Promise<HistoryFacts> {
  const file = historyFileOf(run);
  if (!file) return EMPTY_FACTS;
  const digest = knownDigest ?? (await fileDigest(path.join(rootDir, file)));
  const known = memory().facts.get(digest);
  if (known) return unpackHistoryFacts(known);
  const disk = buildCache();
  let meta: HistoryMeta | null = null;
  if (disk) await disk.getSections("history", historyKey(disk, file, digest), (text) => ((meta = parseHistoryMeta(text)), []));
  if (meta) return rememberFacts(digest, (meta as HistoryMeta).facts);
  const history = await readHistory(rootDir, run, undefined, { digest });
  const parsed = memory().facts.get(digest);
  return parsed ? unpackHistoryFacts(parsed) : rememberFacts(digest, historyFacts(history));
}

/** A history's entry depends on the file's bytes and on which parser reads it (by extension). */
function historyKey(disk: DiskCache, file: string, digest: string): string {
  return disk.keyOf("history", [`v${RUN_PARSER_VERSION}`, path.extname(file).toLowerCase(), digest]);
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
 * loading and no longer parses (the loader reports the diagnostics). `options.digest`: the file's
 * digest as the caller already took it in this render (`historyDigest`), saving a `stat`.
 */
export async function readHistory(rootDir: string, run: Run, metrics?: readonly string[], options: { digest?: string } = {}): Promise<History> {
  const file = historyFileOf(run);
  if (!file) return emptyHistory();
  const absolute = path.join(rootDir, file);
  const known = options.digest ?? (await knownDigest(absolute));
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
  await storeParsedHistory(file, digest, history);
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
 * A history at most this large is read whole and kept in memory even when a chart asks for some
 * of its metrics: opening its entry costs more than reading it, and a report's charts each ask
 * for every run's history in turn, which then come from memory while every run's fit in it
 * (1,000 runs of 1,000 steps). A larger one gives only the columns asked for (two or three of
 * seven): it would push out many others for one hit.
 */
const KEEP_WHOLE_BYTES = MAX_HISTORY_BYTES / 1024;

/** The history of the file with `digest` from memory, else from the disk cache, else null. */
async function cachedHistory(file: string, digest: string, metrics: readonly string[] | undefined): Promise<History | null> {
  const inMemory = memory().histories.get(digest);
  if (inMemory) return inMemory;
  const disk = buildCache();
  if (!disk) return null;
  let meta: HistoryMeta | null = null;
  let whole = true;
  const read = await disk.getSections("history", historyKey(disk, file, digest), (text) => {
    meta = parseHistoryMeta(text);
    if (!meta) return [];
    whole = !metrics || meta.rows * 8 * (meta.metrics.length + (meta.time ? 2 : 1)) <= KEEP_WHOLE_BYTES;
    return historySections(meta, whole ? undefined : metrics);
  });
  if (!read || !meta) return null;
  const history = decodeHistorySections(meta, read.sections);
  if (!history) return null;
  if (!memory().facts.has(digest)) rememberFacts(digest, (meta as HistoryMeta).facts);
  if (whole) rememberHistory(digest, history);
  return history;
}
