import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { encodeCacheEntry } from "./cacheEntry.ts";
import { DiskCache } from "./diskCache.ts";
import { decodeHistory, encodeHistory } from "./historyCodec.ts";

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

describe("encodeHistory(history) / decodeHistory(bytes, metrics)", () => {
  const history = {
    step: Float64Array.from([0, 1, 2]),
    time: Float64Array.from([10.5, NaN, 12]),
    metrics: JSON.parse('{"train/loss": 0, "__proto__": 0}', (key, value: unknown) =>
      key === "train/loss" ? Float64Array.from([1, NaN, -0]) : key === "__proto__" ? Float64Array.from([Infinity, 2, 3]) : value,
    ) as Record<string, Float64Array>,
  };

  it("gives back every column bit for bit (gaps, -0 and a metric named __proto__ included)", () => {
    const back = decodeHistory(encodeHistory(history))!;
    expect(Array.from(back.step)).toEqual([0, 1, 2]);
    expect(Object.is(back.time![1], NaN)).toBe(true);
    expect(Object.is(back.metrics["train/loss"]![2], -0)).toBe(true);
    expect(Object.keys(back.metrics)).toEqual(["train/loss", "__proto__"]);
    expect(Array.from(Object.getOwnPropertyDescriptor(back.metrics, "__proto__")!.value as Float64Array)).toEqual([Infinity, 2, 3]);
  });

  it("reads only the wanted metrics, and refuses bytes of the wrong length", () => {
    const encoded = encodeHistory(history);
    expect(Object.keys(decodeHistory(encoded, ["train/loss"])!.metrics)).toEqual(["train/loss"]);
    expect(decodeHistory(encoded.subarray(0, encoded.length - 8))).toBeNull();
    expect(decodeHistory(Buffer.from("garbage"))).toBeNull();
  });
});
