import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setBuildCache } from "../cache/buildCache.ts";
import { DiskCache } from "../cache/diskCache.ts";
import { clearRunCaches, loadAllRuns } from "./loadRuns.ts";

// A build loads every run twice in one process (the content loader, then the check): the second
// load must find each source in memory however many there are, not read its cache entry again.
class CountingCache extends DiskCache {
  sourceReads = 0;
  override async get(kind: string, key: string): ReturnType<DiskCache["get"]> {
    if (kind === "source") this.sourceReads++;
    return super.get(kind, key);
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-source-memo-"));
  clearRunCaches();
});
afterEach(async () => {
  setBuildCache(null);
  clearRunCaches();
  await rm(dir, { recursive: true, force: true });
});

describe("the in-process memo of parsed run sources", () => {
  it("holds every source of a project larger than its base size (2,000), so a second load reads no entry", async () => {
    const runs = 2_100;
    for (let i = 0; i < runs; i++) {
      const folder = path.join(dir, "runs", "p", `r${String(i).padStart(4, "0")}`);
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, "run.json"), JSON.stringify({ config: { i }, summary: { loss: i } }));
    }
    const options = { dir: path.join(dir, "cache"), codeVersion: "code-1", warn: () => undefined };
    setBuildCache(new DiskCache(options));
    expect((await loadAllRuns(dir)).runs).toHaveLength(runs);

    // A new build: its memo starts empty, its first load reads each entry, its second none.
    clearRunCaches();
    const cache = new CountingCache(options);
    setBuildCache(cache);
    const first = await loadAllRuns(dir);
    expect(cache.sourceReads).toBe(runs);
    const second = await loadAllRuns(dir);
    expect(cache.sourceReads).toBe(runs);
    expect(second.runs.map((r) => r.summary.loss)).toEqual(first.runs.map((r) => r.summary.loss));
  });
});
