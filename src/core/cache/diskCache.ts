/**
 * A content-addressed cache of build results on disk. An entry's key is the SHA-256 of the code
 * version and the entry's inputs (file digests, the SVG to rasterise, …), so a changed input or
 * a changed Runfolio never finds an old result. Writes are atomic (a temporary file renamed into
 * place); a read that finds a damaged or foreign file warns (CACHE001–CACHE005) and misses.
 */
import { randomBytes, createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import type { Diagnostic, Message } from "../diagnostics.ts";
import { decodeCacheEntry, encodeCacheEntryParts } from "./cacheEntry.ts";
import { cacheMessages } from "./cacheMessages.ts";
import { encodeSectionedEntry, isSectionedEntry, sectionedEntryParts, type SectionInput } from "./sectionedEntry.ts";
import { readSections, SectionMemo, type SectionPick } from "./sectionedRead.ts";

export interface DiskCacheOptions {
  /** The folder holding the entries (created when first written). */
  dir: string;
  /** Digest of the code that computes the results: entries of other code are never found. */
  codeVersion: string;
  /** Receives each problem with an entry or with the folder (warnings). */
  warn: (diagnostic: Diagnostic) => void;
}

export class DiskCache {
  readonly dir: string;
  readonly codeVersion: string;
  private readonly warn: (diagnostic: Diagnostic) => void;
  /** Entries read or written by this process: what `prune` keeps. */
  private readonly used = new Set<string>();
  private writeFailed = false;
  /** Folders made by this process: one `mkdir` each, not one per entry. */
  private readonly made = new Set<string>();
  /**
   * CRC-32 of each entry this process verified or wrote. Reading the same bytes again skips their
   * SHA-256 (a CRC-32 is a quarter of its cost): a parsed history's entry (0.5 MB at 10,000 steps)
   * is read by the run's JSON, its page and every grouped chart over it, and was hashed each time.
   */
  private readonly checked = new Map<string, number>();
  /** The same for the prefix and each section of sectioned entries, by file and section. */
  private readonly sectionsChecked = new SectionMemo();
  private readonly tempPrefix = `.${process.pid}-${randomBytes(4).toString("hex")}`;
  /** Each write's own temporary file: two writes of one key at once (runs with equal files) must not share it. */
  private writes = 0;
  /** Told of every entry used (by its path relative to `dir`): the page ledger attributes it to the page rendering. */
  private useListener: ((file: string) => void) | null = null;

  constructor(options: DiskCacheOptions) {
    this.dir = options.dir;
    this.codeVersion = options.codeVersion;
    this.warn = options.warn;
  }

  /** The key of an entry of `kind` computed from `inputs` by this code version. */
  keyOf(kind: string, inputs: readonly string[]): string {
    return inputsKey(`${this.codeVersion}\0${kind}`, inputs);
  }

  private fileOf(kind: string, key: string): string {
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.bin`);
  }

  /** The payload stored for `key`, or null (absent, or unusable: then warned). */
  async get(kind: string, key: string): Promise<Buffer<ArrayBuffer> | null> {
    const file = this.fileOf(kind, key);
    let bytes: Buffer<ArrayBuffer>;
    try {
      // Synchronous: an entry is one small file, usually in the page cache, and an asynchronous
      // read's four round trips through the thread pool cost ~4× its time (30,000 reads in a
      // rebuild of 10,000 runs: ~3 s of the main thread; docs/performance.md).
      bytes = readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") this.report(file, cacheMessages.unreadable(code ?? String(e)));
      return null;
    }
    const crc = crc32(bytes);
    const decoded = decodeCacheEntry(bytes, kind, key, this.checked.get(file) === crc);
    if ("problem" in decoded) {
      this.checked.delete(file);
      this.report(file, isSectionedEntry(bytes) ? cacheMessages.foreignEntry("it is a sectioned entry, read with getSections") : decoded.problem);
      return null;
    }
    this.checked.set(file, crc);
    this.markUsed(file);
    return decoded.payload;
  }

  /**
   * Keeps the entry for `key` through `prune` without reading it: its inputs still exist, but this
   * build needed nothing computed from it (every result made from it came from the cache).
   */
  keep(kind: string, key: string): void {
    this.markUsed(this.fileOf(kind, key));
  }

  /** Keeps entries through `prune` by their paths relative to `dir` (as the use listener got them). */
  keepFiles(files: Iterable<string>): void {
    for (const file of files) this.used.add(path.join(this.dir, file));
  }

  /**
   * `[path relative to dir, CRC-32]` of each entry this process verified or wrote and that this
   * build used, sorted: what the next build may read without hashing (verifiedEntryTable.ts).
   */
  verifiedEntries(): [string, number][] {
    const rows: [string, number][] = [];
    for (const [file, crc] of this.checked) if (this.used.has(file)) rows.push([path.relative(this.dir, file).split(path.sep).join("/"), crc]);
    return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /**
   * CRC-32s of entries an earlier build verified (their SHA-256 matched): an entry whose bytes
   * still have that CRC-32 is the same bytes, and its SHA-256 is not computed again.
   */
  adoptVerifiedEntries(rows: readonly (readonly [string, number])[]): void {
    for (const [file, crc] of rows) {
      const absolute = path.join(this.dir, file);
      if (!this.checked.has(absolute)) this.checked.set(absolute, crc);
    }
  }

  /** Calls `listener` with each entry used from now on (null: no one is told). */
  setUseListener(listener: ((file: string) => void) | null): void {
    this.useListener = listener;
  }

  private markUsed(file: string): void {
    this.used.add(file);
    this.useListener?.(path.relative(this.dir, file).split(path.sep).join("/"));
  }

  /** Stores `payload` (or its pieces, in order) under `key`. A failure is warned once and the build goes on. */
  async set(kind: string, key: string, payload: Uint8Array | readonly Uint8Array[]): Promise<void> {
    const file = this.fileOf(kind, key);
    const parts = encodeCacheEntryParts(kind, key, payload);
    if (await this.write(file, parts)) this.checked.set(file, parts.reduce((crc, part) => crc32(part, crc), 0));
  }

  /**
   * Stores `meta` and `sections` (each one array or the pieces it is made of, not joined) under
   * `key`, as an entry whose sections `getSections` reads alone. Failures warned once, as `set`.
   */
  async setSections(kind: string, key: string, meta: string, sections: readonly SectionInput[]): Promise<void> {
    const file = this.fileOf(kind, key);
    const encoded = encodeSectionedEntry(kind, key, meta, sections);
    if (!(await this.write(file, sectionedEntryParts(encoded)))) return;
    this.sectionsChecked.remember(file, "prefix", crc32(encoded.prefix), encoded.prefixDigest);
    for (const [index, section] of encoded.sections.entries()) {
      this.sectionsChecked.remember(file, index, section.pieces.reduce((crc, piece) => crc32(piece, crc), 0), section.digest);
    }
  }

  /**
   * Reads the entry's meta, asks `pick(meta)` which sections to read ("all", or indices), reads only
   * those and checks each. Null when absent or unusable (warned like `get`: CACHE001–CACHE005 as
   * they apply); a bad section index from `pick` is a programming error: it throws. The meta alone:
   * `pick` returns []. Sections not read are not checked (that is the point): a damaged byte in one
   * is found by the read that asks for it. Each returned Buffer starts at a byteOffset that is a
   * multiple of 8, so a Float64Array views it without a copy (the sections of one read share one
   * ArrayBuffer). Costs one open, stat, read of the first 4 KB (more when the header is longer) and
   * close, plus one read per run of adjacent sections.
   */
  async getSections(kind: string, key: string, pick: SectionPick): Promise<{ meta: string; sections: Map<number, Buffer> } | null> {
    const file = this.fileOf(kind, key);
    const read = await readSections(file, kind, key, pick, this.sectionsChecked);
    if ("absent" in read) return null;
    if ("problem" in read) {
      this.report(file, read.problem);
      return null;
    }
    this.markUsed(file);
    return read;
  }

  /** Writes `parts` to `file` atomically (a temporary file of its own, renamed). False (warned once) when it could not. */
  private async write(file: string, parts: readonly Uint8Array[]): Promise<boolean> {
    this.markUsed(file);
    const temp = `${file}${this.tempPrefix}-${this.writes++}.tmp`;
    try {
      const folder = path.dirname(file);
      if (!this.made.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.made.add(folder);
      }
      await writeFile(temp, parts);
      await rename(temp, file);
      return true;
    } catch (e) {
      await rm(temp, { force: true }).catch(() => undefined);
      if (!this.writeFailed) this.report(this.dir, cacheMessages.unwritable((e as NodeJS.ErrnoException).code ?? String(e)));
      this.writeFailed = true;
      return false;
    }
  }

  /**
   * Removes every entry this process neither read nor wrote (after a complete build: what it did
   * not use belongs to inputs that no longer exist), so a cache carried from build to build does
   * not grow without end. Returns how many were removed.
   */
  async prune(): Promise<number> {
    let removed = 0;
    let entries;
    try {
      entries = await readdir(this.dir, { recursive: true, withFileTypes: true });
    } catch {
      return 0;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (this.used.has(file) || !(entry.name.endsWith(".bin") || entry.name.endsWith(".tmp"))) continue;
      await rm(file, { force: true });
      removed++;
    }
    return removed;
  }

  /** Warns about the entry for `key` (a problem its reader found in a payload that decoded). */
  warnAbout(kind: string, key: string, message: Message): void {
    this.report(this.fileOf(kind, key), message);
  }

  private report(file: string, message: Message): void {
    this.warn({ file: path.relative(process.cwd(), file) || file, line: 1, column: 1, severity: "warning", ...message });
  }
}

/** SHA-256 (hex) of `head` and each input, length-prefixed so that no two lists of inputs collide. */
export function inputsKey(head: string, inputs: readonly string[]): string {
  const hash = createHash("sha256").update(head);
  for (const input of inputs) hash.update(`\0${input.length}:`).update(input);
  return hash.digest("hex");
}
