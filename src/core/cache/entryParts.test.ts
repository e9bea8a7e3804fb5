import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeCacheEntry, encodeCacheEntryParts } from "./cacheEntry.ts";
import { DiskCache } from "./diskCache.ts";
import { decodeHistory, encodeHistoryParts } from "./historyCodec.ts";

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
  it("has the bytes of the entry joined first, and its history decodes column for column", () => {
    const h = history();
    const parts = encodeHistoryParts(h);
    expect(parts.length).toBeGreaterThan(1);
    const payload = Buffer.concat(parts);
    expect(Buffer.concat(encodeCacheEntryParts("history", "k", parts))).toEqual(encodeCacheEntry("history", "k", payload));
    const back = decodeHistory(payload)!;
    expect(Array.from(back.step)).toEqual([0, 1.5, 3]);
    expect(Array.from(back.metrics["a/b"]!)).toEqual([13.5, 15, 16.5]);
    expect(Object.is(back.metrics.c![1], -0)).toBe(true);
  });

  it("is stored by the disk cache and read back whole", async () => {
    const cache = new DiskCache({ dir, codeVersion: "v", warn: () => undefined });
    const key = cache.keyOf("history", ["d"]);
    await cache.set("history", key, encodeHistoryParts(history()));
    expect(await cache.get("history", key)).toEqual(Buffer.concat(encodeHistoryParts(history())));
  });
});
