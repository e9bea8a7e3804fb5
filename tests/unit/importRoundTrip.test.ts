import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ImportedRun } from "../../src/core/import/importedRun.ts";
import { importRuns } from "../../src/core/import/importRuns.ts";
import { historyCsv, writeRunFolder } from "../../src/core/import/writeRunFolder.ts";
import { clearRunCaches, loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";
import { fixtureFiles, haveFixture } from "./importFixtureFiles.ts";

const tmp = mkdtempSync(path.join(tmpdir(), "runfolio-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function writeRuns(root: string, runs: readonly ImportedRun[]): Promise<void> {
  for (const run of runs) {
    const dir = path.join(root, "runs", run.project, run.slug);
    await mkdir(dir, { recursive: true });
    for (const [name, text] of Object.entries(writeRunFolder(run))) await writeFile(path.join(dir, name), text!);
  }
}

/** Loads what was written with the project's loader and checks it holds the imported values. */
async function expectSameAfterLoading(root: string, runs: readonly ImportedRun[]): Promise<void> {
  clearRunCaches();
  const loaded = await loadAllRuns(root);
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(loaded.runs.map((r) => r.id).sort()).toEqual(runs.map((r) => `${r.project}/${r.slug}`).sort());
  for (const run of runs) {
    const got = loaded.runs.find((r) => r.id === `${run.project}/${run.slug}`)!;
    expect({ name: got.name, group: got.group, tags: got.tags, state: got.state, created: got.created, duration: got.duration, notes: got.notes }).toEqual({
      name: run.name, group: run.group, tags: run.tags, state: run.state, created: run.created, duration: run.duration, notes: run.notes,
    });
    expect(got.config).toEqual(JSON.parse(JSON.stringify(run.config)));
    for (const [k, v] of Object.entries(run.summary)) expect(got.summary[k], `${got.id} summary ${k}`).toEqual(typeof v === "number" && !Number.isFinite(v) ? null : v);
    const h = run.history;
    expect(got.steps).toBe(h?.rows.length ?? 0);
    expect(got.metrics).toEqual([...(h?.metrics ?? [])].sort());
    if (!h) continue;
    const history = await readHistory(root, got);
    expect(Array.from(history.step)).toEqual(h.rows.map((r) => r.step));
    if (h.rows.some((r) => r.time !== null)) expect(Array.from(history.time!)).toEqual(h.rows.map((r) => r.time ?? NaN));
    for (const m of h.metrics) {
      const want = h.rows.map((r) => { const v = r.values[m]; return v === undefined || v === null || !Number.isFinite(v) ? NaN : v; });
      expect(Array.from(history.metrics[m]!), `${got.id} ${m}`).toEqual(want);
    }
  }
}

const CASES: { name: string; dir: string; format: string; pattern?: string }[] = [
  { name: "hf", dir: "hf_trainer", format: "auto" },
  { name: "lightning", dir: "lightning_csv", format: "auto" },
  { name: "keras", dir: "keras_csvlogger", format: "auto" },
  { name: "mlflow", dir: "mlflow", format: "mlflow" },
  { name: "wandb-csv", dir: "wandb_csv_export", format: "auto" },
  { name: "dvc", dir: "dvc", format: "auto" },
  { name: "log", dir: "plain_logs/modded-nanogpt/records/track_1_short/2024-10-13_llmc", format: "log", pattern: String.raw`s:(?<step>\d+) (?:trl:(?<train__loss>[\d.]+)(?: lr:(?<lr>[\d.]+) norm:(?<norm>[\d.]+))?|tel:(?<val__loss>[\d.]+))` },
];

describe("writeRunFolder(run) → loadAllRuns: every real fixture round-trips", () => {
  for (const c of CASES) {
    it.skipIf(!haveFixture(c.dir))(`${c.name}: ${c.dir}`, async () => {
      const options = { project: c.name, rootName: path.basename(c.dir), format: c.format, ...(c.pattern ? { pattern: c.pattern } : {}) };
      const result = importRuns(fixtureFiles(c.dir), options);
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.runs.length).toBeGreaterThan(0);
      const root = path.join(tmp, c.name);
      await writeRuns(root, result.runs);
      await expectSameAfterLoading(root, result.runs);
      // Same input, same bytes.
      const again = importRuns(fixtureFiles(c.dir), options);
      for (const [i, run] of again.runs.entries()) expect(writeRunFolder(run)).toEqual(writeRunFolder(result.runs[i]!));
      const first = result.runs[0]!;
      expect(readFileSync(path.join(root, "runs", first.project, first.slug, "run.json"), "utf8")).toBe(writeRunFolder(first)["run.json"]);
    }, 60_000);
  }
});

describe("writeRunFolder(run)", () => {
  const run: ImportedRun = {
    slug: "r", project: "p", name: "run, with comma", group: "g", tags: ["b", "a"], state: "crashed", created: "2024-05-01T12:30:00.000Z", duration: 12.5, notes: null, git: { commit: "abc" },
    config: { z: 1, a: { y: [1, 2], b: NaN } }, summary: { "val/loss": 0.5, best: Infinity },
    history: { metrics: ["b,c", "a"], rows: [{ step: 0, time: 1.5, values: { a: 0.1 + 0.2, "b,c": null } }, { step: 1, time: null, values: { a: NaN, "b,c": -Infinity } }, { step: 2, time: 3, values: { a: 1e-7, "b,c": 5e20 } }] },
    sources: [],
  };
  it("writes sorted keys, strict JSON, and the documented cell tokens", () => {
    const files = writeRunFolder(run);
    expect(files["run.json"]).toBe(
      '{\n  "config": {\n    "a": {\n      "b": null,\n      "y": [\n        1,\n        2\n      ]\n    },\n    "z": 1\n  },\n  "created": "2024-05-01T12:30:00.000Z",\n  "duration": 12.5,\n  "git": {\n    "commit": "abc"\n  },\n  "group": "g",\n  "name": "run, with comma",\n  "state": "crashed",\n  "summary": {\n    "best": null,\n    "val/loss": 0.5\n  },\n  "tags": [\n    "b",\n    "a"\n  ]\n}\n',
    );
    expect(files["history.csv"]).toBe('step,time,"b,c",a\n0,1.5,,0.30000000000000004\n1,,-inf,nan\n2,3,500000000000000000000,1e-7\n');
  });
  it("omits the time column when no row has a time, unless a metric would be mistaken for it", () => {
    expect(historyCsv({ metrics: ["loss"], rows: [{ step: 0, time: null, values: { loss: 1 } }] })).toBe("step,loss\n0,1\n");
    expect(historyCsv({ metrics: ["timestamp"], rows: [{ step: 0, time: null, values: { timestamp: 1 } }] })).toBe("step,time,timestamp\n0,,1\n");
  });
  it("round-trips through the loader", async () => {
    const root = path.join(tmp, "synthetic");
    await writeRuns(root, [run]);
    await expectSameAfterLoading(root, [run]);
  });
});
