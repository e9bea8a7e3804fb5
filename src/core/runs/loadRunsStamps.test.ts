import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { adoptFileStamps, fileStamps, SETTLED_MS } from "../files/fileDigests.ts";
import { clearRunCaches, discoverRunSources, historyDigest, loadAllRuns, loadRunSource, readHistory } from "./loadRuns.ts";

// Run loading with file stamps (src/core/files/fileDigests.ts): a digest known from a stamp is
// never taken for a file that was written since, whatever the write kept the same.
const root = mkdtempSync(path.join(tmpdir(), "runfolio-stamps-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  clearRunCaches();
});

const realNow = Date.now;
const settleFiles = () => vi.spyOn(Date, "now").mockImplementation(() => realNow() + 2 * SETTLED_MS);
const FIXED_TIME = 1_700_000_000;

function write(rel: string, text: string): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, FIXED_TIME, FIXED_TIME);
}

describe("run loading with file stamps", () => {
  it("sees a history rewritten with the same size and modification time, in the runs and in readHistory", async () => {
    write("runs/p/a/run.json", JSON.stringify({ config: { lr: 0.1 } }));
    write("runs/p/a/history.csv", "step,loss\n0,3\n1,2\n");
    settleFiles();
    const first = await loadAllRuns(root);
    const run = first.runs[0]!;
    expect(run.summary.loss).toBe(2);
    const digest = await historyDigest(root, run);
    expect(Array.from((await readHistory(root, run)).metrics.loss!)).toEqual([3, 2]);

    await new Promise((resolve) => setTimeout(resolve, 20));
    write("runs/p/a/history.csv", "step,loss\n0,3\n1,7\n");
    const second = await loadAllRuns(root);
    expect(second.runs[0]!.summary.loss).toBe(7);
    expect(await historyDigest(root, second.runs[0]!)).not.toBe(digest);
    expect(Array.from((await readHistory(root, second.runs[0]!)).metrics.loss!)).toEqual([3, 7]);
  });

  it("parses a source known only by its stamps (a new process with the last build's stamps) from the file's bytes", async () => {
    write("runs/q/b/run.json", JSON.stringify({ tags: ["x"] }));
    write("runs/q/b/history.csv", "step,acc\n0,0.5\n1,0.75\n");
    settleFiles();
    const { sources } = await discoverRunSources(root);
    const source = sources.find((s) => s.files.some((f) => f.startsWith("runs/q/")))!;
    const loaded = await loadRunSource(root, source);
    const saved = fileStamps();
    expect(saved.length).toBeGreaterThanOrEqual(2);
    clearRunCaches();
    adoptFileStamps(saved);
    const again = await loadRunSource(root, source);
    expect(again).not.toBe(loaded);
    expect(again.digest).toBe(loaded.digest);
    expect(again.runs).toEqual(loaded.runs);
    expect(again.runs[0]!.summary.acc).toBe(0.75);
  });
});
