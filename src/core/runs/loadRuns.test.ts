import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runMessages } from "./messages.ts";
import { clearRunCaches, discoverRunSources, loadAllRuns, loadRunSource, readHistory } from "./loadRuns.ts";

const root = mkdtempSync(path.join(tmpdir(), "runfolio-runs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

write("runs/nanogpt/a.json", JSON.stringify({ history: { step: [0, 1], loss: [2, 1] } }));
write("runs/nanogpt/b/run.json", JSON.stringify({ tags: ["x"] }));
write("runs/nanogpt/b/history.csv", "step,loss\n0,3\n1,NaN\n");
write("runs/nanogpt/runs.csv", "id,summary.acc\nc,0.5\na,0.9\n");
write("runs/vision/deep/nested.json", "{}");

describe("discoverRunSources(rootDir)", () => {
  it("groups files into sources in a stable order", async () => {
    const { sources, diagnostics } = await discoverRunSources(root);
    expect(diagnostics).toEqual([]);
    expect(sources.map((s) => [s.format, s.files])).toEqual([
      ["json", ["runs/nanogpt/a.json"]],
      ["folder", ["runs/nanogpt/b/run.json", "runs/nanogpt/b/history.csv"]],
      ["runs-csv", ["runs/nanogpt/runs.csv"]],
      ["json", ["runs/vision/deep/nested.json"]],
    ]);
  });
});

describe("loadAllRuns(rootDir)", () => {
  it("loads every format, sorts by id, and reports a duplicate id naming both files", async () => {
    const { runs, diagnostics } = await loadAllRuns(root);
    expect(runs.map((r) => r.id)).toEqual(["nanogpt/a", "nanogpt/b", "nanogpt/c", "vision/deep/nested"]);
    expect(runs.find((r) => r.id === "vision/deep/nested")).toMatchObject({ project: "vision", name: "deep/nested" });
    // history.csv ends in a logged NaN: the summary is a gap, not the earlier 3
    expect(runs.find((r) => r.id === "nanogpt/b")!.summary).toEqual({ loss: null });
    expect(diagnostics).toMatchObject([
      { file: "runs/nanogpt/runs.csv", line: 3, severity: "error", ...runMessages.duplicateRun("nanogpt/a", "runs/nanogpt/a.json") },
    ]);
  });
});

describe("loadAllRuns(repoRoot): the example site's runs", () => {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

  it("loads without errors; the diverged run's loss summary is a gap, not its last finite value", async () => {
    const { runs, diagnostics } = await loadAllRuns(repoRoot);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const diverged = runs.find((r) => r.id === "nanogpt/lr-3e-3-seed2");
    expect(diverged).toBeDefined();
    expect(diverged!.summary["train/loss"]).toBeNull();
    // explicit run.json summary keys are kept
    expect(diverged!.summary["best/val_loss"]).toBe(4.6346);
  }, 120_000); // every run of the example site
});

describe("loadRunSource(rootDir, source) and readHistory(rootDir, run)", () => {
  it("returns the cached result for unchanged bytes and re-parses changed files", async () => {
    clearRunCaches();
    const { sources } = await discoverRunSources(root);
    const first = await loadRunSource(root, sources[0]!);
    expect(await loadRunSource(root, sources[0]!)).toBe(first);
    write("runs/nanogpt/a.json", JSON.stringify({ history: { step: [0, 1, 2], loss: [2, 1, 0.5] } }));
    const second = await loadRunSource(root, sources[0]!);
    expect(second).not.toBe(first);
    expect(second.runs[0]!.steps).toBe(3);
    const history = await readHistory(root, second.runs[0]!);
    expect(Array.from(history.metrics.loss!)).toEqual([2, 1, 0.5]);
    expect(await readHistory(root, second.runs[0]!)).toBe(history);
  });

  it("reads folder histories and returns an empty history for runs.csv rows", async () => {
    const { runs } = await loadAllRuns(root);
    const b = await readHistory(root, runs.find((r) => r.id === "nanogpt/b")!);
    expect(Array.from(b.metrics.loss!)).toEqual([3, NaN]);
    const c = await readHistory(root, runs.find((r) => r.id === "nanogpt/c")!);
    expect(c.step.length).toBe(0);
  });
});
