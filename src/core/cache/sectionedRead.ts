/**
 * Reads chosen sections of a sectioned cache entry (`sectionedEntry.ts`) with positioned reads:
 * the prefix (one read of 4 KB for most entries), then the wanted sections into one buffer, each
 * at an offset that is a multiple of 8 (adjacent ones in one read). Sections not read are not checked; each one read is, against the digest the checked header
 * lists for it (SHA-256 the first time, a CRC-32 memo after: see `SectionMemo`).
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { crc32 } from "node:zlib";
import type { Message } from "../diagnostics.ts";
import { cacheMessages } from "./cacheMessages.ts";
import {
  decodeSectionedHeader,
  SECTIONED_FIRST_READ,
  sectionedPrefixLength,
  sectionMatches,
  sectionMismatch,
  storedPrefixDigest,
  type SectionPlace,
} from "./sectionedEntry.ts";

/**
 * CRC-32 and SHA-256 of each part of a sectioned entry (its prefix, each section) that this process
 * verified or wrote, by file and part: reading the same bytes again skips their SHA-256. The digest
 * is kept so a memo stands only for the digest the header lists now. Held for every entry a build
 * reads (a history's, per run), so compactly: per file one buffer of each part's CRC and digest
 * bytes (about 0.4 KB for a history of five metrics, where a string key and an object per part took 2 KB).
 */
export class SectionMemo {
  /** Per file, per part (slot 0 the prefix, 1 + i section i): a known flag, the CRC, the digest's bytes. */
  private readonly files = new Map<string, Buffer>();

  remember(file: string, part: number | "prefix", crc: number, digest: string): void {
    const slot = slotOf(part);
    let memo = this.files.get(file);
    if (!memo || slot >= slotsIn(memo)) this.files.set(file, (memo = grown(memo, slot + 1)));
    const at = slot * SLOT_BYTES;
    memo.fill(0, at, at + SLOT_BYTES);
    const bytes = digestBytes(digest);
    if (bytes.length !== DIGEST_BYTES) return;
    memo[at] = 1;
    memo.writeUInt32LE(crc >>> 0, at + 1);
    bytes.copy(memo, at + 5);
  }

  /** Whether bytes with this CRC-32 were verified against `digest` as this part of this file. */
  has(file: string, part: number | "prefix", crc: number, digest: string): boolean {
    const memo = this.files.get(file);
    const slot = slotOf(part);
    if (!memo || slot >= slotsIn(memo)) return false;
    const at = slot * SLOT_BYTES;
    if (memo[at] !== 1 || memo.readUInt32LE(at + 1) !== crc >>> 0) return false;
    const want = digestBytes(digest);
    return want.length === DIGEST_BYTES && want.equals(memo.subarray(at + 5, at + SLOT_BYTES));
  }

  forget(file: string, part: number | "prefix"): void {
    const memo = this.files.get(file);
    const slot = slotOf(part);
    if (memo && slot < slotsIn(memo)) memo[slot * SLOT_BYTES] = 0;
  }
}

const DIGEST_BYTES = 32;
const SLOT_BYTES = 1 + 4 + DIGEST_BYTES;

function slotOf(part: number | "prefix"): number {
  return part === "prefix" ? 0 : part + 1;
}

function slotsIn(memo: Buffer): number {
  return memo.length / SLOT_BYTES;
}

/** A SHA-256 as hex to its 32 bytes (a malformed one to fewer, which is never remembered). */
function digestBytes(digest: string): Buffer {
  return Buffer.from(digest, "hex");
}

/** `memo` with room for `slots` parts (eight at least: the prefix and a history's columns). */
function grown(memo: Buffer | undefined, slots: number): Buffer {
  const next = Buffer.alloc(Math.max(slots, 8) * SLOT_BYTES);
  memo?.copy(next);
  return next;
}

export type SectionsRead = { meta: string; sections: Map<number, Buffer> } | { problem: Message } | { absent: true };

export type SectionPick = (meta: string) => readonly number[] | "all";

/** Reads `buffer.length` bytes at `position`; fewer only at the file's end. */
function readAt(fd: number, buffer: Buffer, start: number, position: number): number {
  let filled = start;
  while (filled < buffer.length) {
    const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, position + filled - start);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled - start;
}

function wantedSections(picked: readonly number[] | "all", count: number): number[] {
  if (picked === "all") return Array.from({ length: count }, (_, i) => i);
  for (const index of picked) {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`getSections: section ${String(index)} asked for, the entry has ${count} (0–${count - 1})`);
    }
  }
  return [...new Set(picked)].sort((a, b) => a - b);
}

/**
 * The entry at `file`'s meta and the sections `pick` names; a bad index from `pick` throws.
 * Synchronous reads (the function stays async for its callers): an entry's meta is one small read,
 * usually from the page cache, and an asynchronous open, stat, read and close cost several times
 * that in thread-pool round trips (10,000 facts read by a rebuild's check).
 */
export async function readSections(file: string, kind: string, key: string, pick: SectionPick, memo: SectionMemo): Promise<SectionsRead> {
  let handle: number;
  try {
    handle = openSync(file, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { absent: true };
    return { problem: cacheMessages.unreadable(code ?? String(e)) };
  }
  try {
    // The size (to find a cut or lengthened file) and the first bytes.
    const first = Buffer.allocUnsafe(SECTIONED_FIRST_READ);
    const { size } = fstatSync(handle);
    const firstRead = readAt(handle, first, 0, 0);
    const head = first.subarray(0, firstRead);
    if (firstRead < Math.min(SECTIONED_FIRST_READ, size)) return { problem: cacheMessages.truncatedEntry(size, firstRead) };
    const measured = sectionedPrefixLength(head, size);
    if ("problem" in measured) return measured;
    let prefix = head.subarray(0, measured.length);
    if (measured.length > head.length) {
      prefix = Buffer.allocUnsafe(measured.length);
      head.copy(prefix, 0);
      const rest = readAt(handle, prefix, head.length, head.length);
      if (head.length + rest < measured.length) return { problem: cacheMessages.truncatedEntry(measured.length, head.length + rest) };
    }
    const prefixCrc = crc32(prefix);
    const prefixDigest = storedPrefixDigest(prefix);
    const header = decodeSectionedHeader(prefix, kind, key, size, memo.has(file, "prefix", prefixCrc, prefixDigest));
    if ("problem" in header) {
      memo.forget(file, "prefix");
      return header;
    }
    memo.remember(file, "prefix", prefixCrc, prefixDigest);
    const wanted = wantedSections(pick(header.meta), header.sections.length);
    // One buffer for every wanted section, each at an offset that is a multiple of 8 (a caller
    // views a section as a Float64Array without a copy); sections next to each other on disk and
    // in the buffer are read with one call. One allocation a read, not one a section.
    const at: number[] = [];
    let total = 0;
    for (const index of wanted) {
      at.push(total);
      total += Math.ceil(header.sections[index]!.length / 8) * 8;
    }
    const all = Buffer.allocUnsafeSlow(total);
    for (let first = 0; first < wanted.length; ) {
      let last = first;
      while (last + 1 < wanted.length && wanted[last + 1] === wanted[last]! + 1 && header.sections[wanted[last]!]!.length % 8 === 0) last++;
      const from: SectionPlace = header.sections[wanted[first]!]!;
      const to: SectionPlace = header.sections[wanted[last]!]!;
      const length = to.offset + to.length - from.offset;
      const got = readAt(handle, all.subarray(at[first]!, at[first]! + length), 0, from.offset);
      if (got < length) return { problem: cacheMessages.truncatedEntry(from.offset + length, from.offset + got) };
      first = last + 1;
    }
    const sections = new Map<number, Buffer>();
    for (const [k, index] of wanted.entries()) {
      const place: SectionPlace = header.sections[index]!;
      const bytes = all.subarray(at[k]!, at[k]! + place.length);
      const crc = crc32(bytes);
      if (!memo.has(file, index, crc, place.digest)) {
        if (!sectionMatches(bytes, place)) {
          memo.forget(file, index);
          return { problem: sectionMismatch(index) };
        }
        memo.remember(file, index, crc, place.digest);
      }
      sections.set(index, bytes);
    }
    return { meta: header.meta, sections };
  } catch (e) {
    // A failed read or stat is the disk's problem (warned, missed); anything else (pick's) is the caller's.
    const failure = e as NodeJS.ErrnoException;
    if (typeof failure.syscall !== "string") throw e;
    return { problem: cacheMessages.unreadable(failure.code ?? String(e)) };
  } finally {
    try {
      closeSync(handle);
    } catch {
      // Nothing was written: a failed close loses nothing.
    }
  }
}
