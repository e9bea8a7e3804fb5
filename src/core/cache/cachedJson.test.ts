import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { setBuildCache } from "./buildCache.ts";
import { encodeCacheEntry } from "./cacheEntry.ts";
import { cachedJson } from "./cachedJson.ts";
import { DiskCache } from "./diskCache.ts";

let dir: string;
let warnings: Diagnostic[];
let computed: number;
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === "number");
const compute = (value: number[]) => async () => {
  computed++;
  return value;
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-cached-json-"));
  warnings = [];
  computed = 0;
  setBuildCache(new DiskCache({ dir, codeVersion: "code-1", warn: (d) => warnings.push(d) }));
});
afterEach(async () => {
  setBuildCache(null);
  await rm(dir, { recursive: true, force: true });
});

describe("cachedJson", () => {
  it("computes once per inputs and reads the result back after", async () => {
    expect(await cachedJson("run-charts", ["a"], isNumbers, compute([1, 2]))).toEqual([1, 2]);
    expect(await cachedJson("run-charts", ["a"], isNumbers, compute([9]))).toEqual([1, 2]);
    expect(await cachedJson("run-charts", ["b"], isNumbers, compute([3]))).toEqual([3]);
    expect(computed).toBe(2);
    expect(warnings).toEqual([]);
  });

  it("ignores with CACHE007 an entry that passes its checksum but does not hold the result's shape", async () => {
    await cachedJson("run-charts", ["a"], isNumbers, compute([1]));
    const [entry] = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    const key = path.basename(entry!.name, ".bin");
    await writeFile(path.join(entry!.parentPath, entry!.name), encodeCacheEntry("run-charts", key, Buffer.from('{"html":"<script>"}')));
    expect(await cachedJson("run-charts", ["a"], isNumbers, compute([5]))).toEqual([5]);
    expect(warnings.map((w) => w.code)).toEqual(["CACHE007"]);
    // Computed again and stored: the next read is a plain hit.
    expect(await cachedJson("run-charts", ["a"], isNumbers, compute([6]))).toEqual([5]);
  });

  it("computes every time without a build cache", async () => {
    setBuildCache(null);
    await cachedJson("run-charts", ["a"], isNumbers, compute([1]));
    await cachedJson("run-charts", ["a"], isNumbers, compute([1]));
    expect(computed).toBe(2);
  });
});
