/**
 * One SHA-256 per data file per process, shared by everything that needs it (the content loader,
 * the check and the pages of a build each asked for every run file's digest, and each read and
 * hashed the file again). Node-only.
 *
 * A digest is remembered with the file's identity as `stat` gives it: device, inode, size, and
 * modification and change times in nanoseconds. A later request `stat`s the file and gets the
 * remembered digest only when all five are the same; anything else reads and hashes it again.
 * Every write to a file sets its change time (which no user tool can set back), so a changed file
 * is always read again. The one way a write could keep every field is landing in the same tick of
 * the filesystem's clock as the change that was stamped; so a stamp is only kept when the file's
 * change time is at least `SETTLED_MS` older than the start of the read (as git does for its
 * index). A file written moments before it is read is then simply read again next time.
 */
import { statSync, type BigIntStats } from "node:fs";
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { withFileHandle } from "./boundedFiles.ts";

/**
 * How long ago a file must have last changed, when it is read, for its digest to be reused
 * without reading it: longer than any filesystem's timestamp granularity (FAT: 2 s).
 */
export const SETTLED_MS = 3000;

/** SHA-256, hex: the content digest of run files (faster than SHA-1 where the CPU accelerates it). */
export function contentDigest(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A file's identity as `stat` sees it: equal identities mean the file was not written in between. */
export function fileIdentity(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

interface Stamp {
  identity: string;
  digest: string;
}

// On globalThis so that every copy of this module (the content layer's, the pages' bundle) shares them.
const STAMPS_KEY = Symbol.for("runfolio.files.digests");

function stamps(): Map<string, Stamp> {
  const g = globalThis as unknown as Record<symbol, Map<string, Stamp> | undefined>;
  return (g[STAMPS_KEY] ??= new Map());
}

/** The digest of `absolute` if the file is still the one it was computed from (one `stat`), else null. */
export async function knownDigest(absolute: string): Promise<string | null> {
  const stamp = stamps().get(absolute);
  if (!stamp) return null;
  let info: BigIntStats;
  try {
    // Synchronous: a stat is a few microseconds, its asynchronous round trip several times that.
    info = statSync(absolute, { bigint: true });
  } catch {
    return null;
  }
  return fileIdentity(info) === stamp.identity ? stamp.digest : null;
}

/** Whether a file whose identity was taken before a read started at `startedMs` may be stamped. */
export function settled(info: BigIntStats, startedMs: number): boolean {
  return info.ctimeNs < BigInt(startedMs - SETTLED_MS) * 1_000_000n;
}

/**
 * A whole file and its digest, read through the process's file-handle gate; the digest is
 * remembered when the file had settled. The identity is taken before the bytes are read, so a
 * write during the read leaves a stamp that no longer matches.
 */
export async function readDigested(absolute: string): Promise<{ bytes: Buffer; digest: string }> {
  const started = Date.now();
  const { bytes, info } = await withFileHandle(async () => {
    const handle = await open(absolute, "r");
    try {
      const info = await handle.stat({ bigint: true });
      return { info, bytes: await handle.readFile() };
    } finally {
      await handle.close();
    }
  });
  const digest = contentDigest(bytes);
  rememberDigest(absolute, info, started, digest);
  return { bytes, digest };
}

/**
 * Remembers the digest of a read that started at `startedMs`, of a file whose identity `info` was
 * taken before it, when the file had settled (else forgets any older stamp).
 */
export function rememberDigest(absolute: string, info: BigIntStats, startedMs: number, digest: string): void {
  if (settled(info, startedMs)) stamps().set(absolute, { identity: fileIdentity(info), digest });
  else stamps().delete(absolute);
}

/** The digest of a file: remembered when it did not change, else read and hashed. */
export async function fileDigest(absolute: string): Promise<string> {
  return (await knownDigest(absolute)) ?? (await readDigested(absolute)).digest;
}

/** Every stamp of this process, `[absolute path, identity, digest]`, sorted (saved by the build cache). */
export function fileStamps(): [string, string, string][] {
  return [...stamps()].map(([file, s]): [string, string, string] => [file, s.identity, s.digest]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Stamps saved by an earlier build, for files this process has not stamped itself. They are only
 * ever used through `knownDigest`, which compares the file's identity as it is now.
 */
export function adoptFileStamps(saved: readonly (readonly [string, string, string])[]): void {
  const map = stamps();
  for (const [file, identity, digest] of saved) if (!map.has(file)) map.set(file, { identity, digest });
}

/** Forgets every stamp (tests; `clearRunCaches`). */
export function clearFileStamps(): void {
  stamps().clear();
}
