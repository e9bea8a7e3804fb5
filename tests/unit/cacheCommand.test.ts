import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheCommand } from "../../src/cli/commands/cache.ts";
import { DiskCache } from "../../src/core/cache/diskCache.ts";
import { codeVersionOf } from "../../src/core/cache/buildCache.ts";
import { runCard, runCardSvg } from "../../src/core/export/previewImage.ts";
import { titleCardPng } from "../../src/core/export/titleCardPng.ts";
import { previewFonts } from "../../src/core/export/renderPng.ts";
import { loadAllRuns } from "../../src/core/runs/loadRuns.ts";

let root: string;
const appRoot = path.resolve(import.meta.dirname, "../..");

async function run(args: string[], cacheDir: string) {
  let stdout = "";
  let stderr = "";
  const code = await cacheCommand(args, { cwd: root, env: { RUNFOLIO_CACHE_DIR: cacheDir }, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

async function count(dir: string): Promise<number> {
  try {
    return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".bin")).length;
  } catch {
    return 0;
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "runfolio-cache-cli-"));
  for (const name of ["a", "b", "c"]) {
    const dir = path.join(root, "runs", "p", name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "run.json"), JSON.stringify({ name: `run ${name}`, notes: "a note" }));
    // Different bytes per run: equal histories would share one entry.
    await writeFile(path.join(dir, "history.csv"), `step,loss\n0,1\n1,0.5${name.charCodeAt(0)}\n`);
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("cacheCommand(args, io)", () => {
  it("fills the cache for every n-th run: shards split the runs without overlap", async () => {
    const first = await run(["--shard", "1/2"], path.join(root, "c1"));
    const second = await run(["--shard=2/2"], path.join(root, "c2"));
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stdout).toContain("shard 1/2: 2 of 3 run sources, 2 runs");
    expect(second.stdout).toContain("shard 2/2: 1 of 3 run sources, 1 runs");
    for (const kind of ["source", "history", "png"]) {
      expect([await count(path.join(root, "c1/runfolio", kind)), await count(path.join(root, "c2/runfolio", kind))], kind).toEqual([2, 1]);
    }
  });

  it("stores the same preview card the build would draw, under the key the build looks up", async () => {
    const dir = path.join(root, "c1", "runfolio");
    const cache = new DiskCache({ dir, codeVersion: codeVersionOf(appRoot), warn: () => undefined });
    const { runs } = await loadAllRuns(root);
    const run = runs.find((r) => r.name === "run a")!;
    const stored = await cache.get("png", cache.keyOf("png", [runCardSvg(run), JSON.stringify(previewFonts())]));
    expect(stored && Buffer.from(titleCardPng(runCard(run))).equals(stored)).toBe(true);
  });

  it("refuses a bad shard or a folder without runs/", async () => {
    expect((await run(["--shard", "3/2"], path.join(root, "c3"))).code).toBe(2);
    expect((await run(["--shard", "0/2"], path.join(root, "c3"))).code).toBe(2);
    expect((await run(["--root", path.join(root, "runs", "p")], path.join(root, "c3"))).stderr).toContain("has no runs/ folder");
  });
});
