import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { encodeCacheEntry } from "./cacheEntry.ts";
import { DiskCache } from "./diskCache.ts";
import { parseVerifiedEntries, restoreVerifiedEntries, saveVerifiedEntries } from "./verifiedEntryTable.ts";

let dir: string;
let warnings: Diagnostic[];
const cacheOf = () => new DiskCache({ dir, codeVersion: "code-1", warn: (d) => warnings.push(d) });

async function entryOf(kind: string): Promise<string> {
  const files = await readdir(path.join(dir, kind), { recursive: true, withFileTypes: true });
  const entry = files.find((f) => f.isFile() && f.name.endsWith(".bin"))!;
  return path.join(entry.parentPath, entry.name);
}

/** The entry's bytes with its last payload byte changed, its SHA-256 left as it was: damaged. */
function damaged(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length - 33] ^= 0x01;
  return copy;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-verified-"));
  warnings = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the build cache's table of verified entries", () => {
  it("lets the next build read an entry a build verified without its SHA-256, and checks changed bytes in full", async () => {
    const first = cacheOf();
    const key = first.keyOf("run-data", ["a"]);
    await first.set("run-data", key, Buffer.from("payload"));
    expect((await first.get("run-data", key))?.toString()).toBe("payload");
    await saveVerifiedEntries(first);

    const file = await entryOf("run-data");
    const good = await readFile(file);
    // The table vouches for these bytes by their CRC-32 alone: a table naming the CRC-32 of
    // damaged bytes (which no build writes) shows that the SHA-256 is skipped for them.
    const tableFile = await entryOf("verified-entries");
    const bad = damaged(good);
    const rows = JSON.stringify([[path.relative(dir, file).split(path.sep).join("/"), crc32(bad)]]);
    await writeFile(tableFile, encodeCacheEntry("verified-entries", first.keyOf("verified-entries", ["v1"]), Buffer.from(rows)));
    await writeFile(file, bad);
    const vouched = cacheOf();
    expect(await restoreVerifiedEntries(vouched)).toBe(1);
    expect(await vouched.get("run-data", key)).not.toBeNull();
    expect(warnings).toEqual([]);

    // With the table the first build saved, the same damaged bytes have another CRC-32: checked in full.
    await rm(path.join(dir, "verified-entries"), { recursive: true });
    await writeFile(file, good);
    const second = cacheOf();
    expect((await second.get("run-data", key))?.toString()).toBe("payload");
    await saveVerifiedEntries(second);
    await writeFile(file, bad);
    const third = cacheOf();
    expect(await restoreVerifiedEntries(third)).toBeGreaterThan(0);
    expect(await third.get("run-data", key)).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001"]);
  });

  it("keeps only entries the build used, and an unchanged table as it is", async () => {
    const first = cacheOf();
    const used = first.keyOf("png", ["used"]);
    const gone = first.keyOf("png", ["gone"]);
    await first.set("png", used, Buffer.from("a"));
    await first.set("png", gone, Buffer.from("b"));
    await saveVerifiedEntries(first);

    const second = cacheOf();
    await restoreVerifiedEntries(second);
    expect(await second.get("png", used)).not.toBeNull();
    const rows = second.verifiedEntries().map(([file]) => file);
    expect(rows).toContain(`png/${used.slice(0, 2)}/${used}.bin`);
    expect(rows).not.toContain(`png/${gone.slice(0, 2)}/${gone}.bin`);
    await saveVerifiedEntries(second);
    // A third build that reads the same: its table is the second's, kept, not written again.
    const third = cacheOf();
    await restoreVerifiedEntries(third);
    await third.get("png", used);
    const table = await entryOf("verified-entries");
    const before = (await stat(table)).ino;
    await saveVerifiedEntries(third);
    expect((await stat(table)).ino).toBe(before);
    expect(await third.prune()).toBe(1); // "gone", which no build since the first used
    expect(warnings).toEqual([]);
  });

  it("ignores a table that is not a list of [entry, CRC-32] with CACHE010", async () => {
    for (const text of ['{"a":1}', '[["../../etc/passwd.bin", 1]]', '[["png/ab/x.bin", 1]]', `[["png/00/${"0".repeat(64)}.bin", -1]]`, `[["png/00/${"0".repeat(64)}.bin", 4294967296]]`, "not json"]) {
      expect(parseVerifiedEntries(text)).toBeNull();
    }
    expect(parseVerifiedEntries(`[["png/00/${"0".repeat(64)}.bin", 4294967295]]`)).toEqual([[`png/00/${"0".repeat(64)}.bin`, 4294967295]]);
    const cache = cacheOf();
    await cache.set("verified-entries", cache.keyOf("verified-entries", ["v1"]), Buffer.from('{"a":1}'));
    expect(await restoreVerifiedEntries(cacheOf())).toBe(0);
    expect(warnings.map((w) => w.code)).toEqual(["CACHE010"]);
  });
});
