/**
 * The bytes of one cache entry: a fixed magic, the format version, a JSON header naming the
 * entry's kind and key, the payload, and a SHA-256 over everything before it. Decoding checks
 * each of these, so a truncated, corrupted or foreign file is a problem, never a result.
 */
import { createHash } from "node:crypto";
import type { Message } from "../diagnostics.ts";
import { cacheMessages } from "./cacheMessages.ts";

const MAGIC = Buffer.from("RUNFOLIO-CACHE\n\0", "latin1");
/** Bump when the layout of an entry changes. */
export const CACHE_FORMAT_VERSION = 1;
const CHECKSUM_BYTES = 32;

interface EntryHeader {
  kind: string;
  key: string;
  length: number;
}

export function encodeCacheEntry(kind: string, key: string, payload: Uint8Array): Buffer {
  return Buffer.concat(encodeCacheEntryParts(kind, key, payload));
}

/**
 * The bytes of `encodeCacheEntry` as the pieces they are made of, in order, the payload (one
 * array, or the pieces it is made of) not copied: a writer writes them one after the other (a parsed history's entry is ~0.5 MB, and
 * joining it twice cost more than hashing it).
 */
export function encodeCacheEntryParts(kind: string, key: string, payload: Uint8Array | readonly Uint8Array[]): Uint8Array[] {
  const pieces = payload instanceof Uint8Array ? [payload] : payload;
  const length = pieces.reduce((sum, p) => sum + p.length, 0);
  const header = Buffer.from(JSON.stringify({ kind, key, length } satisfies EntryHeader), "utf8");
  const fixed = Buffer.alloc(8);
  fixed.writeUInt32LE(CACHE_FORMAT_VERSION, 0);
  fixed.writeUInt32LE(header.length, 4);
  const hash = createHash("sha256").update(MAGIC).update(fixed).update(header);
  for (const p of pieces) hash.update(p);
  return [MAGIC, fixed, header, ...pieces, hash.digest()];
}

/**
 * The payload, or the problem that makes the entry unusable. `checked`: these very bytes were
 * verified before (see `DiskCache`), so the SHA-256 is not computed again; the rest is.
 */
export function decodeCacheEntry(bytes: Buffer<ArrayBuffer>, kind: string, key: string, checked = false): { payload: Buffer<ArrayBuffer> } | { problem: Message } {
  const fixedEnd = MAGIC.length + 8;
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    if (bytes.length < MAGIC.length && MAGIC.subarray(0, bytes.length).equals(bytes)) return { problem: cacheMessages.truncatedEntry(fixedEnd, bytes.length) };
    return { problem: cacheMessages.foreignEntry("it does not start with a Runfolio cache header") };
  }
  if (bytes.length < fixedEnd) return { problem: cacheMessages.truncatedEntry(fixedEnd, bytes.length) };
  const version = bytes.readUInt32LE(MAGIC.length);
  if (version !== CACHE_FORMAT_VERSION) return { problem: cacheMessages.foreignEntry(`format version ${version}, this Runfolio writes ${CACHE_FORMAT_VERSION}`) };
  const headerLength = bytes.readUInt32LE(MAGIC.length + 4);
  if (bytes.length < fixedEnd + headerLength) return { problem: cacheMessages.truncatedEntry(fixedEnd + headerLength + CHECKSUM_BYTES, bytes.length) };
  let header: EntryHeader;
  try {
    header = JSON.parse(bytes.toString("utf8", fixedEnd, fixedEnd + headerLength)) as EntryHeader;
  } catch {
    return { problem: cacheMessages.corruptEntry("its header is not valid JSON") };
  }
  if (typeof header !== "object" || header === null || typeof header.length !== "number" || !Number.isSafeInteger(header.length) || header.length < 0) {
    return { problem: cacheMessages.corruptEntry("its header has no payload length") };
  }
  const total = fixedEnd + headerLength + header.length + CHECKSUM_BYTES;
  if (bytes.length < total) return { problem: cacheMessages.truncatedEntry(total, bytes.length) };
  if (bytes.length > total) return { problem: cacheMessages.corruptEntry(`${bytes.length - total} bytes after its end`) };
  const bodyEnd = total - CHECKSUM_BYTES;
  if (!checked && !createHash("sha256").update(bytes.subarray(0, bodyEnd)).digest().equals(bytes.subarray(bodyEnd))) {
    return { problem: cacheMessages.corruptEntry("checksum mismatch") };
  }
  if (header.kind !== kind || header.key !== key) return { problem: cacheMessages.foreignEntry(`it holds ${String(header.kind)} ${String(header.key).slice(0, 12)}…, not ${kind} ${key.slice(0, 12)}…`) };
  return { payload: bytes.subarray(fixedEnd + headerLength, bodyEnd) };
}
