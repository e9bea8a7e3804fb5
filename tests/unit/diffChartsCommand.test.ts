import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { diffCommand } from "../../src/cli/commands/diff.ts";
import { buildDiffChart, diffChartSpecs } from "../../src/core/diff/diffCharts.ts";
import { diffChartSvg } from "../../src/core/diff/diffChartSvg.ts";
import { diffSnapshots } from "../../src/core/diff/diffSnapshots.ts";
import { snapshotAtCommit } from "../../src/core/diff/loadSnapshot.ts";
import { locateDataRoot } from "../../src/core/diff/gitRevision.ts";
import { tempRepo, type TempRepo } from "../helpers/gitRepo.ts";

const runJson = (group: string) => JSON.stringify({ group, state: "finished", config: { lr: 1e-3 }, summary: {} });
const history = (steps: number, scale: number) =>
  ["step,train/loss,val/acc", ...Array.from({ length: steps }, (_, i) => `${i * 10},${(scale * 4) / (i + 1)},${(0.1 * i) / scale}`)].join("\n") + "\n";

let repo: TempRepo;
let base: string;
let head: string;

beforeAll(async () => {
  repo = await tempRepo("runfolio-diff-charts-");
  await repo.write({
    "runs/p/a/run.json": runJson("sweep"),
    "runs/p/a/history.csv": history(20, 1),
    "runs/p/b/run.json": runJson("sweep"),
    "runs/p/b/history.csv": history(20, 1.2),
  });
  base = repo.commit("base");
  await repo.write({
    "runs/p/a/history.csv": history(30, 0.9),
    "runs/p/c/run.json": runJson("sweep"),
    "runs/p/c/history.csv": history(25, 0.8),
  });
  head = repo.commit("head");
}, 60_000);

afterAll(() => repo?.remove());

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("runfolio diff --md --out: PNG charts", () => {
  it("draws each changed and new run's main metrics, base dashed and head solid", async () => {
    const where = await locateDataRoot(repo.dir);
    const [b, h] = await Promise.all([snapshotAtCommit(where, base), snapshotAtCommit(where, head)]);
    const diff = await diffSnapshots(b, h);
    const { specs, leftOut } = diffChartSpecs(diff, b, h);
    expect(leftOut).toBe(0);
    expect(specs.map((s) => [s.id, s.runId, s.metric, s.kind, s.base.map((r) => r.id)])).toEqual([
      ["diff-1", "p/a", "train/loss", "changed", ["p/a"]],
      ["diff-2", "p/a", "val/acc", "changed", ["p/a"]],
      ["diff-3", "p/c", "train/loss", "added", ["p/a", "p/b"]],
      ["diff-4", "p/c", "val/acc", "added", ["p/a", "p/b"]],
    ]);
    const changed = (await buildDiffChart(specs[0]!, b, h))!;
    // Same run, one colour; the base line dashed under the solid head line, each with its own points.
    expect(changed.data.metrics).toEqual(["head", "base"]);
    expect(changed.data.series.map((s) => [s.run, s.name, s.metric, s.m, s.x.length])).toEqual([
      ["p/a", "a", "base", 1, 20],
      ["p/a", "a", "head", 0, 30],
    ]);
    expect(changed.render.series.map((s) => s.dash === "")).toEqual([false, true]);
    expect(changed.render.series[0]!.color).toBe(changed.render.series[1]!.color);
    const added = (await buildDiffChart(specs[2]!, b, h))!;
    // The new run over its group's runs as they were at base (p/a's 20 steps, not 30).
    expect(added.data.series.map((s) => [s.run, s.metric, s.x.length])).toEqual([
      ["p/c", "head", 25],
      ["p/a", "base", 20],
      ["p/b", "base", 20],
    ]);
    const svg = diffChartSvg(changed).svg;
    expect(svg.match(/class="rf-line"[^>]*stroke-dasharray/g)).toHaveLength(1);
    expect(svg).toContain("revision (head solid, base dashed)");
  });

  it("writes the PNGs beside the markdown, at twice the chart's size, and links them relatively", async () => {
    let stderr = "";
    const code = await diffCommand([base, head, "--md", "--out", "out/pr.md"], { cwd: repo.dir, env: {}, stdout: () => {}, stderr: (s) => (stderr += s) });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const dir = path.join(repo.dir, "out/pr-charts");
    expect((await readdir(dir)).sort()).toEqual(["diff-1.png", "diff-2.png", "diff-3.png", "diff-4.png"]);
    const md = await readFile(path.join(repo.dir, "out/pr.md"), "utf8");
    const images = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images).toEqual(["pr-charts/diff-1.png", "pr-charts/diff-2.png", "pr-charts/diff-3.png", "pr-charts/diff-4.png"]);
    // Readable without the images: each row names the run, the metric and what is compared.
    expect(md).toContain("| `p/a` | `train/loss` | base → head | ![diff-1.png](pr-charts/diff-1.png) |");
    expect(md).toContain("| `p/c` | `val/acc` | new run over the runs it is compared with | ![diff-4.png](pr-charts/diff-4.png) |");
    const where = await locateDataRoot(repo.dir);
    const [b, h] = await Promise.all([snapshotAtCommit(where, base), snapshotAtCommit(where, head)]);
    const specs = diffChartSpecs(await diffSnapshots(b, h), b, h).specs;
    for (const [i, image] of images.entries()) {
      const size = pngSize(await readFile(path.join(repo.dir, "out", image!)));
      const expected = diffChartSvg((await buildDiffChart(specs[i]!, b, h))!);
      expect(size).toEqual({ width: 2 * expected.width, height: 2 * expected.height });
      expect(size.width).toBe(1280);
      expect(size.height).toBeGreaterThan(2 * (24 + 320));
    }
  }, 60_000);

  it("removes the chart files of an earlier diff and writes none without charts to draw", async () => {
    const code = await diffCommand([head, head, "--md", "--out", "out/pr.md"], { cwd: repo.dir, env: {}, stdout: () => {}, stderr: () => {} });
    expect(code).toBe(0);
    expect(await readdir(path.join(repo.dir, "out/pr-charts"))).toEqual([]);
    expect(await readFile(path.join(repo.dir, "out/pr.md"), "utf8")).not.toContain("Charts");
    await diffCommand([head, head, "--md", "--out", "other.md"], { cwd: repo.dir, env: {}, stdout: () => {}, stderr: () => {} });
    expect(existsSync(path.join(repo.dir, "other-charts"))).toBe(false);
  }, 60_000);
});
