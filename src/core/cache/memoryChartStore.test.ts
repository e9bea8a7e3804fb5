import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import type { Run } from "../run.ts";
import { chartMemo } from "./chartMemo.ts";
import { MemoryChartStore } from "./memoryChartStore.ts";

const runs = [makeRun("p/a", { metrics: ["loss"], steps: 3 }), makeRun("p/b", { metrics: ["loss"], steps: 3 })];

describe("MemoryChartStore", () => {
  it("serves a chart memo: the same inputs and history digests are a hit; a changed input or digest draws again", async () => {
    const store = new MemoryChartStore();
    const digests = new Map([["p/a", "a@1"], ["p/b", "b@1"]]);
    // A new memo per render, as the dev server makes one per report render.
    const memo = () => chartMemo(store, async (run: Run) => digests.get(run.id)!);
    let drawn = 0;
    const draw = async () => ({ drawn: ++drawn });
    expect(await memo()("line", { y: "loss" }, runs, draw)).toEqual({ drawn: 1 });
    expect(await memo()("line", { y: "loss" }, runs, draw)).toEqual({ drawn: 1 });
    expect(await memo()("line", { y: "acc" }, runs, draw)).toEqual({ drawn: 2 });
    digests.set("p/b", "b@2");
    expect(await memo()("line", { y: "loss" }, runs, draw)).toEqual({ drawn: 3 });
    expect(await memo()("line", { y: "loss" }, runs, draw)).toEqual({ drawn: 3 });
    expect(drawn).toBe(3);
  });

  it("keeps a grouped chart's parts, so after one run changes the other group's part is read back", async () => {
    const store = new MemoryChartStore();
    const digests = new Map([["p/a", "a@1"], ["p/b", "b@1"]]);
    const memo = () => chartMemo(store, async (run: Run) => digests.get(run.id)!);
    const line = Float64Array.from([0.5, 1.5, 2.5]);
    await memo()("line", { y: "loss" }, runs, async (parts) => {
      await parts.set("group a", [runs[0]!], "meta a", [new Uint8Array(line.buffer)]);
      await parts.set("group b", [runs[1]!], "meta b", [Uint8Array.from([1, 2]), Uint8Array.from([3])]);
      return {};
    });
    line[0] = 99; // the store holds a copy
    digests.set("p/b", "b@2");
    const seen: unknown[] = [];
    await memo()("line", { y: "loss" }, runs, async (parts) => {
      const a = await parts.get("group a", [runs[0]!]);
      const sections = a!.sections;
      // At offset 0 of a buffer of its own, so a Float64Array views it as a disk entry's section.
      expect(sections[0]!.byteOffset % 8).toBe(0);
      seen.push(a!.meta, [...new Float64Array(sections[0]!.buffer, sections[0]!.byteOffset, 3)]);
      seen.push(await parts.get("group b", [runs[1]!]));
      return {};
    });
    expect(seen).toEqual(["meta a", [0.5, 1.5, 2.5], null]);
  });

  it("gives the sections a read picks, and joins a section given in pieces", async () => {
    const store = new MemoryChartStore();
    await store.setSections("chart-part", "k", "m", [Uint8Array.from([1]), [Uint8Array.from([2, 3]), Uint8Array.from([4])], Uint8Array.from([5])]);
    const read = await store.getSections("chart-part", "k", (meta) => (meta === "m" ? [1, 7] : []));
    expect(read!.meta).toBe("m");
    expect([...read!.sections].map(([i, bytes]) => [i, [...bytes]])).toEqual([[1, [2, 3, 4]]]);
    expect(await store.get("chart-part", "k")).toBeNull();
    expect(await store.getSections("chart", "k", () => "all")).toBeNull();
  });

  it("drops the least recently used entries past its budget in bytes", async () => {
    const store = new MemoryChartStore(10);
    await store.set("chart", "a", Uint8Array.from([1, 2, 3, 4]));
    await store.set("chart", "b", [Uint8Array.from([5, 6]), Uint8Array.from([7, 8])]);
    expect([...(await store.get("chart", "a"))!]).toEqual([1, 2, 3, 4]); // a is now the most recent
    await store.set("chart", "c", Uint8Array.from([9, 9, 9, 9]));
    expect(await store.get("chart", "b")).toBeNull();
    expect([...(await store.get("chart", "a"))!]).toEqual([1, 2, 3, 4]);
    expect([...(await store.get("chart", "c"))!]).toEqual([9, 9, 9, 9]);
  });

  it("keys as the build cache does, by kind and inputs, without a code version", () => {
    const store = new MemoryChartStore();
    expect(store.keyOf("chart", ["a", "b"])).toBe(store.keyOf("chart", ["a", "b"]));
    expect(store.keyOf("chart", ["a", "b"])).not.toBe(store.keyOf("chart", ["ab"]));
    expect(store.keyOf("chart", ["a"])).not.toBe(store.keyOf("chart-part", ["a"]));
    expect(store.keyOf("chart", ["a"])).toMatch(/^[0-9a-f]{64}$/);
  });
});
