import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { encodeCacheEntry } from "./cacheEntry.ts";
import { DiskCache } from "./diskCache.ts";
import { decodeSectionedHeader, encodeSectionedEntry, sectionedEntryParts, sectionedPrefixLength } from "./sectionedEntry.ts";

let dir: string;
let warnings: Diagnostic[];
const cacheOf = (codeVersion = "code-1") => new DiskCache({ dir, codeVersion, warn: (d) => warnings.push(d) });

async function entryFiles(): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-cache-test-"));
  warnings = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("DiskCache", () => {
  it("returns what was stored under the same inputs (a hit), in a new process's cache too", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    await cache.set("history", key, Buffer.from("payload"));
    expect((await cacheOf().get("history", key))?.toString()).toBe("payload");
    expect(warnings).toEqual([]);
    // Atomic writes leave no temporary files behind.
    expect((await entryFiles()).every((f) => f.endsWith(".bin"))).toBe(true);
  });

  it("misses when an input changes (another file digest) or the code version changes", async () => {
    const cache = cacheOf();
    await cache.set("history", cache.keyOf("history", ["digest-a"]), Buffer.from("old"));
    expect(await cache.get("history", cache.keyOf("history", ["digest-b"]))).toBeNull();
    const newer = cacheOf("code-2");
    expect(newer.keyOf("history", ["digest-a"])).not.toBe(cache.keyOf("history", ["digest-a"]));
    expect(await newer.get("history", newer.keyOf("history", ["digest-a"]))).toBeNull();
    // Inputs are length-prefixed: ["ab", "c"] and ["a", "bc"] are different keys.
    expect(cache.keyOf("k", ["ab", "c"])).not.toBe(cache.keyOf("k", ["a", "bc"]));
    expect(warnings).toEqual([]);
  });

  it("reads an entry it verified again without trusting changed bytes", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    await cache.set("history", key, Buffer.from("0123456789"));
    // Read twice: the second read's bytes match what this cache verified.
    expect((await cache.get("history", key))?.toString()).toBe("0123456789");
    expect((await cache.get("history", key))?.toString()).toBe("0123456789");
    const [file] = await entryFiles();
    const bytes = await readFile(file!);
    bytes[bytes.length - 40] ^= 0xff; // a payload byte, after two good reads
    await writeFile(file!, bytes);
    expect(await cache.get("history", key)).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001"]);
    // Another key's entry copied over it (bytes never seen by this cache) is foreign.
    const other = cache.keyOf("history", ["digest-b"]);
    await writeFile(file!, encodeCacheEntry("history", other, Buffer.from("0123456789")));
    expect(await cache.get("history", key)).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001", "CACHE003"]);
  });

  it("writes one key twice at once (two runs with equal files) without a warning", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["same-digest"]);
    await Promise.all([cache.set("history", key, Buffer.from("same")), cache.set("history", key, Buffer.from("same"))]);
    expect(warnings).toEqual([]);
    expect((await cacheOf().get("history", key))?.toString()).toBe("same");
    expect((await entryFiles()).every((f) => f.endsWith(".bin"))).toBe(true);
  });

  it("ignores a corrupt entry with CACHE001 and recomputes", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("png", ["svg"]);
    await cache.set("png", key, Buffer.from("0123456789"));
    const [file] = await entryFiles();
    const bytes = await readFile(file!);
    bytes[bytes.length - 40] ^= 0xff; // a payload byte
    await writeFile(file!, bytes);
    expect(await cache.get("png", key)).toBeNull();
    expect(warnings.map((w) => [w.code, w.severity])).toEqual([["CACHE001", "warning"]]);
    expect(warnings[0]!.message).toContain("checksum mismatch");
    // Computed again and stored over it: then a hit.
    await cache.set("png", key, Buffer.from("0123456789"));
    expect((await cache.get("png", key))?.toString()).toBe("0123456789");
  });

  it("ignores a truncated entry with CACHE002", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("png", ["svg"]);
    await cache.set("png", key, Buffer.alloc(1000, 7));
    const [file] = await entryFiles();
    const bytes = await readFile(file!);
    for (const cut of [bytes.length - 1, 500, 20, 5]) {
      await writeFile(file!, bytes.subarray(0, cut));
      expect(await cache.get("png", key)).toBeNull();
    }
    expect(warnings.map((w) => w.code)).toEqual(["CACHE002", "CACHE002", "CACHE002", "CACHE002"]);
    expect(warnings[0]!.message).toContain(`expected ${bytes.length} bytes, found ${bytes.length - 1}`);
  });

  it("ignores foreign entries with CACHE003: another program's file, another format version, another key", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("source", ["d"]);
    await cache.set("source", key, Buffer.from("{}"));
    const [file] = await entryFiles();
    await writeFile(file!, "{\"runs\": []}\n");
    expect(await cache.get("source", key)).toBeNull();
    const other = encodeCacheEntry("source", key, Buffer.from("{}"));
    other.writeUInt32LE(99, 16); // format version
    await writeFile(file!, other);
    expect(await cache.get("source", key)).toBeNull();
    // A valid entry of another key copied into this one's place (a checksum alone would pass).
    await writeFile(file!, encodeCacheEntry("source", cache.keyOf("source", ["other"]), Buffer.from("{}")));
    expect(await cache.get("source", key)).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE003", "CACHE003", "CACHE003"]);
    expect(warnings[1]!.message).toContain("format version 99");
  });

  it("warns once with CACHE004 when it cannot write, and the caller goes on", async () => {
    await writeFile(path.join(dir, "blocker"), "a file where the cache folder should be");
    const cache = new DiskCache({ dir: path.join(dir, "blocker"), codeVersion: "c", warn: (d) => warnings.push(d) });
    await cache.set("png", cache.keyOf("png", ["a"]), Buffer.from("x"));
    await cache.set("png", cache.keyOf("png", ["b"]), Buffer.from("y"));
    expect(warnings.map((w) => w.code)).toEqual(["CACHE004"]);
  });

  it("prune() removes the entries this process did not use", async () => {
    const old = cacheOf();
    await old.set("png", old.keyOf("png", ["gone"]), Buffer.from("a"));
    await old.set("png", old.keyOf("png", ["kept"]), Buffer.from("b"));
    const next = cacheOf();
    expect(await next.get("png", next.keyOf("png", ["kept"]))).not.toBeNull();
    expect(await next.prune()).toBe(1);
    expect(await next.get("png", next.keyOf("png", ["kept"]))).not.toBeNull();
    expect(await cacheOf().get("png", old.keyOf("png", ["gone"]))).toBeNull();
  });

  it("keep() saves an entry from prune() without reading it", async () => {
    const old = cacheOf();
    await old.set("history", old.keyOf("history", ["still-there"]), Buffer.from("a"));
    await old.set("history", old.keyOf("history", ["gone"]), Buffer.from("b"));
    const next = cacheOf();
    next.keep("history", next.keyOf("history", ["still-there"]));
    expect(await next.prune()).toBe(1);
    expect((await cacheOf().get("history", old.keyOf("history", ["still-there"])))?.toString()).toBe("a");
    expect(await cacheOf().get("history", old.keyOf("history", ["gone"]))).toBeNull();
  });
});

describe("DiskCache sectioned entries (setSections / getSections)", () => {
  // Seven columns of a history: section i holds i*1000 … i*1000+n-1 as Float64.
  const column = (i: number, n = 50) => Float64Array.from({ length: n }, (_, j) => i * 1000 + j);
  const bytesOf = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const seven = (n = 50) => Array.from({ length: 7 }, (_, i) => bytesOf(column(i, n)));
  const meta = JSON.stringify({ rows: 50, columns: ["step", "time", "a", "b", "c", "d", "e"] });
  const values = (b: Buffer) => Array.from(new Float64Array(b.buffer, b.byteOffset, b.length / 8));

  /** The file offset of section `index` of the one entry in the cache folder. */
  async function sectionOffset(file: string, index: number): Promise<number> {
    const bytes = await readFile(file);
    const measured = sectionedPrefixLength(bytes, bytes.length);
    if ("problem" in measured) throw new Error(measured.problem.message);
    const header = decodeSectionedHeader(bytes.subarray(0, measured.length), "history", path.basename(file, ".bin"), bytes.length);
    if ("problem" in header) throw new Error(header.problem.message);
    return header.sections[index]!.offset;
  }

  async function flip(file: string, at: number): Promise<void> {
    const bytes = await readFile(file);
    bytes[at]! ^= 0xff;
    await writeFile(file, bytes);
  }

  it("gives back the meta and the picked sections (a subset, none, all), in this process and a new one", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    await cache.setSections("history", key, meta, [seven()[0]!, [seven()[1]!.subarray(0, 80), seven()[1]!.subarray(80)], ...seven().slice(2)]);
    for (const reader of [cache, cacheOf()]) {
      const seen: string[] = [];
      const picked = await reader.getSections("history", key, (m) => (seen.push(m), [5, 2]));
      expect(seen).toEqual([meta]);
      expect(picked?.meta).toBe(meta);
      expect([...picked!.sections.keys()]).toEqual([2, 5]);
      expect(values(picked!.sections.get(2)!)).toEqual(Array.from(column(2)));
      expect(values(picked!.sections.get(5)!)).toEqual(Array.from(column(5)));
      const metaOnly = await reader.getSections("history", key, () => []);
      expect(metaOnly).toEqual({ meta, sections: new Map() });
      const all = await reader.getSections("history", key, () => "all");
      expect([...all!.sections.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(values(all!.sections.get(1)!)).toEqual(Array.from(column(1)));
    }
    expect(warnings).toEqual([]);
    expect((await entryFiles()).every((f) => f.endsWith(".bin"))).toBe(true);
    expect(await cache.getSections("history", cache.keyOf("history", ["absent"]), () => "all")).toBeNull();
    expect(warnings).toEqual([]);
  });

  it("returns each section at an offset a Float64Array can view without a copy, one buffer a read", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    await cache.setSections("history", key, meta, [Buffer.from("odd"), ...seven()]);
    for (const reader of [cache, cacheOf()]) {
      for (const pick of ["all", [2, 4, 5]] as const) {
        const read = await reader.getSections("history", key, () => pick);
        const buffers = [...read!.sections.values()];
        for (const b of buffers) expect(b.byteOffset % 8).toBe(0);
        expect(new Set(buffers.map((b) => b.buffer)).size).toBe(1);
        const four = read!.sections.get(4)!;
        expect(Array.from(new Float64Array(four.buffer, four.byteOffset, four.length / 8))).toEqual(Array.from(column(3)));
        expect(read!.sections.get(0)?.toString()).toBe(pick === "all" ? "odd" : undefined);
      }
    }
  });

  it("reads a header longer than the first read (a long meta)", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    const long = JSON.stringify({ columns: Array.from({ length: 2000 }, (_, i) => `metric/${i}`) });
    await cache.setSections("history", key, long, seven());
    const read = await cacheOf().getSections("history", key, () => [6]);
    expect(read?.meta).toBe(long);
    expect(values(read!.sections.get(6)!)).toEqual(Array.from(column(6)));
  });

  it("finds a changed byte in a section it reads (CACHE001), not in one it does not read", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    await cache.setSections("history", key, meta, seven());
    const [file] = await entryFiles();
    await flip(file!, (await sectionOffset(file!, 3)) + 17);
    for (const reader of [cache, cacheOf()]) {
      const read = await reader.getSections("history", key, () => [2, 5]);
      expect(values(read!.sections.get(5)!)).toEqual(Array.from(column(5)));
    }
    expect(warnings).toEqual([]);
    expect(await cache.getSections("history", key, () => [3])).toBeNull();
    expect(await cacheOf().getSections("history", key, () => [2, 3])).toBeNull();
    expect(await cacheOf().getSections("history", key, () => "all")).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001", "CACHE001", "CACHE001"]);
    expect(warnings[0]!.message).toContain("section 3 checksum mismatch");
  });

  it("finds a byte changed after two good reads (the CRC-32 memo path), in a section and in the header", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    await cache.setSections("history", key, meta, seven());
    const [file] = await entryFiles();
    expect(await cache.getSections("history", key, () => [2])).not.toBeNull();
    expect(await cache.getSections("history", key, () => [2])).not.toBeNull();
    await flip(file!, (await sectionOffset(file!, 2)) + 3);
    expect(await cache.getSections("history", key, () => [2])).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001"]);
    await cache.setSections("history", key, meta, seven());
    expect(await cache.getSections("history", key, () => [])).not.toBeNull();
    expect(await cache.getSections("history", key, () => [])).not.toBeNull();
    await flip(file!, 40); // inside the JSON header
    expect(await cache.getSections("history", key, () => [])).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001", "CACHE001"]);
    expect(warnings[1]!.message).toContain("header checksum mismatch");
  });

  it("refuses a truncated entry (CACHE002), a foreign file, another key's entry and a plain one (CACHE003)", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    await cache.setSections("history", key, meta, seven());
    const [file] = await entryFiles();
    const good = await readFile(file!);
    for (const cut of [good.length - 1, (await sectionOffset(file!, 6)) + 1, 30, 5]) {
      await writeFile(file!, good.subarray(0, cut));
      expect(await cache.getSections("history", key, () => [0])).toBeNull();
    }
    expect(warnings.map((w) => w.code)).toEqual(["CACHE002", "CACHE002", "CACHE002", "CACHE002"]);
    warnings = [];
    await writeFile(file!, "{\"runs\": []}\n");
    expect(await cache.getSections("history", key, () => [])).toBeNull();
    await writeFile(file!, Buffer.concat(sectionedEntryParts(encodeSectionedEntry("history", cache.keyOf("history", ["other"]), meta, seven()))));
    expect(await cache.getSections("history", key, () => [])).toBeNull();
    await writeFile(file!, encodeCacheEntry("history", key, Buffer.from("plain")));
    expect(await cache.getSections("history", key, () => "all")).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE003", "CACHE003", "CACHE003"]);
    expect(warnings[2]!.message).toContain("plain entry");
  });

  it("keeps plain and sectioned entries apart: each reader misses the other's with CACHE003", async () => {
    const cache = cacheOf();
    const plainKey = cache.keyOf("history", ["plain"]);
    const sectionedKey = cache.keyOf("history", ["sectioned"]);
    await cache.set("history", plainKey, Buffer.from("payload"));
    await cache.setSections("history", sectionedKey, meta, seven());
    expect(await cache.getSections("history", plainKey, () => [])).toBeNull();
    expect(await cache.get("history", sectionedKey)).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE003", "CACHE003"]);
    expect(warnings[1]!.message).toContain("sectioned entry");
  });

  it("throws on a section index the entry does not have (a caller's mistake), and reads on after", async () => {
    const cache = cacheOf();
    const key = cache.keyOf("history", ["digest-a"]);
    await cache.setSections("history", key, meta, seven());
    for (const bad of [7, -1, 1.5, Number.NaN]) {
      await expect(cache.getSections("history", key, () => [0, bad])).rejects.toThrow(RangeError);
    }
    expect(warnings).toEqual([]);
    expect((await cache.getSections("history", key, () => [6]))?.sections.size).toBe(1);
  });

  it("warns once with CACHE004 when it cannot write sections", async () => {
    await writeFile(path.join(dir, "blocker"), "a file where the cache folder should be");
    const cache = new DiskCache({ dir: path.join(dir, "blocker"), codeVersion: "c", warn: (d) => warnings.push(d) });
    await cache.setSections("history", cache.keyOf("history", ["a"]), meta, seven());
    await cache.set("png", cache.keyOf("png", ["b"]), Buffer.from("y"));
    expect(warnings.map((w) => w.code)).toEqual(["CACHE004"]);
  });

  it("prune() keeps the sectioned entries this process read or wrote", async () => {
    const old = cacheOf();
    for (const input of ["read", "written", "gone"]) await old.setSections("history", old.keyOf("history", [input]), meta, seven());
    const next = cacheOf();
    expect(await next.getSections("history", next.keyOf("history", ["read"]), () => [])).not.toBeNull();
    await next.setSections("history", next.keyOf("history", ["written"]), meta, seven());
    expect(await next.prune()).toBe(1);
    const after = cacheOf();
    expect(await after.getSections("history", after.keyOf("history", ["read"]), () => [1])).not.toBeNull();
    expect(await after.getSections("history", after.keyOf("history", ["written"]), () => [1])).not.toBeNull();
    expect(await after.getSections("history", after.keyOf("history", ["gone"]), () => [1])).toBeNull();
    expect(warnings).toEqual([]);
  });
});
