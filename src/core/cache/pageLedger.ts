/**
 * Which build-cache entries each page used when it was last rendered, kept from build to build.
 * Astro's incremental build copies an unchanged page instead of rendering it (pageCacheKeys.ts),
 * so nothing of that page runs and nothing it would read is marked used: without the ledger,
 * `DiskCache.prune` would delete the entries of every skipped page, and the first change that
 * renders them again (a new commit, a changed run) would compute them all from scratch.
 *
 * A page rendered in this build records what it read or wrote; a page Astro skipped keeps the
 * record of the build that rendered it; a page that no longer exists is dropped with its record.
 * The ledger also names the Astro manifest it goes with: a manifest no successful build accepted
 * (the build failed after Astro wrote it) is not trusted to skip anything (see the integration).
 */
import { cacheMessages } from "./cacheMessages.ts";
import { isEntryPath, parsedJson, restoreTable, saveTable, type CacheTable } from "./cacheTable.ts";
import type { DiskCache } from "./diskCache.ts";

const KIND = "page-ledger";
const HEX64 = /^[0-9a-f]{64}$/;

export interface LedgerState {
  /** SHA-256 of the Astro manifest this build wrote, or null when it wrote none. */
  manifest: string | null;
  /** Page (its path, as Astro's manifest names it) → cache entries it used, relative to the cache folder. */
  pages: Map<string, readonly string[]>;
  /**
   * Astro's copy of each page (its path under Astro's cache folder's `dist/`) → SHA-256 of its
   * bytes: a copy is checked before Astro may publish it again (incrementalPages.ts).
   */
  copies: Map<string, string>;
}

/** The pages rendered by this process, each with the entries it used. */
export class PageLedger {
  private readonly rendered = new Map<string, Set<string>>();

  /** A page starts rendering (it is recorded even if it uses no entry). */
  enter(page: string): void {
    if (!this.rendered.has(page)) this.rendered.set(page, new Set());
  }

  wasRendered(page: string): boolean {
    return this.rendered.has(page);
  }

  /** `page` read or wrote the entry `file` (relative to the cache folder). */
  noteUse(page: string, file: string): void {
    let files = this.rendered.get(page);
    if (!files) this.rendered.set(page, (files = new Set()));
    files.add(file);
  }

  /**
   * The ledger after this build, from the last one: `pages` are every page Astro knows now (its
   * manifest). Returns it with the entries of the pages that were skipped, to keep through `prune`.
   */
  next(previous: ReadonlyMap<string, readonly string[]>, pages: Iterable<string>): { pages: Map<string, readonly string[]>; kept: string[] } {
    const out = new Map<string, readonly string[]>();
    const kept = new Set<string>();
    for (const page of pages) {
      const used = this.rendered.get(page);
      if (used) out.set(page, [...used].sort());
      else {
        const before = previous.get(page);
        if (!before) continue;
        out.set(page, before);
        for (const file of before) kept.add(file);
      }
    }
    return { pages: out, kept: [...kept].sort() };
  }
}

/** A relative POSIX path that stays inside its folder: no "..", no absolute path, no backslash. */
export function isInsidePath(value: unknown): value is string {
  return typeof value === "string" && value !== "" && !value.startsWith("/") && !value.includes("\\") && !value.includes("\0") && value.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

/** The state in an entry's payload, or null when it does not hold one. */
export function parseLedger(text: string): LedgerState | null {
  const value = parsedJson(text);
  if (typeof value !== "object" || value === null) return null;
  const { manifest, pages, copies } = value as { manifest?: unknown; pages?: unknown; copies?: unknown };
  if (!(manifest === null || (typeof manifest === "string" && HEX64.test(manifest))) || !Array.isArray(pages) || !Array.isArray(copies)) return null;
  const out = new Map<string, readonly string[]>();
  for (const row of pages as unknown[]) {
    if (!Array.isArray(row) || row.length !== 2 || typeof row[0] !== "string" || !Array.isArray(row[1])) return null;
    // Entry paths stay inside the cache folder: relative, no "..", no absolute path.
    if (!(row[1] as unknown[]).every(isEntryPath)) return null;
    out.set(row[0], row[1] as string[]);
  }
  const copyDigests = new Map<string, string>();
  for (const row of copies as unknown[]) {
    if (!Array.isArray(row) || row.length !== 2 || !isInsidePath(row[0]) || typeof row[1] !== "string" || !HEX64.test(row[1])) return null;
    copyDigests.set(row[0], row[1]);
  }
  return { manifest, pages: out, copies: copyDigests };
}

const table: CacheTable<LedgerState> = { kind: KIND, parse: parseLedger, invalid: cacheMessages.badPageLedger };

/** The ledger the last successful build saved; null when none, or damaged (warned, CACHE008). */
export async function restoreLedger(cache: DiskCache): Promise<LedgerState | null> {
  return restoreTable(cache, table);
}

/** Saves the ledger for the next build (after a complete build, before pruning). */
export async function saveLedger(cache: DiskCache, state: LedgerState): Promise<void> {
  const pages = [...state.pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const copies = [...state.copies].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await saveTable(cache, KIND, JSON.stringify({ manifest: state.manifest, pages, copies }));
}
