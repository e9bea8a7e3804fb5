import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { historyFacts } from "../series/historyFacts.ts";
import { DiskCache } from "./diskCache.ts";
import { decodeHistorySections, encodeHistorySections, historySections, parseHistoryMeta } from "./historyCodec.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-history-codec-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Columns that are views into a larger buffer at odd places (as a parser's trimmed columns are),
// gaps, −0, and a metric named __proto__.
function history() {
  const backing = new Float64Array(20).map((_, i) => i * 1.5 - 3);
  const metrics = JSON.parse('{"train/loss": 0, "__proto__": 0}', (key, value: unknown) =>
    key === "train/loss" ? Float64Array.from([1, NaN, -0]) : key === "__proto__" ? backing.subarray(11, 14) : value,
  ) as Record<string, Float64Array>;
  return { step: backing.subarray(2, 5), time: Float64Array.from([10.5, NaN, 12]), metrics };
}

async function roundTrip(wanted?: readonly string[]) {
  const cache = new DiskCache({ dir, codeVersion: "v", warn: (d) => expect.fail(d.message) });
  const h = history();
  const { meta, sections } = encodeHistorySections(h, historyFacts(h));
  const key = cache.keyOf("history", ["d"]);
  await cache.setSections("history", key, meta, sections);
  let parsed = null as ReturnType<typeof parseHistoryMeta>;
  const read = await cache.getSections("history", key, (text) => historySections((parsed = parseHistoryMeta(text))!, wanted));
  return { back: decodeHistorySections(parsed!, read!.sections)!, read: read!, meta: parsed! };
}

describe("a history as a sectioned cache entry", () => {
  it("gives back every column bit for bit, and its facts in the meta", async () => {
    const { back, meta } = await roundTrip();
    expect(Array.from(back.step)).toEqual([0, 1.5, 3]);
    expect(Object.is(back.time![1], NaN)).toBe(true);
    expect(Object.is(back.metrics["train/loss"]![2], -0)).toBe(true);
    expect(Object.keys(back.metrics)).toEqual(["train/loss", "__proto__"]);
    expect(Array.from(Object.getOwnPropertyDescriptor(back.metrics, "__proto__")!.value as Float64Array)).toEqual([13.5, 15, 16.5]);
    expect(meta.facts).toEqual(historyFacts(history()));
    expect(meta.facts.metrics["train/loss"]!.step.points).toBe(2);
  });

  it("reads step, time and the wanted metrics only", async () => {
    const { back, read } = await roundTrip(["__proto__", "not logged"]);
    expect([...read.sections.keys()]).toEqual([0, 1, 3]);
    expect(Object.keys(back.metrics)).toEqual(["__proto__"]);
    expect(Array.from(back.step)).toEqual([0, 1.5, 3]);
  });

  it("refuses a meta or sections that are not a history's", () => {
    const h = history();
    const { meta } = encodeHistorySections(h, historyFacts(h));
    expect(parseHistoryMeta("garbage")).toBeNull();
    expect(parseHistoryMeta(JSON.stringify({ ...JSON.parse(meta), facts: null }))).toBeNull();
    expect(parseHistoryMeta(JSON.stringify({ ...JSON.parse(meta), rows: -1 }))).toBeNull();
    const parsed = parseHistoryMeta(meta)!;
    const short = new Map([[0, Buffer.alloc(16)], [1, Buffer.alloc(24)]]);
    expect(decodeHistorySections(parsed, short)).toBeNull();
    expect(decodeHistorySections(parsed, new Map([[0, Buffer.alloc(24)]]))).toBeNull();
    expect(() => encodeHistorySections({ step: new Float64Array(2), time: null, metrics: { a: new Float64Array(3) } }, historyFacts(h))).toThrow(RangeError);
  });
});
