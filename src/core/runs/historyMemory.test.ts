import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setBuildCache } from "../cache/buildCache.ts";
import { DiskCache } from "../cache/diskCache.ts";
import { clearRunCaches, historyDigest, loadAllRuns, readHistory, readHistoryFacts } from "./loadRuns.ts";

// A history entry read from the build cache for one chart stays in memory whole, so the report's
// next charts (each asking for other metrics of every run) read no entry again.
class CountingCache extends DiskCache {
  historyReads = 0;
  /** Per read of a history entry, the sections it read. */
  sectionsRead: number[][] = [];
  override async get(kind: string, key: string): ReturnType<DiskCache["get"]> {
    if (kind === "history") this.historyReads++;
    return super.get(kind, key);
  }
  override async getSections(...args: Parameters<DiskCache["getSections"]>): ReturnType<DiskCache["getSections"]> {
    const read = await super.getSections(...args);
    if (args[0] === "history") {
      this.historyReads++;
      this.sectionsRead.push(read ? [...read.sections.keys()] : []);
    }
    return read;
  }
}

let root: string;
let cache: CountingCache;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "runfolio-history-memory-"));
  const run = path.join(root, "runs", "p", "a");
  await mkdir(run, { recursive: true });
  await writeFile(path.join(run, "run.json"), JSON.stringify({ name: "a" }));
  await writeFile(path.join(run, "history.csv"), "step,loss,acc\n0,3,0.1\n1,2,0.2\n2,1,0.4\n");
  cache = new CountingCache({ dir: path.join(root, "cache"), codeVersion: "code-1", warn: () => undefined });
  setBuildCache(cache);
  clearRunCaches();
});
afterEach(async () => {
  setBuildCache(null);
  clearRunCaches();
  await rm(root, { recursive: true, force: true });
});

describe("histories from the build cache", () => {
  it("keeps a small entry whole after a read for some metrics, and reads it from disk once", async () => {
    const { runs } = await loadAllRuns(root);
    const run = runs[0]!;
    await readHistory(root, run);
    // The next build: nothing in memory, the entry on disk.
    clearRunCaches();
    const reads = cache.historyReads;
    const loss = await readHistory(root, run, ["loss"]);
    expect([...loss.metrics.loss!]).toEqual([3, 2, 1]);
    const acc = await readHistory(root, run, ["acc"]);
    expect([...acc.metrics.acc!]).toEqual([0.1, 0.2, 0.4]);
    expect([...(await readHistory(root, run)).step]).toEqual([0, 1, 2]);
    expect(cache.historyReads - reads).toBe(1);
  });

  it("reads only the asked columns of a large entry, and the facts alone from its meta", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i * 2},${i / 4}`).join("\n");
    await writeFile(path.join(root, "runs", "p", "a", "history.csv"), `step,loss,acc\n${rows}\n`);
    const { runs } = await loadAllRuns(root);
    const run = runs[0]!;
    clearRunCaches();
    await loadAllRuns(root);
    clearRunCaches();
    cache.sectionsRead = [];
    // Facts from the meta: no column read.
    const facts = await readHistoryFacts(root, run);
    expect(facts.metrics.loss!.step).toEqual({ points: 3000, inOrder: { distinct: 3000, lo: 0, hi: 2999, integer: true } });
    expect(cache.sectionsRead).toEqual([[]]);
    // step (0) and loss (1) of step, loss, acc; not kept, so read again.
    const loss = await readHistory(root, run, ["loss"]);
    expect(loss.metrics.loss![2999]).toBe(5998);
    expect(Object.keys(loss.metrics)).toEqual(["loss"]);
    await readHistory(root, run, ["loss"]);
    expect(cache.sectionsRead.slice(1)).toEqual([[0, 1], [0, 1]]);
    expect((await readHistory(root, run)).metrics.acc![4]).toBe(1);
    expect(cache.sectionsRead.at(-1)).toEqual([0, 1, 2]);
  });

  it("takes the file's digest from the caller when given: no stat of the history file", async () => {
    const { runs } = await loadAllRuns(root);
    const run = runs[0]!;
    const digest = await historyDigest(root, run);
    clearRunCaches();
    // The file is gone: only a read that asks for its digest again would notice.
    await rm(path.join(root, "runs", "p", "a", "history.csv"));
    await expect(readHistoryFacts(root, run)).rejects.toThrow();
    expect((await readHistoryFacts(root, run, digest)).metrics.loss!.step.points).toBe(3);
    expect([...(await readHistory(root, run, ["loss"], { digest })).metrics.loss!]).toEqual([3, 2, 1]);
    await expect(readHistory(root, run, ["loss"])).rejects.toThrow();
  });
});
