import { describe, expect, it } from "vitest";
import { mapLimit } from "./limitConcurrency.ts";

describe("mapLimit(items, limit, fn)", () => {
  it("never runs more than `limit` at once and keeps the results in order", async () => {
    let active = 0;
    let most = 0;
    const items = Array.from({ length: 200 }, (_, i) => i);
    const out = await mapLimit(items, 7, async (i) => {
      active++;
      most = Math.max(most, active);
      // Finish in a scrambled order: some tasks yield more often than others.
      for (let k = 0; k <= (i * 7919) % 5; k++) await Promise.resolve();
      active--;
      return i * 2;
    });
    expect(out).toEqual(items.map((i) => i * 2));
    expect(most).toBe(7);
  });

  it("passes a failure on without stalling the rest", async () => {
    const seen: number[] = [];
    const result = mapLimit([1, 2, 3, 4], 2, async (i) => {
      seen.push(i);
      if (i === 2) throw new Error("two");
      return i;
    });
    await expect(result).rejects.toThrow("two");
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.sort()).toEqual([1, 2, 3, 4]);
  });
});
