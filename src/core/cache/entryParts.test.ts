import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeCacheEntry, encodeCacheEntryParts } from "./cacheEntry.ts";
import { DiskCache } from "./diskCache.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-parts-test-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Columns that are views into larger buffers at odd places, as a parser's trimmed columns are.
function history() {
  const backing = new Float64Array(20).map((_, i) => i * 1.5 - 3);
  return { step: backing.subarray(2, 5), time: null, metrics: { "a/b": backing.subarray(11, 14), c: Float64Array.from([NaN, -0, 7]) } };
}

describe("an entry written in pieces", () => {
  const parts = () => {
    const h = history();
    return [h.step, h.metrics["a/b"], h.metrics.c].map((c) => new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
  };

  it("has the bytes of the entry joined first", () => {
    expect(Buffer.concat(encodeCacheEntryParts("history", "k", parts()))).toEqual(encodeCacheEntry("history", "k", Buffer.concat(parts())));
  });

  it("is stored by the disk cache and read back whole", async () => {
    const cache = new DiskCache({ dir, codeVersion: "v", warn: () => undefined });
    const key = cache.keyOf("history", ["d"]);
    await cache.set("history", key, parts());
    expect(await cache.get("history", key)).toEqual(Buffer.concat(parts()));
  });
});
