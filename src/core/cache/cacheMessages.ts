/**
 * Message catalog for the build cache (`src/core/cache/`). Codes are permanent. Every problem
 * with an entry is a warning: the entry is ignored and its result computed again, never trusted.
 */
import type { Message } from "../diagnostics.ts";

export const cacheMessages = {
  corruptEntry: (detail: string): Message => ({
    code: "CACHE001",
    message: `corrupt cache entry (${detail}); it is ignored and computed again`,
    hint: "nothing to do; if it happens on every build, delete the cache folder",
  }),
  truncatedEntry: (expected: number, found: number): Message => ({
    code: "CACHE002",
    message: `truncated cache entry: expected ${expected} bytes, found ${found}; it is ignored and computed again`,
    hint: "a build was probably stopped while another tool copied the cache; nothing to do",
  }),
  foreignEntry: (detail: string): Message => ({
    code: "CACHE003",
    message: `not an entry of this cache (${detail}); it is ignored and computed again`,
    hint: "the cache folder holds files of another program or another cache format; point RUNFOLIO_CACHE_DIR at a folder of its own",
  }),
  unwritable: (detail: string): Message => ({
    code: "CACHE004",
    message: `cannot write to the build cache: ${detail}; the build goes on without saving results`,
    hint: "check that the cache folder is writable and the disk has room, or set RUNFOLIO_CACHE_DIR to another folder",
  }),
  unreadable: (detail: string): Message => ({
    code: "CACHE005",
    message: `cannot read a cache entry: ${detail}; it is computed again`,
  }),
  badFileStamps: (): Message => ({
    code: "CACHE006",
    message: "the build cache's table of file stamps is not a list of [path, identity, digest]; it is ignored and every run file is hashed again",
    hint: "nothing to do: the next complete build writes a new one",
  }),
  invalidResult: (kind: string): Message => ({
    code: "CACHE007",
    message: `a ${kind} cache entry passed its checksum but does not hold a ${kind} result; it is ignored and computed again`,
    hint: "the cache folder was written by a modified Runfolio; delete it if this repeats",
  }),
  badPageLedger: (): Message => ({
    code: "CACHE008",
    message: "the build cache's ledger of pages is not a list of pages and the entries each used; it is ignored, and every page is rendered again",
    hint: "nothing to do: the next complete build writes a new one",
  }),
  changedPageCopy: (): Message => ({
    code: "CACHE009",
    message: "Astro's copy of a page from the last build does not hold the bytes that build wrote; it is deleted and the page rendered again",
    hint: "nothing to do; if it happens on every build, delete the cache folder",
  }),
  badVerifiedEntries: (): Message => ({
    code: "CACHE010",
    message: "the build cache's table of verified entries is not a list of [entry, CRC-32]; it is ignored, and every entry read is checked in full",
    hint: "nothing to do: the next complete build writes a new one",
  }),
};
