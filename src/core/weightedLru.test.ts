import { describe, expect, it } from "vitest";
import { WeightedLru } from "./weightedLru.ts";

describe("WeightedLru", () => {
  it("drops the least recently used past its budget, never the newest", () => {
    const lru = new WeightedLru<string, number>(10, (v) => v);
    lru.set("a", 4);
    lru.set("b", 4);
    expect(lru.get("a")).toBe(4); // a is now the most recently used
    lru.set("c", 4);
    expect([lru.has("a"), lru.has("b"), lru.has("c")]).toEqual([true, false, true]);
    expect(lru.weight).toBe(8);
    lru.set("huge", 50);
    expect([lru.size, lru.weight, lru.get("huge")]).toEqual([1, 50, 50]);
    lru.set("d", 1);
    expect([lru.has("huge"), lru.get("d"), lru.weight]).toEqual([false, 1, 1]);
  });

  it("counts a key set again once, with its new weight", () => {
    const lru = new WeightedLru<string, number>(100, (v) => v);
    lru.set("a", 30);
    lru.set("a", 30);
    lru.set("a", 20);
    expect([lru.size, lru.weight]).toEqual([1, 20]);
    lru.set("b", 80);
    expect([lru.has("a"), lru.weight]).toEqual([true, 100]);
    expect(lru.delete("a")).toBe(true);
    expect(lru.delete("a")).toBe(false);
    expect(lru.weight).toBe(80);
    lru.clear();
    expect([lru.size, lru.weight, lru.get("b")]).toEqual([0, 0, undefined]);
  });

  it("holds values of no weight, null among them, and tells them from a miss", () => {
    const lru = new WeightedLru<string, string | null>(0, (v) => (v === null ? 0 : v.length));
    lru.set("bad", null);
    lru.set("x", null);
    expect([lru.get("bad"), lru.get("x"), lru.get("missing")]).toEqual([null, null, undefined]);
  });
});
