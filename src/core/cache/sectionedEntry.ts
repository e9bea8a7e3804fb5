/**
 * The bytes of a sectioned cache entry: a small text (`meta`) and N binary sections, each of which
 * can be read and checked alone. Layout, all integers little-endian:
 *
 *   magic "RUNFOLIO-SECTS\n\0" · u32 format version · u32 header length · header (JSON: kind, key,
 *   meta, and each section's [length, SHA-256]) · SHA-256 of everything before it · section 0 · …
 *
 * The header's own SHA-256 covers the section digests, so a section checked against its listed
 * digest is as trusted as a whole plain entry (`cacheEntry.ts`), without reading the others. A
 * distinct magic keeps plain and sectioned entries from ever being read as each other.
 */
import { createHash } from "node:crypto";
import type { Message } from "../diagnostics.ts";
import { CACHE_FORMAT_VERSION } from "./cacheEntry.ts";
import { cacheMessages } from "./cacheMessages.ts";

const MAGIC = Buffer.from("RUNFOLIO-SECTS\n\0", "latin1");
const PLAIN_MAGIC = Buffer.from("RUNFOLIO-CACHE\n\0", "latin1");
const FIXED_END = MAGIC.length + 8;
const DIGEST_BYTES = 32;

/** Bytes a reader fetches first: the prefix (fixed part, header, header digest) of most entries. */
export const SECTIONED_FIRST_READ = 4096;

export type SectionInput = Uint8Array | readonly Uint8Array[];

export interface EncodedSectionedEntry {
  /** Magic, fixed part, header and its digest, joined (small). */
  prefix: Buffer;
  /** The SHA-256 of `prefix` before its last 32 bytes (= those bytes), hex. */
  prefixDigest: string;
  /** Each section's pieces as given (not copied) and its SHA-256, hex. */
  sections: { pieces: readonly Uint8Array[]; digest: string }[];
}

export interface SectionPlace {
  /** Byte offset of the section in the file. */
  offset: number;
  length: number;
  /** SHA-256 of its bytes, hex, as the (checked) header lists it. */
  digest: string;
}

export interface SectionedHeader {
  meta: string;
  sections: SectionPlace[];
  /** The whole entry's length as the header gives it. */
  total: number;
}

interface HeaderJson {
  kind: string;
  key: string;
  meta: string;
  sections: [number, string][];
}

const sha256 = (pieces: readonly Uint8Array[]): string => {
  const hash = createHash("sha256");
  for (const piece of pieces) hash.update(piece);
  return hash.digest("hex");
};

export function encodeSectionedEntry(kind: string, key: string, meta: string, sections: readonly SectionInput[]): EncodedSectionedEntry {
  const encoded = sections.map((section) => {
    const pieces = section instanceof Uint8Array ? [section] : section;
    return { pieces, digest: sha256(pieces), length: pieces.reduce((sum, p) => sum + p.length, 0) };
  });
  const headerJson: HeaderJson = { kind, key, meta, sections: encoded.map((s) => [s.length, s.digest]) };
  const header = Buffer.from(JSON.stringify(headerJson), "utf8");
  const prefix = Buffer.alloc(FIXED_END + header.length + DIGEST_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(CACHE_FORMAT_VERSION, MAGIC.length);
  prefix.writeUInt32LE(header.length, MAGIC.length + 4);
  header.copy(prefix, FIXED_END);
  const digest = createHash("sha256").update(prefix.subarray(0, FIXED_END + header.length)).digest();
  digest.copy(prefix, FIXED_END + header.length);
  return { prefix, prefixDigest: digest.toString("hex"), sections: encoded.map(({ pieces, digest }) => ({ pieces, digest })) };
}

/** The entry's bytes as the pieces they are made of, in order, for a writer. */
export function sectionedEntryParts(encoded: EncodedSectionedEntry): Uint8Array[] {
  return [encoded.prefix, ...encoded.sections.flatMap((s) => s.pieces)];
}

/** Whether `bytes` start like a sectioned entry (to tell a reader of plain entries what it found). */
export function isSectionedEntry(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.equals(bytes.subarray(0, MAGIC.length));
}

/**
 * The prefix's length (fixed part, header and its digest) from the entry's first bytes (`head`:
 * at least its first 24, or the whole file when shorter), or what makes it unusable.
 */
export function sectionedPrefixLength(head: Buffer, fileSize: number): { length: number } | { problem: Message } {
  if (head.length < MAGIC.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (head.length < MAGIC.length && MAGIC.subarray(0, head.length).equals(head)) return { problem: cacheMessages.truncatedEntry(FIXED_END, fileSize) };
    if (head.length >= PLAIN_MAGIC.length && head.subarray(0, PLAIN_MAGIC.length).equals(PLAIN_MAGIC)) {
      return { problem: cacheMessages.foreignEntry("it is a plain entry, not a sectioned one") };
    }
    return { problem: cacheMessages.foreignEntry("it does not start with a Runfolio sectioned cache header") };
  }
  if (head.length < FIXED_END) return { problem: cacheMessages.truncatedEntry(FIXED_END, fileSize) };
  const version = head.readUInt32LE(MAGIC.length);
  if (version !== CACHE_FORMAT_VERSION) return { problem: cacheMessages.foreignEntry(`format version ${version}, this Runfolio writes ${CACHE_FORMAT_VERSION}`) };
  const length = FIXED_END + head.readUInt32LE(MAGIC.length + 4) + DIGEST_BYTES;
  if (fileSize < length) return { problem: cacheMessages.truncatedEntry(length, fileSize) };
  return { length };
}

/** Hex SHA-256 of the header as the prefix stores it (its last 32 bytes). */
export function storedPrefixDigest(prefix: Buffer): string {
  return prefix.toString("hex", prefix.length - DIGEST_BYTES);
}

/**
 * The checked header of an entry: `prefix` is its first `sectionedPrefixLength` bytes, `fileSize`
 * the file's. `checked`: these very bytes were verified before, so their SHA-256 is not computed
 * again; the rest is. Checks, in order: the header's digest, its shape, the file's length against
 * the sections it lists, then kind and key.
 */
export function decodeSectionedHeader(prefix: Buffer, kind: string, key: string, fileSize: number, checked = false): SectionedHeader | { problem: Message } {
  const headerEnd = prefix.length - DIGEST_BYTES;
  if (!checked && createHash("sha256").update(prefix.subarray(0, headerEnd)).digest("hex") !== storedPrefixDigest(prefix)) {
    return { problem: cacheMessages.corruptEntry("header checksum mismatch") };
  }
  let header: HeaderJson;
  try {
    header = JSON.parse(prefix.toString("utf8", FIXED_END, headerEnd)) as HeaderJson;
  } catch {
    return { problem: cacheMessages.corruptEntry("its header is not valid JSON") };
  }
  if (typeof header !== "object" || header === null || typeof header.meta !== "string" || !Array.isArray(header.sections)) {
    return { problem: cacheMessages.corruptEntry("its header has no meta or section list") };
  }
  const sections: SectionPlace[] = [];
  let offset = prefix.length;
  for (const listed of header.sections as unknown[]) {
    const [length, digest] = Array.isArray(listed) ? (listed as unknown[]) : [];
    if (typeof length !== "number" || !Number.isSafeInteger(length) || length < 0 || typeof digest !== "string" || !/^[0-9a-f]{64}$/.test(digest)) {
      return { problem: cacheMessages.corruptEntry("its header lists a section without length and digest") };
    }
    sections.push({ offset, length, digest });
    offset += length;
    if (!Number.isSafeInteger(offset)) return { problem: cacheMessages.corruptEntry("its sections are longer than any file") };
  }
  if (fileSize < offset) return { problem: cacheMessages.truncatedEntry(offset, fileSize) };
  if (fileSize > offset) return { problem: cacheMessages.corruptEntry(`${fileSize - offset} bytes after its end`) };
  if (header.kind !== kind || header.key !== key) {
    return { problem: cacheMessages.foreignEntry(`it holds ${String(header.kind)} ${String(header.key).slice(0, 12)}…, not ${kind} ${key.slice(0, 12)}…`) };
  }
  return { meta: header.meta, sections, total: offset };
}

/** Whether `bytes` are the section the header lists as `place` (its SHA-256). */
export function sectionMatches(bytes: Uint8Array, place: SectionPlace): boolean {
  return bytes.length === place.length && sha256([bytes]) === place.digest;
}

/**
 * A whole entry's meta and every section (views into `bytes`), or what makes it unusable: the
 * checks a reader of single sections makes, over all of them.
 */
export function decodeSectionedEntry(bytes: Buffer, kind: string, key: string): { meta: string; sections: Buffer[] } | { problem: Message } {
  const measured = sectionedPrefixLength(bytes.subarray(0, SECTIONED_FIRST_READ), bytes.length);
  if ("problem" in measured) return measured;
  const header = decodeSectionedHeader(bytes.subarray(0, measured.length), kind, key, bytes.length);
  if ("problem" in header) return header;
  const sections: Buffer[] = [];
  for (const [index, place] of header.sections.entries()) {
    const section = bytes.subarray(place.offset, place.offset + place.length);
    if (!sectionMatches(section, place)) return { problem: sectionMismatch(index) };
    sections.push(section);
  }
  return { meta: header.meta, sections };
}

export const sectionMismatch = (index: number): Message => cacheMessages.corruptEntry(`section ${index} checksum mismatch`);
