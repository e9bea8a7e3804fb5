import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clearRunCaches, loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import { haveFixture, realFixtures, repoRoot } from "./importFixtureFiles.ts";

const tmp = mkdtempSync(path.join(tmpdir(), "runfolio-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runfolio(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, "bin/runfolio.mjs"), ...args], { cwd: tmp, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` with its bytes and modification time. */
function snapshot(dir: string): Map<string, { bytes: string; mtime: number }> {
  const out = new Map<string, { bytes: string; mtime: number }>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), { bytes: readFileSync(p, "latin1"), mtime: statSync(p).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

// Each test starts the CLI in a new Node process.
describe.skipIf(!haveFixture("keras_csvlogger"))("runfolio import (spawned)", { timeout: 120_000 }, () => {
  it("imports a folder, prints a per-run summary, and re-imports to the same bytes without touching files", () => {
    const first = runfolio(["import", path.join(realFixtures, "keras_csvlogger"), "--project", "keras", "--out", "runs"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("keras/irfanet-10: 4 metric(s), 3 step(s), 0 config key(s), 0 summary key(s) → runs/keras/irfanet-10/ (written)");
    const before = snapshot(path.join(tmp, "runs"));
    expect([...before.keys()].sort()).toEqual(["keras/BrainCNN/history.csv", "keras/BrainCNN/run.json", "keras/Leaf_disease_detection/history.csv", "keras/Leaf_disease_detection/run.json", "keras/irfanet-10/history.csv", "keras/irfanet-10/run.json"]);
    const second = runfolio(["import", path.join(realFixtures, "keras_csvlogger"), "--project", "keras", "--out", "runs"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("(unchanged)");
    expect(snapshot(path.join(tmp, "runs"))).toEqual(before);
  }, 120_000);

  it.skipIf(!haveFixture("mlflow"))("prints skipped items with reasons and counts", () => {
    const r = runfolio(["import", path.join(realFixtures, "mlflow"), "--out", "out1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^skipped:$/m);
    expect(r.stdout).toContain("ed05f9cd599442fe9a0c9222184710b8: artifact ×8: models, event files and other artifacts are not run records (images and log_table tables are imported)");
    expect(r.stdout).toContain("15 run(s) imported into out1/mlflow");
  }, 120_000);

  it.skipIf(!haveFixture("plain_logs"))("imports a single log file with --pattern", () => {
    const log = path.join(realFixtures, "plain_logs/modded-nanogpt/records/track_2_medium/2025-01-18/main.log");
    const r = runfolio(["import", log, "--format", "log", "--pattern", String.raw`s:(?<step>\d+) tel:(?<val__loss>[\d.]+)`, "--project", "medium", "--out", "out2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("medium/2025-01-18: 1 metric(s), 241 step(s)");
    expect(readFileSync(path.join(tmp, "out2/medium/2025-01-18/history.csv"), "utf8").split("\n").slice(0, 3)).toEqual(["step,val/loss", "0,10.983", "250,6.3097"]);
  }, 120_000);

  it("exits 1 with a positioned error for unreadable input and writes no run", () => {
    const r = runfolio(["import", path.join(repoRoot, "tests/unit/importCli.test.ts"), "--format", "log", "--pattern", "(?<step>\\d+", "--out", "out3"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--pattern:1:1: error EXPR016: invalid regular expression: missing closing ) for this (\n  1 | (?<step>\\d+\n      ^\n");
    expect(() => readdirSync(path.join(tmp, "out3"))).toThrow();
  }, 120_000);

  it("exits 2 on bad usage", () => {
    expect(runfolio(["import"]).code).toBe(2);
    expect(runfolio(["import", ".", "--format", "nope"]).code).toBe(1);
  }, 120_000);

  it.skipIf(!haveFixture("hf_trainer"))("auto-detects a whole fixture tree of mixed formats into runs the loader accepts", async () => {
    const r = runfolio(["import", realFixtures, "--project", "real", "--out", "all/runs"]);
    expect(r.stdout).toMatch(/^\.\.\/.*real: (.+)$/m);
    clearRunCaches();
    const loaded = await loadAllRuns(path.join(tmp, "all"));
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(loaded.runs.length).toBeGreaterThan(30);
  }, 120_000);
});

describe("runfolio import (spawned): forced formats and inferred choices", () => {
  const fixture = (p: string) => path.join(repoRoot, "tests/fixtures/import", p);

  it("imports a Keras log whatever its name with --format keras, and exits 0", () => {
    const r = runfolio(["import", fixture("keras-custom-filename/mnist/history.log"), "--format", "keras", "--out", "k1"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("mnist/mnist: 4 metric(s), 4 step(s), 0 config key(s), 0 summary key(s) → k1/mnist/mnist/ (written)");
  }, 120_000);

  it("says why when a forced format finds nothing, and exits 1", () => {
    const r = runfolio(["import", fixture("hf-predict-stepless/trainer_state.json"), "--format", "keras", "--out", "k2"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('trainer_state.json: file: first line "{" is not a Keras CSVLogger header (epoch,<metric>,…)');
    expect(r.stderr).toMatch(/error IMP010: no keras runs found: looked for Keras CSVLogger logs .* in 1 file\(s\); 1 item\(s\) skipped/);
  }, 120_000);

  it("prints the config/summary split of a W&B runs table under notes:, and follows --summary-columns", () => {
    const r = runfolio(["import", fixture("wandb-runs-table-ui-2024"), "--out", "k3", "--summary-columns", "seed"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^notes:\n {2}.*wandb_export_2024-11-08T10_02_11\.305\+01_00\.csv: runs table: 5 config column\(s\) \(dropout … optimizer\), 9 summary column\(s\) \(seed … wall_clock_h\); change with --config-columns \/ --summary-columns$/m);
    const run = JSON.parse(readFileSync(path.join(tmp, "k3/wandb-runs-table-ui-2024/ablation-b/run.json"), "utf8"));
    expect(run.summary.seed).toBe(1);
    expect(run.config.seed).toBeUndefined();
  }, 120_000);

  it("reads a UTF-16 log (what PowerShell's > writes) and a UTF-16 Keras log, with their byte order marks", () => {
    const dir = path.join(tmp, "utf16");
    mkdirSync(path.join(dir, "ps"), { recursive: true });
    const utf16le = (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]);
    writeFileSync(path.join(dir, "ps", "train.log"), utf16le("step 0 loss 1.5\r\nstep 1 loss 1.25\r\n"));
    const log = runfolio(["import", path.join(dir, "ps", "train.log"), "--format", "log", "--pattern", String.raw`step (?<step>\d+) loss (?<loss>[\d.]+)`, "--out", "k5"]);
    expect(log.stderr).toBe("");
    expect(log.code).toBe(0);
    expect(readFileSync(path.join(tmp, "k5/ps/ps/history.csv"), "utf8")).toBe("step,loss\n0,1.5\n1,1.25\n");
    mkdirSync(path.join(dir, "keras", "mnist"), { recursive: true });
    writeFileSync(path.join(dir, "keras", "mnist", "history.log"), utf16le("epoch,loss\r\n0,0.5\r\n"));
    const keras = runfolio(["import", path.join(dir, "keras"), "--out", "k6"]);
    expect(keras.stderr).toBe("");
    expect(keras.code).toBe(0);
    expect(keras.stdout).toContain("keras/mnist: 1 metric(s), 1 step(s)");
  }, 120_000);

  it("recognises a chart export of a sweep whose header line is longer than the first 4 KB of the file", () => {
    const dir = path.join(tmp, "sweep-chart");
    mkdirSync(dir);
    const runs = Array.from({ length: 60 }, (_, i) => `sweep-run-${String(i).padStart(3, "0")}-lr-${(i + 1) / 1000}`);
    const header = ["Step", ...runs.flatMap((r) => [`${r} - train/loss`, `${r} - train/loss__MIN`, `${r} - train/loss__MAX`])];
    expect(header.join(",").length).toBeGreaterThan(4096);
    const row = (step: number) => [step, ...runs.flatMap(() => [1 / (step + 1), 1 / (step + 1), 1 / (step + 1)])];
    writeFileSync(path.join(dir, "panel.csv"), [header, row(0), row(1)].map((r) => r.map((c) => `"${c}"`).join(",")).join("\n"));
    const r = runfolio(["import", dir, "--out", "k4"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(tmp, "k4/sweep-chart"))).toHaveLength(60);
  }, 120_000);
});
