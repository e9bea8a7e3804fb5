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
});
