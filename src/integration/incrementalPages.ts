/**
 * The integration's side of Astro's incremental build (pageCacheKeys.ts keys the pages): the page
 * ledger of the build cache (core/cache/pageLedger.ts) and the trust in Astro's manifest of the
 * last build, `incremental-build.json` in Astro's cache folder. Astro writes that manifest when the
 * pages are written, before Runfolio checks what rendering found: a build that then fails (or is
 * killed) leaves a manifest that would let the next build skip the pages that failed it. So a
 * manifest counts only when the ledger a successful build saved names its digest; any other is
 * deleted before pages render, and every page is rendered again.
 *
 * Astro keeps a copy of every page it rendered (`dist/` in its cache folder) and copies it into
 * the site unread when it skips the page. The ledger holds each copy's SHA-256, and every copy is
 * checked against it before pages render: one that changed is deleted with CACHE009, so Astro
 * renders that page again instead of publishing damaged bytes.
 */
import { createHash } from "node:crypto";
import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { cacheMessages } from "../core/cache/cacheMessages.ts";
import type { DiskCache } from "../core/cache/diskCache.ts";
import { isInsidePath, PageLedger, saveLedger, type LedgerState } from "../core/cache/pageLedger.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import { contentDigest } from "../core/files/fileDigests.ts";
import { mapLimit } from "../core/files/limitConcurrency.ts";
import { currentPage, pageScope } from "./pageScope.ts";

const MANIFEST = "incremental-build.json";
/** Astro's copies of the pages, under its cache folder. */
const COPIES = "dist";
/** Copies read and hashed at once. */
const AT_ONCE = 8;

/** A ledger for this build, told by `cache` of every entry a page uses. */
export function pageLedgerOf(cache: DiskCache): PageLedger {
  const ledger = new PageLedger();
  pageScope().ledger = ledger;
  cache.setUseListener((file) => {
    const page = currentPage();
    if (page !== undefined) ledger.noteUse(page, file);
  });
  return ledger;
}

async function readManifest(astroCacheDir: string): Promise<Buffer | null> {
  try {
    return await readFile(path.join(astroCacheDir, MANIFEST));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** Deletes Astro's manifest unless `accepted` names it; true when one was deleted. */
export async function distrustUnacceptedManifest(astroCacheDir: string, accepted: LedgerState | null): Promise<boolean> {
  const bytes = await readManifest(astroCacheDir);
  if (!bytes || (accepted?.manifest && contentDigest(bytes) === accepted.manifest)) return false;
  await forgetManifest(astroCacheDir);
  return true;
}

export async function forgetManifest(astroCacheDir: string): Promise<void> {
  await rm(path.join(astroCacheDir, MANIFEST), { force: true });
}

/**
 * Every page in Astro's manifest (`routes[component].paths[path]`), with the path of its copy
 * when that stays inside the copies' folder; none when the manifest has another shape.
 */
export function manifestPages(json: unknown): { page: string; copy: string | null }[] {
  const routes = (json as { routes?: unknown } | null)?.routes;
  if (typeof routes !== "object" || routes === null) return [];
  const pages: { page: string; copy: string | null }[] = [];
  for (const route of Object.values(routes as Record<string, unknown>)) {
    const paths = (route as { paths?: unknown } | null)?.paths;
    if (typeof paths !== "object" || paths === null) continue;
    for (const [page, entry] of Object.entries(paths as Record<string, unknown>)) {
      const copy = (entry as { outputFile?: unknown } | null)?.outputFile;
      pages.push({ page, copy: isInsidePath(copy) ? copy : null });
    }
  }
  return pages;
}

/** Bytes read at a time when hashing a page copy. */
const CHUNK = 256 * 1024;
/** One read buffer per hashing slot, reused: 30,000 copies read whole made 900 MB of buffers for the allocator to hold. */
const buffers: Buffer[] = [];

/** SHA-256 of a file read in chunks into a reused buffer, or null when it does not exist. */
async function digestOfFile(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  const buffer = buffers.pop() ?? Buffer.allocUnsafe(CHUNK);
  try {
    const hash = createHash("sha256");
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest("hex");
  } finally {
    buffers.push(buffer);
    await handle.close();
  }
}

/**
 * Before pages render: deletes each of Astro's page copies whose bytes are not those the ledger
 * recorded (warned, CACHE009), so that Astro renders the page instead. Returns how many it deleted.
 */
export async function dropChangedCopies(astroCacheDir: string, accepted: LedgerState | null, warn: (d: Diagnostic) => void): Promise<number> {
  if (!accepted) return 0;
  const changed = await mapLimit([...accepted.copies], AT_ONCE, async ([copy, digest]) => {
    const file = path.join(astroCacheDir, COPIES, copy);
    const now = await digestOfFile(file);
    if (now === null || now === digest) return 0;
    await rm(file, { force: true });
    warn({ file: path.relative(process.cwd(), file) || file, line: 1, column: 1, severity: "warning", ...cacheMessages.changedPageCopy() });
    return 1;
  });
  return changed.reduce<number>((a, b) => a + b, 0);
}

/**
 * After a successful build: keeps the entries of the pages Astro skipped through `prune`, and
 * saves the ledger with the digest of the manifest Astro wrote.
 */
export async function savePageLedger(cache: DiskCache, ledger: PageLedger, previous: LedgerState | null, astroCacheDir: string): Promise<void> {
  const bytes = await readManifest(astroCacheDir);
  let pages: { page: string; copy: string | null }[] = [];
  if (bytes) {
    try {
      pages = manifestPages(JSON.parse(bytes.toString("utf8")));
    } catch {
      // Not JSON: no page is carried, and Astro ignores such a manifest too.
    }
  }
  const next = ledger.next(
    previous?.pages ?? new Map(),
    pages.map((p) => p.page),
  );
  cache.keepFiles(next.kept);
  // A skipped page's copy was checked before pages rendered; a rendered page's was just written.
  const digests = await mapLimit(pages, AT_ONCE, async ({ page, copy }) => {
    if (copy === null) return null;
    const known = ledger.wasRendered(page) ? undefined : previous?.copies.get(copy);
    return known ?? (await digestOfFile(path.join(astroCacheDir, COPIES, copy)));
  });
  const copies = new Map<string, string>();
  pages.forEach(({ copy }, i) => {
    if (copy !== null && digests[i]) copies.set(copy, digests[i]);
  });
  await saveLedger(cache, { manifest: bytes ? contentDigest(bytes) : null, pages: next.pages, copies });
}
