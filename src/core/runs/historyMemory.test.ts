import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setBuildCache } from "../cache/buildCache.ts";
import { DiskCache } from "../cache/diskCache.ts";
import { clearRunCaches, loadAllRuns, readHistory } from "./loadRuns.ts";

// A history entry read from the build cache for one chart stays in memory whole, so the report's
// next charts (each asking for other metrics of every run) read no entry again.
class CountingCache extends DiskCache {
  historyReads = 0;
  override async get(kind: string, key: string): Promise<Buffer | null> {
    if (kind === "history") this.historyReads++;
    return super.get(kind, key);
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
});
