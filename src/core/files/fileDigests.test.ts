import { mkdtemp, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { adoptFileStamps, clearFileStamps, contentDigest, fileDigest, fileStamps, knownDigest, readDigested, SETTLED_MS } from "./fileDigests.ts";

let dir: string;
const realNow = Date.now;
/** Reads happen as if the files had been written long ago (their change time is now). */
const settleFiles = () => vi.spyOn(Date, "now").mockImplementation(() => realNow() + 2 * SETTLED_MS);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-digests-"));
  clearFileStamps();
});
afterEach(async () => {
  vi.restoreAllMocks();
  clearFileStamps();
  await rm(dir, { recursive: true, force: true });
});

describe("file digests", () => {
  it("remembers a settled file's digest and gives it back without reading while the file is unchanged", async () => {
    const file = path.join(dir, "history.csv");
    await writeFile(file, "step,loss\n0,1\n");
    settleFiles();
    const { bytes, digest } = await readDigested(file);
    expect(bytes.toString()).toBe("step,loss\n0,1\n");
    expect(digest).toBe(contentDigest("step,loss\n0,1\n"));
    expect(await knownDigest(file)).toBe(digest);
    expect(await fileDigest(file)).toBe(digest);
    expect(fileStamps().map(([f, , d]) => [f, d])).toEqual([[file, digest]]);
  });

  it("detects a write that keeps the size and the modification time (the change time moves)", async () => {
    const file = path.join(dir, "history.csv");
    await writeFile(file, "step,loss\n0,1\n");
    await utimes(file, 1_700_000_000, 1_700_000_000);
    settleFiles();
    await readDigested(file);
    const before = await stat(file, { bigint: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(file, "step,loss\n0,2\n");
    await utimes(file, 1_700_000_000, 1_700_000_000);
    const after = await stat(file, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(await knownDigest(file)).toBeNull();
    expect(await fileDigest(file)).toBe(contentDigest("step,loss\n0,2\n"));
  });

  it("detects a file replaced by another of the same size (another inode)", async () => {
    const file = path.join(dir, "run.json");
    await writeFile(file, '{"a":1}');
    settleFiles();
    await readDigested(file);
    await writeFile(path.join(dir, "new.json"), '{"a":2}');
    await rename(path.join(dir, "new.json"), file);
    expect(await knownDigest(file)).toBeNull();
    expect(await fileDigest(file)).toBe(contentDigest('{"a":2}'));
  });

  it("keeps no stamp for a file that changed moments before it was read: it is read again every time", async () => {
    const file = path.join(dir, "history.csv");
    await writeFile(file, "x\n");
    expect((await readDigested(file)).digest).toBe(contentDigest("x\n"));
    expect(await knownDigest(file)).toBeNull();
    expect(fileStamps()).toEqual([]);
  });

  it("uses an adopted stamp only when the file's identity matches it now; a deleted file is unknown", async () => {
    const file = path.join(dir, "history.csv");
    await writeFile(file, "x\n");
    settleFiles();
    const { digest } = await readDigested(file);
    const saved = fileStamps();
    clearFileStamps();
    adoptFileStamps([[file, "1:2:3:4:5", "f".repeat(64)]]);
    expect(await knownDigest(file)).toBeNull();
    clearFileStamps();
    adoptFileStamps(saved);
    expect(await knownDigest(file)).toBe(digest);
    // The process's own stamp wins over an adopted one.
    adoptFileStamps([[file, "1:2:3:4:5", "f".repeat(64)]]);
    expect(await knownDigest(file)).toBe(digest);
    await rm(file);
    expect(await knownDigest(file)).toBeNull();
  });
});
