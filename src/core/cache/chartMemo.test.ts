import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import type { Run } from "../run.ts";
import { chartMemo } from "./chartMemo.ts";
import { DiskCache } from "./diskCache.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-chart-memo-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const runs = [makeRun("p/a", { metrics: ["loss"], steps: 3 }), makeRun("p/b", { metrics: ["loss"], steps: 3 })];

describe("chartMemo", () => {
  it("asks for each run's history digest once per memo, and a new memo asks again", async () => {
    const cache = new DiskCache({ dir, codeVersion: "code-1", warn: () => undefined });
    const asked: string[] = [];
    const digest = async (run: Run) => {
      asked.push(run.id);
      return `${run.id}@1`;
    };
    const memo = chartMemo(cache, digest);
    expect(await memo("line", { y: "loss" }, runs, async () => ({ drawn: 1 }))).toEqual({ drawn: 1 });
    expect(await memo("line", { y: "acc" }, [runs[0]!], async () => ({ drawn: 2 }))).toEqual({ drawn: 2 });
    expect(await memo("line-check", { y: "loss" }, [runs[1]!], async () => ({ checked: 1 }))).toEqual({ checked: 1 });
    expect(asked).toEqual(["p/a", "p/b"]);

    // The next render (a new memo) sees the files as they are now: a changed digest is a miss.
    const next = chartMemo(cache, async (run) => {
      asked.push(run.id);
      return run.id === "p/b" ? "p/b@2" : `${run.id}@1`;
    });
    expect(await next("line", { y: "loss" }, runs, async () => ({ drawn: 3 }))).toEqual({ drawn: 3 });
    expect(await next("line", { y: "acc" }, [runs[0]!], async () => ({ drawn: 4 }))).toEqual({ drawn: 2 });
    expect(asked).toEqual(["p/a", "p/b", "p/a", "p/b"]);
  });

  it("keeps a chart's parts, keyed by their own runs' digests, and a hit keeps them through prune", async () => {
    const digests = new Map([["p/a", "a@1"], ["p/b", "b@1"]]);
    const open = () => new DiskCache({ dir, codeVersion: "code-1", warn: () => undefined });
    const memoOf = (cache: DiskCache) => chartMemo(cache, async (run) => digests.get(run.id)!);
    const sections = [Uint8Array.from([1, 2, 3]), Uint8Array.from([4])];
    let cache = open();
    let memo = memoOf(cache);
    expect(
      await memo("line", { y: "loss" }, runs, async (parts) => {
        expect(await parts.get("group a", [runs[0]!])).toBeNull();
        await parts.set("group a", [runs[0]!], "meta a", sections);
        await parts.set("group b", [runs[1]!], "meta b", sections);
        return { drawn: 1 };
      }),
    ).toEqual({ drawn: 1 });

    // A build where the chart is a hit reads no part, yet keeps them.
    cache = open();
    memo = memoOf(cache);
    expect(await memo("line", { y: "loss" }, runs, async () => ({ drawn: 2 }))).toEqual({ drawn: 1 });
    expect(await cache.prune()).toBe(0);

    // b changed: the chart is drawn again; a's part is there, b's (keyed by b's old digest) is not.
    digests.set("p/b", "b@2");
    cache = open();
    memo = memoOf(cache);
    const seen: unknown[] = [];
    expect(
      await memo("line", { y: "loss" }, runs, async (parts) => {
        const a = await parts.get("group a", [runs[0]!]);
        seen.push(a && { meta: a.meta, sections: a.sections.map((s) => [...s]) });
        seen.push(await parts.get("group b", [runs[1]!]));
        await parts.set("group b", [runs[1]!], "meta b2", sections);
        return { drawn: 3 };
      }),
    ).toEqual({ drawn: 3 });
    expect(seen).toEqual([{ meta: "meta a", sections: [[1, 2, 3], [4]] }, null]);
    // The old chart entry and b's old part go; the new chart, a's part and b's new part stay.
    expect(await cache.prune()).toBe(2);
    cache = open();
    memo = memoOf(cache);
    expect(await memo("line", { y: "loss" }, runs, async () => ({ drawn: 4 }))).toEqual({ drawn: 3 });
    expect(await cache.prune()).toBe(0);
  });
});
