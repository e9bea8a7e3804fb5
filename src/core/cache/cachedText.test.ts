import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { setBuildCache } from "./buildCache.ts";
import { cachedText } from "./cachedText.ts";
import { DiskCache } from "./diskCache.ts";

let dir: string;
let warnings: Diagnostic[];
let computed: string[];

const compute = (text: string) => async () => {
  computed.push(text);
  return text;
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-cached-text-"));
  warnings = [];
  computed = [];
  setBuildCache(new DiskCache({ dir, codeVersion: "code-1", warn: (d) => warnings.push(d) }));
});
afterEach(async () => {
  setBuildCache(null);
  await rm(dir, { recursive: true, force: true });
});

const text = async (result: Promise<Uint8Array>) => Buffer.from(await result).toString("utf8");

describe("cachedText", () => {
  it("computes once per inputs and reads the same text back, non-ASCII included", async () => {
    const json = '{"name":"run \u00e9\u2014\ud83d\ude80"}';
    expect(await text(cachedText("run-data", ["record", "digest-a"], compute(json)))).toBe(json);
    expect(await text(cachedText("run-data", ["record", "digest-a"], compute("other")))).toBe(json);
    expect(computed).toEqual([json]);
    expect(warnings).toEqual([]);
  });

  it("computes again when a digest changes", async () => {
    await cachedText("run-data", ["record", "digest-a"], compute("a"));
    expect(await text(cachedText("run-data", ["record", "digest-b"], compute("b")))).toBe("b");
    expect(await text(cachedText("other-kind", ["record", "digest-a"], compute("c")))).toBe("c");
    expect(computed).toEqual(["a", "b", "c"]);
  });

  it("ignores a damaged entry with a warning and computes again", async () => {
    await cachedText("run-data", ["x"], compute("original"));
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    const file = path.join(files[0]!.parentPath, files[0]!.name);
    const bytes = await readFile(file);
    bytes[bytes.length - 40] ^= 0xff;
    await writeFile(file, bytes);
    expect(await text(cachedText("run-data", ["x"], compute("again")))).toBe("again");
    expect(warnings.map((w) => w.code)).toEqual(["CACHE001"]);
  });

  it("computes every time without a build cache", async () => {
    setBuildCache(null);
    await cachedText("run-data", ["x"], compute("1"));
    await cachedText("run-data", ["x"], compute("2"));
    expect(computed).toEqual(["1", "2"]);
  });
});
