import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { diffCommand } from "../../src/cli/commands/diff.ts";
import { buildDiffChart, diffChartSpecs } from "../../src/core/diff/diffCharts.ts";
import { diffSnapshots } from "../../src/core/diff/diffSnapshots.ts";
import { snapshotAtCommit, snapshotOfWorkingTree } from "../../src/core/diff/loadSnapshot.ts";
import { locateDataRoot } from "../../src/core/diff/gitRevision.ts";
import { clearRunCaches } from "../../src/core/runs/loadRuns.ts";
import { tempRepo, type TempRepo } from "../helpers/gitRepo.ts";

// The same histories in the three forms a run folder may hold: a diff must read them alike.
const rows = (steps: number, scale: number) => Array.from({ length: steps }, (_, i) => ({ step: i * 10, loss: (scale * 4) / (i + 1), acc: (0.05 * i) / scale }));
type Rows = ReturnType<typeof rows>;
const csv = (r: Rows) => ["step,train/loss,val/acc", ...r.map((x) => `${x.step},${x.loss},${x.acc}`)].join("\n") + "\n";
const jsonl = (r: Rows) => r.map((x) => JSON.stringify({ step: x.step, "train/loss": x.loss, "val/acc": x.acc })).join("\n") + "\n";
const parquet = (r: Rows) =>
  new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "step", data: Float64Array.from(r, (x) => x.step), type: "DOUBLE", nullable: false },
        { name: "train/loss", data: r.map((x) => x.loss), type: "DOUBLE" },
        { name: "val/acc", data: r.map((x) => x.acc), type: "DOUBLE" },
      ],
    }),
  );
const runJson = JSON.stringify({ group: "sweep", state: "finished", config: { lr: 1e-3 } });
const FORMS = {
  csv: (r: Rows) => ({ "history.csv": csv(r) }),
  gz: (r: Rows) => ({ "history.csv.gz": gzipSync(csv(r)) }),
  jsonlgz: (r: Rows) => ({ "history.jsonl.gz": gzipSync(jsonl(r)) }),
  parquet: (r: Rows) => ({ "history.parquet": parquet(r) }),
};
const runFiles = (r: Rows) => {
  const files: Record<string, string | Uint8Array> = {};
  for (const [form, write] of Object.entries(FORMS)) {
    files[`runs/p/${form}/run.json`] = runJson;
    for (const [name, bytes] of Object.entries(write(r))) files[`runs/p/${form}/${name}`] = bytes;
  }
  return files;
};

let repo: TempRepo;
let base: string;
let head: string;

beforeAll(async () => {
  repo = await tempRepo("runfolio-diff-compact-");
  await repo.write(runFiles(rows(20, 1)));
  base = repo.commit("base");
  await repo.write(runFiles(rows(30, 0.8)));
  head = repo.commit("head");
}, 60_000);

afterAll(() => repo?.remove());

describe("snapshotAtCommit(where, commit) with compact histories", () => {
  it("reads history.csv.gz, history.jsonl.gz and history.parquet from git's objects as the build reads them", async () => {
    const where = await locateDataRoot(repo.dir);
    const snap = await snapshotAtCommit(where, base);
    expect(snap.diagnostics).toEqual([]);
    expect(snap.runs.map((r) => [r.id, r.source.files])).toEqual([
      ["p/csv", ["runs/p/csv/run.json", "runs/p/csv/history.csv"]],
      ["p/gz", ["runs/p/gz/run.json", "runs/p/gz/history.csv.gz"]],
      ["p/jsonlgz", ["runs/p/jsonlgz/run.json", "runs/p/jsonlgz/history.jsonl.gz"]],
      ["p/parquet", ["runs/p/parquet/run.json", "runs/p/parquet/history.parquet"]],
    ]);
    const [plain, ...compact] = snap.runs;
    expect(plain!.summary).toEqual({ "train/loss": 0.2, "val/acc": 0.05 * 19 });
    const plainHistory = await snap.history(plain!);
    expect(plainHistory.step.length).toBe(20);
    for (const run of compact) {
      expect([run.id, run.summary, run.metrics, run.steps]).toEqual([run.id, plain!.summary, plain!.metrics, plain!.steps]);
      expect(await snap.history(run)).toEqual(plainHistory);
    }
    // The same folders on disk, through the build's loader, give the same runs.
    clearRunCaches();
    const tree = await snapshotOfWorkingTree(repo.dir);
    const at = await snapshotAtCommit(where, head);
    expect(at.runs).toEqual(tree.runs);
  });

  it("gives every form the same summary deltas and base lines in a diff between two commits", async () => {
    const where = await locateDataRoot(repo.dir);
    const [b, h] = await Promise.all([snapshotAtCommit(where, base), snapshotAtCommit(where, head)]);
    const diff = await diffSnapshots(b, h);
    expect(diff.changed.map((c) => c.id)).toEqual(["p/csv", "p/gz", "p/jsonlgz", "p/parquet"]);
    const [plain, ...compact] = diff.changed;
    expect(plain!.summary.map((m) => [m.metric, m.base, m.head])).toEqual([
      ["train/loss", 0.2, (0.8 * 4) / 30],
      ["val/acc", 0.05 * 19, (0.05 * 29) / 0.8],
    ]);
    for (const c of compact) expect({ ...c, id: "" }).toEqual({ ...plain!, id: "" });
    const { specs } = diffChartSpecs(diff, b, h);
    const gz = (await buildDiffChart(specs.find((s) => s.runId === "p/gz" && s.metric === "train/loss")!, b, h))!;
    const pq = (await buildDiffChart(specs.find((s) => s.runId === "p/parquet" && s.metric === "train/loss")!, b, h))!;
    // Base dashed with its 20 points, head solid with 30: the base line is no longer missing.
    for (const chart of [gz, pq]) expect(chart.data.series.map((s) => [s.metric, s.x.length])).toEqual([["base", 20], ["head", 30]]);
    expect(pq.data.series.map((s) => s.y)).toEqual(gz.data.series.map((s) => s.y));
  });

  it("prints the compact runs' deltas exactly as the plain run's in `runfolio diff`", async () => {
    let stdout = "";
    const code = await diffCommand([base, head], { cwd: repo.dir, env: {}, stdout: (s) => (stdout += s), stderr: () => {} });
    expect(code).toBe(0);
    const block = (id: string) => stdout.slice(stdout.indexOf(`  ${id}\n`)).split("\n").slice(1, 5).join("\n");
    expect(block("p/csv")).toBe(
      ["    steps                        20 → 30", "    summary.train/loss           0.2 → 0.1067  −0.09333 (−46.7%)", "    summary.val/acc              0.95 → 1.813  +0.8625 (+90.8%)", "  p/gz"].join("\n"),
    );
    for (const id of ["p/gz", "p/jsonlgz", "p/parquet"]) expect(block(id).split("\n").slice(0, 3)).toEqual(block("p/csv").split("\n").slice(0, 3));
  });
});
