import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { clearFileStamps, fileStamps, knownDigest, readDigested, SETTLED_MS } from "../files/fileDigests.ts";
import { encodeCacheEntry } from "./cacheEntry.ts";
import { DiskCache } from "./diskCache.ts";
import { parseFileStamps, restoreFileStamps, saveFileStamps } from "./fileStampTable.ts";

let dir: string;
let warnings: Diagnostic[];
const cacheOf = () => new DiskCache({ dir: path.join(dir, "cache"), codeVersion: "code-1", warn: (d) => warnings.push(d) });
const realNow = Date.now;

async function stampsEntry(): Promise<string> {
  const folder = path.join(dir, "cache", "file-stamps");
  const files = await readdir(folder, { recursive: true, withFileTypes: true });
  const entry = files.find((f) => f.isFile() && f.name.endsWith(".bin"))!;
  return path.join(entry.parentPath, entry.name);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-stamp-table-"));
  warnings = [];
  clearFileStamps();
  await writeFile(path.join(dir, "history.csv"), "step,loss\n0,1\n");
  vi.spyOn(Date, "now").mockImplementation(() => realNow() + 2 * SETTLED_MS);
});
afterEach(async () => {
  vi.restoreAllMocks();
  clearFileStamps();
  await rm(dir, { recursive: true, force: true });
});

describe("the build cache's file stamps", () => {
  it("are saved by one build and let the next know an unchanged file's digest without reading it", async () => {
    const file = path.join(dir, "history.csv");
    const { digest } = await readDigested(file);
    await saveFileStamps(cacheOf());
    clearFileStamps();
    expect(await knownDigest(file)).toBeNull();
    expect(await restoreFileStamps(cacheOf())).toBe(1);
    expect(await knownDigest(file)).toBe(digest);
    expect(warnings).toEqual([]);
    // Nothing changed: the entry is kept as it is, not written again.
    const entry = await stampsEntry();
    const before = (await stat(entry)).ino;
    const cache = cacheOf();
    await restoreFileStamps(cache);
    await saveFileStamps(cache);
    expect((await stat(entry)).ino).toBe(before);
  });

  it("are ignored with a warning when the entry is damaged (CACHE001) or holds something else (CACHE006)", async () => {
    await readDigested(path.join(dir, "history.csv"));
    await saveFileStamps(cacheOf());
    const entry = await stampsEntry();
    const good = await readFile(entry);
    const damaged = Buffer.from(good);
    damaged[damaged.length - 40] ^= 1;
    await writeFile(entry, damaged);
    clearFileStamps();
    expect(await restoreFileStamps(cacheOf())).toBe(0);
    expect(fileStamps()).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001"]);

    // A well-formed entry (right kind, key and checksum) whose payload is not a stamp list.
    const key = path.basename(entry, ".bin");
    await writeFile(entry, encodeCacheEntry("file-stamps", key, Buffer.from(JSON.stringify([["a", "b", "not a digest"]]))));
    expect(await restoreFileStamps(cacheOf())).toBe(0);
    expect(fileStamps()).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001", "CACHE006"]);
  });

  it("parse only lists of [path, identity, SHA-256 hex]", () => {
    const digest = "a".repeat(64);
    expect(parseFileStamps(JSON.stringify([["/x", "1:2:3:4:5", digest]]))).toEqual([["/x", "1:2:3:4:5", digest]]);
    expect(parseFileStamps("{}")).toBeNull();
    expect(parseFileStamps("[[1,2,3]]")).toBeNull();
    expect(parseFileStamps(JSON.stringify([["/x", "id"]]))).toBeNull();
    expect(parseFileStamps("not json")).toBeNull();
  });
});
