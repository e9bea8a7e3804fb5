import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { diffCommand } from "../../src/cli/commands/diff.ts";
import { buildDiffChart, diffChartSpecs } from "../../src/core/diff/diffCharts.ts";
import { diffSnapshots } from "../../src/core/diff/diffSnapshots.ts";
import { snapshotAtCommit, snapshotOfWorkingTree } from "../../src/core/diff/loadSnapshot.ts";
import { locateDataRoot } from "../../src/core/diff/gitRevision.ts";
import { tempRepo, type TempRepo } from "../helpers/gitRepo.ts";

/**
 * `runfolio diff` over system metrics (`system.jsonl`): read from git revisions like histories,
 * listed as the mean over each run's samples in text and markdown, and charted against hours
 * since the first sample.
 */
const runJson = (group: string) => JSON.stringify({ group, state: "finished", config: { lr: 1e-3 }, summary: { "val/acc": 0.9 } });
const history = "step,val/acc\n0,0.5\n10,0.9\n";
/** Samples every 36 seconds (0.01 hour) with the given GPU utilisations and a constant memory. */
const system = (gpu: readonly number[]) => gpu.map((u, i) => JSON.stringify({ time: 1_700_000_000 + 36 * i, "gpu.0.utilization": u, "memory.used_mb": 1000 })).join("\n") + "\n";
const report = '---\ntitle: GPU\nruns: project = "p"\n---\n\n```chart\ny: system/gpu.0.utilization\nx: relative\n```\n';

let repo: TempRepo;
let base: string;
let head: string;

beforeAll(async () => {
  repo = await tempRepo("runfolio-diff-system-");
  await repo.write({
    "runs/p/a/run.json": runJson("sweep"),
    "runs/p/a/history.csv": history,
    "runs/p/a/system.jsonl": system([50, 52, 54]),
    "runs/p/b/run.json": runJson("sweep"),
    "runs/p/b/history.csv": history,
    "runs/p/b/system.jsonl": system([60, 60]),
    "reports/gpu.md": report,
  });
  base = repo.commit("base");
  await repo.write({
    // Only the samples change: same summary, same history.
    "runs/p/a/system.jsonl": system([80, 82, 84, 86]),
    "runs/p/c/run.json": runJson("sweep"),
    "runs/p/c/history.csv": history,
    "runs/p/c/system.jsonl": system([90, 90, 96]),
  });
  head = repo.commit("head");
}, 60_000);

afterAll(() => repo?.remove());

async function snapshots() {
  const where = await locateDataRoot(repo.dir);
  return Promise.all([snapshotAtCommit(where, base), snapshotAtCommit(where, head)]);
}

describe("runfolio diff with system metrics", () => {
  it("lists a changed system metric's mean, and a new run's against its group's, from the revisions' files", async () => {
    const [b, h] = await snapshots();
    const diff = await diffSnapshots(b, h);
    expect(diff.changed.map((c) => [c.id, c.summary, c.filesOnly, c.system.map((m) => [m.metric, m.base, m.head, m.delta])])).toEqual([["p/a", [], false, [["system/gpu.0.utilization", 52, 83, 31]]]]);
    expect(diff.added.map((a) => [a.run.id, a.peers, a.metrics.map((m) => [m.metric, m.base, m.head])])).toEqual([["p/c", ["p/a", "p/b"], [["system/gpu.0.utilization", (83 + 60) / 2, 92]]]]);
    // The working tree reads the same samples from disk as the head commit from git.
    const tree = await snapshotOfWorkingTree(repo.dir);
    const a = tree.runs.find((r) => r.id === "p/a")!;
    expect([...(await tree.system(a))!.metrics["gpu.0.utilization"]!]).toEqual([80, 82, 84, 86]);
  });

  it("charts the changed system metric against hours since the first sample, base dashed and head solid", async () => {
    const [b, h] = await snapshots();
    const { specs } = diffChartSpecs(await diffSnapshots(b, h), b, h);
    expect(specs.map((s) => [s.runId, s.metric, s.kind, s.base.map((r) => r.id)])).toEqual([
      // Only the samples changed: no history chart of p/a (it would draw the same line twice).
      ["p/a", "system/gpu.0.utilization", "changed", ["p/a"]],
      ["p/c", "val/acc", "added", ["p/a", "p/b"]],
      ["p/c", "system/gpu.0.utilization", "added", ["p/a", "p/b"]],
    ]);
    const chart = (await buildDiffChart(specs[0]!, b, h))!;
    expect(chart.data.series.map((s) => [s.run, s.metric, [...s.y]])).toEqual([
      ["p/a", "base", [50, 52, 54]],
      ["p/a", "head", [80, 82, 84, 86]],
    ]);
    expect(chart.data.series[1]!.x.map((x) => Math.round(x * 1000) / 1000)).toEqual([0, 0.01, 0.02, 0.03]);
  });

  it("prints the means in text, in markdown and as a PNG chart beside the markdown", async () => {
    let text = "";
    expect(await diffCommand([base, head], { cwd: repo.dir, env: {}, stdout: (s) => (text += s), stderr: () => {} })).toBe(0);
    expect(text).toMatch(/^ {4}system\/gpu\.0\.utilization \(mean\) +52 → 83 {2}\+31 \(\+59\.6%\)$/m);
    expect(text).toMatch(/^ {4}system\/gpu\.0\.utilization \(mean\) +92 vs 71\.5 {2}\+20\.5 \(\+28\.7%\)$/m);
    let stderr = "";
    expect(await diffCommand([base, head, "--md", "--out", "out/pr.md"], { cwd: repo.dir, env: {}, stdout: () => {}, stderr: (s) => (stderr += s) })).toBe(0);
    expect(stderr).toBe("");
    const md = await readFile(path.join(repo.dir, "out/pr.md"), "utf8");
    expect(md).toContain("| `p/a` | `system/gpu.0.utilization (mean)` | `52` | `83` | +31 (+59.6%) |");
    expect(md).toContain("| `p/a` | `system/gpu.0.utilization` | base → head | ![diff-1.png](pr-charts/diff-1.png) |");
    expect((await readdir(path.join(repo.dir, "out/pr-charts"))).sort()).toEqual(["diff-1.png", "diff-2.png", "diff-3.png"]);
  }, 60_000);
});
