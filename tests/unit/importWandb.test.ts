/**
 * W&B importer: the real run folders in ../shared/fixtures/real/wandb (read in place, never
 * copied; skipped with a message when absent) and small synthetic `.wandb` logs built here to
 * exercise framing (fragments, checksums, truncation) and value handling.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { detectWandb, importWandb, tracebackAtEnd } from "../../src/core/import/wandb/index.ts";
import { BLOCK_LEN, readLeveldbLog } from "../../src/core/import/wandb/leveldbLog.ts";
import { lengthField, varintField } from "./protobufWriter.ts";
import { wandbLog } from "./fuzz/binaryBuilders.ts";
import { filesUnder } from "./importFilesUnder.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const realDir = path.resolve(repoRoot, "../shared/fixtures/real/wandb");
const present = existsSync(realDir);
if (!present) console.warn(`skipping W&B real-fixture tests: ${realDir} not found`);

const real = (sub: string) => importWandb(filesUnder(path.join(realDir, sub)), { project: "p" });

describe.skipIf(!present)("importWandb on real W&B run folders", () => {
  it("reads the history of the VerySimpleTransformer 5pppfjv9 run from its binary .wandb log", () => {
    const r = real("VerySimpleTransformer");
    const run = r.runs.find((x) => x.slug === "run-20230329_135925-5pppfjv9")!;
    expect(run).toBeDefined();
    const h = run.history!;
    expect(h.metrics).toEqual(["lr", "train_loss_local", "grad_norm_square"]);
    // The committed .wandb is a 1,310,720-byte (40-block) prefix of the run: 3,987 rows, steps 0–3986.
    expect(h.rows).toHaveLength(3987);
    expect(h.rows[0]).toEqual({
      step: 0,
      time: 1680091177.476086,
      values: { lr: 3e-6, train_loss_local: 0.9412435293197632, grad_norm_square: 422.0857927490044 },
    });
    const last = h.rows[h.rows.length - 1]!;
    expect(last.step).toBe(3986);
    expect(last.values.train_loss_local).toBe(0.8264277577400208);
    expect(h.rows.every((row, i) => row.step === i)).toBe(true);
    // The log's 4 stats records (8 GPUs, 28 cores) become system.jsonl; `cpu` is the process's share here.
    const system = (run.files!["system.jsonl"] as string).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
    expect(system).toHaveLength(4);
    expect(system[0]).toMatchObject({ time: 1680091227.067385, "proc.cpu.percent": 3.07, "gpu.2.utilization": 93.4, "gpu.2.power_w": 191.2, "gpu.7.temperature_c": 65.73, "memory.percent": 25.67, "disk.percent": 95.4 });
    expect(system[0]!["cpu.percent"]).toBeCloseTo(46.1296, 4); // the mean of the 28 cores (48.16, 54.85, …, 44.07)
    expect(r.skipped.some((s) => s.run === run.slug && s.what.includes("stats"))).toBe(false);
    // Cross-check with wandb-summary.json: lr is constant and equals the summary's lr; the final
    // train_loss_local (step 62509) comes from the summary file, beyond the end of the partial log.
    const summary = JSON.parse(readFileSync(path.join(realDir, "VerySimpleTransformer/wandb/run-20230329_135925-5pppfjv9/files/wandb-summary.json"), "utf8"));
    expect(last.values.lr).toBe(summary.lr);
    expect(run.summary.train_loss_local).toBe(summary.train_loss_local);
    expect(run.summary.test_acc_epoch).toBe(0.7808);
    expect(run.summary).not.toHaveProperty("_step");
    // No exit record in the partial log and no traceback: still running as far as the files say.
    expect(run.state).toBe("running");
    expect(run.created).toBe("2023-03-29T11:59:25.735Z");
    expect(run.duration).toBe(2620);
    expect(run.config).toMatchObject({ dataset: "IMDB", epochs: 10, seed: 67, optimizer: { bs: 4, lr: 3e-6, method: "signum" } });
    expect(run.config).not.toHaveProperty("_wandb");
    expect(run.config.wandb).toMatchObject({ cli_version: "0.14.0", run_id: "5pppfjv9", project: "Lion and Adam", python: "3.8.5", program: "main.py" });
    // The partial log is a warning at the cut-off record, and the summary/_step mismatch is named.
    const codes = r.diagnostics.filter((d) => d.file.endsWith("run-5pppfjv9.wandb")).map((d) => [d.code, d.severity, d.column]);
    expect(codes).toEqual([
      ["WANDB002", "warning", 1310276],
      ["WANDB006", "warning", 1],
    ]);
    expect(r.diagnostics.every((d) => d.severity === "warning")).toBe(true);
    // The 4 stats records are imported as system.jsonl (checked above), not skipped.
    expect(r.skipped.some((s) => s.run === run.slug && s.what.startsWith(".wandb records: stats"))).toBe(false);
  });

  it("marks the u1c25l6f run crashed from its exit code and keeps the traceback in notes", () => {
    const run = real("VerySimpleTransformer").runs.find((x) => x.slug === "run-20230329_014841-u1c25l6f")!;
    expect(run.state).toBe("crashed");
    expect(run.history).toBeNull();
    expect(run.duration).toBe(14);
    expect(run.notes).toContain("ValueError: too many values to unpack (expected 2)");
    expect(run.config.optimizer).toEqual({ method: "adam_torch", bs: 4, lr: 0.0003 });
  });

  it("imports the empty offline run as a finished run without history", () => {
    const r = real("wandb-sdk-offline-run");
    expect(r.runs).toHaveLength(1);
    const run = r.runs[0]!;
    expect(run.slug).toBe("offline-run-20210216_154407-g9dvvkua");
    expect(run.state).toBe("finished");
    expect(run.history).toBeNull();
    expect(run.summary).toEqual({});
    expect(run.git).toEqual({ commit: "86db7dc9144c87a4b41cad77a0dae2e55288b587", remote: "git@github.com:wandb/client.git" });
    expect(run.created).toBe("2021-02-16T23:44:07.000Z");
    expect(JSON.stringify(run)).not.toContain("vanpelt@gmail.com");
    expect(r.diagnostics).toEqual([]);
  });

  it("reads the 2020 spaceinvaders wandb-history.jsonl (198 sparse rows) and counts skipped videos", () => {
    const r = real("spaceinvaders-wandb-challenge");
    expect(r.runs).toHaveLength(1);
    const run = r.runs[0]!;
    expect(run.slug).toBe("apricot-fire-21");
    expect(run.name).toBe("apricot-fire-21");
    const h = run.history!;
    expect(h.rows).toHaveLength(198);
    expect(h.rows.map((x) => x.step)).toEqual([...Array(198).keys()]);
    const count = (m: string) => h.rows.filter((x) => x.values[m] !== null).length;
    expect(h.metrics).toEqual(["episodic_reward", "cumulative_avg_reward"]);
    expect(count("episodic_reward")).toBe(98);
    expect(count("cumulative_avg_reward")).toBe(98);
    expect(h.rows[0]).toEqual({ step: 0, time: 1582070918.2388577, values: { episodic_reward: 180, cumulative_avg_reward: null } });
    expect(h.rows[1]!.values.cumulative_avg_reward).toBe(136.66666666666666);
    expect(run.summary).toEqual({ episodic_reward: 210, cumulative_avg_reward: 272.75 });
    expect(run.config).toMatchObject({ batch_size: 32, episodes: 100, learning_rate: 0.003, wandb: { cli_version: "0.8.27" } });
    expect(run.duration).toBeCloseTo(503.9136462211609, 9);
    expect(run.state).toBe("running");
    // The two gameplay videos (the summary repeats the last) were not committed with the folder.
    const videos = r.skipped.filter((s) => s.what.startsWith("video-file"));
    expect(videos.map((s) => [s.what, s.count])).toEqual([["video-file values whose file is not in the export: gameplays", 2]]);
    expect(r.skipped.some((s) => s.what === "file wandb-events.jsonl")).toBe(false);
    const system = (run.files!["system.jsonl"] as string).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
    expect(system).toHaveLength(18);
    expect(system[0]).toMatchObject({ time: 1582070941, "cpu.percent": 65.27, "memory.percent": 16.73, "gpu.0.utilization": 4.07, "gpu.0.temperature_c": 49.93, "gpu.0.power_w": 27.79, "gpu.0.memory_percent": 1.91, "disk.percent": 49 });
  });

  it("reads the hyper-graph-nets files dir: histograms, tables and a video skipped with counts, crashed from output.log", () => {
    const r = real("hyper-graph-nets-files-dir");
    expect(r.runs).toHaveLength(1);
    const run = r.runs[0]!;
    expect(run.history).toBeNull();
    expect(run.state).toBe("crashed");
    expect(run.notes).toContain("IndexError: list index out of range");
    expect(run.summary).toEqual({
      validation_mean: 676015.9637391483,
      position_mean: 6.760481930250145e-11,
      mean_rollout_loss: 1.1486553930240007e-9,
      rollout_loss: 4.820968513286061e-9,
      mean_10_loss: 7.53269517872468e-8,
      "10_loss": 2.194116319742534e-7,
      epoch: 1,
    });
    const skip = Object.fromEntries(r.skipped.map((s) => [s.what.split(":")[0], s.count]));
    // The summary's tables (names with `:`) and its .gif were not committed: counted, not imported.
    expect(skip["table values whose file is not in the export"]).toBe(3);
    expect(skip["video-file values whose file is not in the export"]).toBe(1);
    expect(skip["files under media/"]).toBeUndefined();
    const files = run.files!;
    expect(Object.keys(files).sort()).toEqual([
      "histograms/position_loss.jsonl",
      "histograms/rollout_hist.jsonl",
      "histograms/validation_loss.jsonl",
      "tables/15_cluster-none_connector-none_balancer-none_mp-1_epoch-1_one_step.jsonl",
      "tables/15_cluster-none_connector-none_balancer-none_mp-1_epoch-1_rollout_losses.jsonl",
      "tables/n_step_losses.jsonl",
      "tables/one_step.jsonl",
      "tables/rollout_losses.jsonl",
    ]);
    // Histograms at the summary's _step 0; 256 bins from 0.0414… to 1.93e6.
    const hist = JSON.parse(files["histograms/validation_loss.jsonl"] as string) as { step: number; edges: number[]; counts: number[] };
    expect(hist.step).toBe(0);
    expect(hist.edges).toHaveLength(257);
    expect(hist.counts).toHaveLength(256);
    expect(hist.edges[0]).toBe(0.04142105579376221);
    expect(hist.counts[0]).toBe(10);
    expect(hist.counts.reduce((a, b) => a + b, 0)).toBe(18);
    // The table's step comes from W&B's file name (`n_step_losses_402_<hash>`); bare NaN stays NaN.
    expect(files["tables/n_step_losses.jsonl"]).toBe('{"step":402,"n_step":60,"mean":3.897134304046631,"std":NaN}\n');
    expect((files["tables/rollout_losses.jsonl"] as string).split("\n")[1]).toBe('{"step":401,"mse_loss":0.00010699582344386727,"mse_std":NaN}');
    expect(run.git?.commit).toBe("3f2828abc3c7a82d609ab2398a819c923f51ef1d");
    expect((run.config.model as Record<string, unknown>).aggregation).toBe("pna");
    expect(r.diagnostics).toEqual([]);
  });

  it("detects W&B folders and reports a corrupted record at its byte offset", () => {
    const files = filesUnder(path.join(realDir, "VerySimpleTransformer"));
    expect(detectWandb(files.map((f) => f.path))).toBe(true);
    const logFile = files.find((f) => f.path.endsWith("run-u1c25l6f.wandb"))!;
    const bytes = logFile.bytes.slice();
    bytes[100] ^= 0xff; // inside the run record, which starts at offset 69
    const r = importWandb([{ path: logFile.path, bytes }], { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: logFile.path, line: 1, column: 70, severity: "error", code: "WANDB001" });
    expect(r.diagnostics[0]!.message).toContain("byte offset 69");
    expect(r.diagnostics[0]!.message).toContain("checksum");
  });
});

// ---- synthetic logs ---------------------------------------------------------------------------

const enc = new TextEncoder();
const field = lengthField;
const vfield = varintField;
const item = (key: string, json: string) => field(1, [...field(1, key), ...field(16, json)]);
const nestedItem = (keys: string[], json: string) => field(1, [...keys.flatMap((k) => field(2, k)), ...field(16, json)]);
const historyRecord = (items: number[][]) => new Uint8Array(field(2, items.flat()));
const runRecord = (id: string, name: string, tags: string[]) =>
  new Uint8Array(field(17, [...field(1, id), ...field(3, "proj"), ...field(8, name), ...field(6, "grp"), ...tags.flatMap((t) => field(10, t))]));
const exitRecord = (code: number) => new Uint8Array(field(18, vfield(1, code)));

describe("importWandb on synthetic .wandb logs", () => {
  const records = [
    runRecord("abc123", "brisk-sun-3", ["baseline", "v2"]),
    historyRecord([item("loss", "1.5"), nestedItem(["val", "acc"], "0.25"), item("_step", "0"), item("_timestamp", "1700000000.5")]),
    historyRecord([item("loss", "NaN"), item("img", '{"_type": "image-file", "path": "x.png"}'), item("_step", "1")]),
    // A record larger than a block: FIRST / MIDDLE / LAST fragments.
    historyRecord([item("loss", "-Infinity"), item("note", JSON.stringify("x".repeat(70000))), item("_step", "2")]),
    historyRecord([item("loss", "0.5"), item("deep", '{"a": {"b": 2}}'), item("_step", "3")]),
    exitRecord(0),
  ];
  const bytes = wandbLog(records);
  const file = "wandb/run-20240101_000000-abc123/run-abc123.wandb";

  it("decodes fragments, nested keys, non-finite values and skips media and text", () => {
    expect(readLeveldbLog(bytes).records).toHaveLength(records.length);
    const r = importWandb([{ path: file, bytes }], { project: "p" });
    expect(r.diagnostics).toEqual([]);
    const run = r.runs[0]!;
    expect(run).toMatchObject({ slug: "run-20240101_000000-abc123", name: "brisk-sun-3", group: "grp", tags: ["baseline", "v2"], state: "finished" });
    expect(run.config.wandb).toMatchObject({ run_id: "abc123", project: "proj" });
    const h = run.history!;
    expect(h.metrics).toEqual(["loss", "val/acc", "deep/a/b"]);
    expect(h.rows.map((x) => x.step)).toEqual([0, 1, 2, 3]);
    expect(h.rows[0]).toEqual({ step: 0, time: 1700000000.5, values: { loss: 1.5, "val/acc": 0.25, "deep/a/b": null } });
    expect(h.rows[1]!.values.loss).toBeNaN();
    expect(h.rows[2]!.values.loss).toBe(-Infinity);
    expect(h.rows[3]!.values["deep/a/b"]).toBe(2);
    expect(r.skipped.map((s) => [s.what, s.count])).toEqual([
      ["image-file values whose file is not in the export: img", 1],
      ["text values in the history: note", 1],
    ]);
  });

  it("turns a non-zero exit code into crashed, and a missing exit record into running", () => {
    const crashed = importWandb([{ path: file, bytes: wandbLog([...records.slice(0, -1), exitRecord(1)]) }], { project: "p" });
    expect(crashed.runs[0]!.state).toBe("crashed");
    const running = importWandb([{ path: file, bytes: wandbLog(records.slice(0, -1)) }], { project: "p" });
    expect(running.runs[0]!.state).toBe("running");
  });

  it("reports a bad checksum in a middle fragment at the fragment's offset, and imports nothing", () => {
    const bad = bytes.slice();
    bad[BLOCK_LEN + 100] ^= 1; // inside the MIDDLE fragment that starts the second block
    const r = importWandb([{ path: file, bytes: bad }], { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ code: "WANDB001", severity: "error", line: 1, column: BLOCK_LEN + 1 }]);
    expect(r.diagnostics[0]!.message).toContain(`byte offset ${BLOCK_LEN}`);
  });

  it("keeps the rows before a cut-off tail and warns", () => {
    const cut = bytes.slice(0, BLOCK_LEN + 10);
    const r = importWandb([{ path: file, bytes: cut }], { project: "p" });
    expect(r.runs[0]!.history!.rows).toHaveLength(2);
    expect(r.runs[0]!.state).toBe("running");
    expect(r.diagnostics).toMatchObject([{ code: "WANDB002", severity: "warning" }]);
  });

  it("reports a Git LFS pointer and a bad header as errors", () => {
    const lfs = enc.encode("version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 10\n");
    expect(importWandb([{ path: file, bytes: lfs }], { project: "p" }).diagnostics[0]).toMatchObject({ code: "WANDB010", severity: "error" });
    const r = importWandb([{ path: file, bytes: enc.encode("hello, not a log") }], { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ code: "WANDB001", column: 1 });
  });

  it("reports a JSON syntax error in wandb-summary.json at its line and column", () => {
    const r = importWandb([{ path: "run/files/wandb-summary.json", bytes: enc.encode('{\n  "a": 1,\n  "b": oops\n}') }], { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ file: "run/files/wandb-summary.json", line: 3, column: 8, code: "WANDB004", severity: "error" });
  });
});

describe("tracebackAtEnd", () => {
  it("finds a final traceback and ignores one followed by more output", () => {
    const tb = "training\nTraceback (most recent call last):\n  File \"a.py\", line 1, in <module>\n    f()\nKeyError: 'x'\n\n";
    expect(tracebackAtEnd(tb)).toContain("KeyError: 'x'");
    expect(tracebackAtEnd(`${tb}epoch 2 loss 0.1\nepoch 3 loss 0.09\nmore\nlines\nof\nnormal\noutput\nhere\nand\nhere\nand more\n`)).toBeNull();
    expect(tracebackAtEnd("all good\n")).toBeNull();
    expect(tracebackAtEnd("Traceback (most recent call last):\n  File \"a.py\", line 3\nKeyboardInterrupt\n")).toContain("KeyboardInterrupt");
  });
});

describe("importWandb(files, options): files of a run copied while it wrote", () => {
  const dir = "wandb/run-20240101_000000-abc123/files/";
  const text = (path: string, t: string) => ({ path: dir + path, bytes: enc.encode(t) });

  it("keeps the rows before a cut-off last line of wandb-history.jsonl, with a warning at it", () => {
    const r = importWandb([text("wandb-history.jsonl", '{"_step": 0, "loss": 0.5}\r\n{"_step": 1, "loss": 0.25}\r\n{"_step": 2, "lo'), text("wandb-summary.json", '{"loss": 0.25}')], { project: "p" });
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]!.history!.rows.map((x) => [x.step, x.values.loss])).toEqual([[0, 0.5], [1, 0.25]]);
    expect(r.diagnostics).toMatchObject([{ file: dir + "wandb-history.jsonl", line: 3, severity: "warning", code: "WANDB012" }]);
  });

  it("still refuses a bad line that is not the cut-off end of the file", () => {
    const r = importWandb([text("wandb-history.jsonl", '{"_step": 0, "lo\n{"_step": 1, "loss": 0.25}\n')], { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ line: 1, severity: "error", code: "WANDB004" }]);
  });

  it("reads an empty wandb-summary.json or config.yaml as absent, with a warning, and writes the run", () => {
    const r = importWandb([text("wandb-history.jsonl", '{"_step": 0, "loss": 0.5}\n'), text("wandb-summary.json", ""), text("config.yaml", "\n")], { project: "p" });
    expect(r.runs).toHaveLength(1);
    expect(r.diagnostics.map((d) => `${d.file.slice(dir.length)}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual([
      "config.yaml:1:1 warning IMP061",
      "wandb-summary.json:1:1 warning IMP061",
    ]);
  });

  it("keeps a config integer past 2^53 as its digits", () => {
    const r = importWandb([text("config.yaml", "wandb_version: 1\nseed:\n  desc: null\n  value: 123456789012345678\nlr:\n  desc: null\n  value: 0.001\n"), text("wandb-summary.json", '{"loss": 0.25}')], { project: "p" });
    expect(r.runs[0]!.config).toMatchObject({ seed: "123456789012345678", lr: 0.001 });
  });
});

describe("importWandb(files, options): a 0-byte .wandb log", () => {
  it("is read as absent with a warning; the run is written from its files/ folder", () => {
    const r = importWandb([
      { path: "wandb/run-20240101_000000-abc123/run-abc123.wandb", bytes: new Uint8Array(0) },
      { path: "wandb/run-20240101_000000-abc123/files/wandb-summary.json", bytes: enc.encode('{"loss": 0.5}') },
    ], { project: "p" });
    expect(r.runs.map((x) => x.summary)).toEqual([{ loss: 0.5 }]);
    expect(r.diagnostics).toMatchObject([{ file: "wandb/run-20240101_000000-abc123/run-abc123.wandb", line: 1, column: 1, severity: "warning", code: "IMP061" }]);
  });
});
