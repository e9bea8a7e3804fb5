/**
 * Node-side reading of the compact history forms: `history.csv.gz` and `history.jsonl.gz` are
 * inflated through a zlib stream (bounded, so a gzip bomb is a diagnostic, not an out-of-memory
 * crash) into bytes that the plain parsers read exactly as they read `history.csv` and
 * `history.jsonl` (positions are line and column in the decompressed text); `history.parquet` is
 * read column by column (`parseHistoryParquet`). The digests stay those of the files' own bytes.
 */
import zlib, { createGunzip } from "node:zlib";
import type { Compressors } from "hyparquet";
import type { Diagnostic } from "../diagnostics.ts";
import { HISTORY_FILES, isTableFile } from "./classifyRunFiles.ts";
import { runMessages } from "./messages.ts";
import { parseHistoryCsv } from "./parseHistoryCsv.ts";
import { parseHistoryJsonl } from "./parseHistoryJsonl.ts";
import { parseHistoryParquet } from "./parseHistoryParquet.ts";
import type { ParsedHistory, SourceText } from "./runFileTypes.ts";

/** Most bytes a compressed history may inflate to: past this a string of it could not even be made. */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

/** Parquet page codecs Node's zlib has (pandas and pyarrow write Snappy, Polars zstd). */
const PARQUET_CODECS: Compressors = {
  GZIP: (input) => zlib.gunzipSync(input),
  BROTLI: (input) => zlib.brotliDecompressSync(input),
  // zstd is in Node's zlib from 22.15 and 23.8.
  ...(typeof zlib.zstdDecompressSync === "function" ? { ZSTD: (input: Uint8Array) => zlib.zstdDecompressSync(input) } : {}),
};

type SourceOf = (file: string, bytes: Buffer) => SourceText;

const baseName = (file: string): string => file.slice(file.lastIndexOf("/") + 1);

/** True for a run folder's history file in any form (`history.csv`, `history.parquet`, …). */
export function isHistoryFile(file: string): boolean {
  // A table may be called `history` too (`tables/history.csv`).
  return (HISTORY_FILES as readonly string[]).includes(baseName(file)) && !isTableFile(file);
}

class InflateError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(file: string, m: { code: string; message: string; hint?: string }) {
    super(m.message);
    this.diagnostic = { file, line: 1, column: 1, severity: "error", code: m.code, message: m.message };
    if (m.hint !== undefined) this.diagnostic.hint = m.hint;
  }
}

/** The inflated bytes of a gzip file (every member), chunk by chunk, refusing more than `limit`. */
export function gunzipBounded(file: string, bytes: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    let total = 0;
    gunzip.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        gunzip.destroy(new InflateError(file, runMessages.compactTooLarge(`the file inflates to more than ${limit} bytes`, `${Math.round(limit / 1024 / 1024)} MiB`)));
        return;
      }
      chunks.push(chunk);
    });
    gunzip.on("end", () => resolve(Buffer.concat(chunks, total)));
    gunzip.on("error", (e) => reject(e instanceof InflateError ? e : new InflateError(file, runMessages.gzipCorrupt(e.message))));
    gunzip.end(bytes);
  });
}

const failed = (diagnostic: Diagnostic): ParsedHistory => ({ history: null, lastLogged: {}, diagnostics: [diagnostic], nonFinite: 0 });

/**
 * A file of a run source ready for the pure parsers: compressed histories inflated, Parquet
 * already parsed into `parsed` (its parser is asynchronous), anything else as it is.
 */
export async function prepareRunFile(file: string, bytes: Buffer, sourceOf: SourceOf): Promise<SourceText> {
  const base = baseName(file);
  if (base === "history.parquet") return { path: file, text: "", parsed: await parseHistoryParquet(file, bytes, PARQUET_CODECS) };
  if (!base.endsWith(".gz")) return sourceOf(file, bytes);
  try {
    return sourceOf(file, await gunzipBounded(file, bytes));
  } catch (e) {
    if (!(e instanceof InflateError)) throw e;
    return { path: file, text: "", parsed: failed(e.diagnostic) };
  }
}

/** The parsed history of a run folder's history file in any form; null for other files (a run's JSON). */
export async function parseHistoryFile(file: string, bytes: Buffer, sourceOf: SourceOf): Promise<ParsedHistory | null> {
  if (!isHistoryFile(file)) return null;
  const source = await prepareRunFile(file, bytes, sourceOf);
  return source.parsed ?? parseHistoryText(source);
}

/** A plain or inflated history's text through the parser its name asks for. */
export function parseHistoryText(source: SourceText): ParsedHistory {
  return baseName(source.path).startsWith("history.csv") ? parseHistoryCsv(source) : parseHistoryJsonl(source);
}
