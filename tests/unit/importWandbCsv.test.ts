import { describe, expect, it } from "vitest";
import path from "node:path";
import { importRuns } from "../../src/core/import/importRuns.ts";
import { parsePythonLiteral } from "../../src/core/import/pythonLiteral.ts";
import { importWandbCsv } from "../../src/core/import/wandbCsv.ts";
import { isMetricName } from "../../src/core/import/wandbCsvColumns.ts";
import { filesUnder } from "./importFilesUnder.ts";
import { column, fixtureFiles, haveFixture, repoRoot, steps } from "./importFixtureFiles.ts";

const NANOGPT = "wandb_csv_export/nanoGPT-fork-druidowm";

describe.skipIf(!haveFixture(NANOGPT))("importWandbCsv(files, options): chart-panel export", () => {
  const result = importWandbCsv(fixtureFiles(NANOGPT), { project: "nanogpt" });
  const byName = Object.fromEntries(result.runs.map((r) => [r.name, r]));

  it("makes one run per <run> prefix (8), each with only its own steps", () => {
    expect(result.runs).toHaveLength(8);
    expect(result.diagnostics).toEqual([]);
    const gpt2 = byName.gpt2!;
    expect(gpt2.history!.metrics).toEqual(["train/loss"]);
    expect(steps(gpt2.history)).toHaveLength(386);
    expect(steps(gpt2.history).at(-1)).toBe(385);
    expect(column(gpt2.history, "train/loss")[0]).toBe(10.95404052734375);
    expect(column(gpt2.history, "train/loss").at(-1)).toBe(3.2849113941192627);
    const short = byName["gpt2_last_char_to_char1729642919.4054031"]!;
    expect(short.slug).toBe("gpt2_last_char_to_char1729642919.4054031");
    expect(steps(short.history)).toHaveLength(51);
    expect(column(short.history, "train/loss").at(-1)).toBe(3.7747888565063477);
  });

  it("skips the __MIN/__MAX columns with a reason, per run", () => {
    const minMax = result.skipped.filter((s) => s.what === "__MIN/__MAX columns (wandb_export.csv)");
    expect(minMax).toHaveLength(8);
    expect(minMax.every((s) => s.count === 2)).toBe(true);
    expect(minMax[0]!.reason).toMatch(/min\/max band/);
  });
});

describe("importWandbCsv(files, options): runs-table export", () => {
  const text = [
    "Name,State,Notes,User,Tags,Created,Runtime,Sweep,lr,optimizer,batch_size,_wandb,train/loss,val_acc,best",
    `lively-sun-3,finished,-,me,"baseline, fast",2024-05-01T12:30:00.000Z,3600,,0.001,adam,64,"{'runtime': 353}",0.25,0.91,NaN`,
    `quiet-moon-4,crashed,first try,me,,2024-05-02T08:00:00.000Z,12,abc123,0.01,sgd,,"{'runtime': 12}",,nan,`,
  ].join("\n");
  const result = importWandbCsv([{ path: "wandb_export.csv", text }], { project: "p" });

  it("is one run per row: config columns first, then summary columns (a Python dict repr is read as data)", () => {
    expect(result.diagnostics).toEqual([]);
    const [a, b] = result.runs;
    expect(a).toMatchObject({ slug: "lively-sun-3", state: "finished", tags: ["baseline", "fast"], duration: 3600, created: "2024-05-01T12:30:00.000Z", history: null });
    expect(a!.config).toEqual({ lr: 0.001, optimizer: "adam", batch_size: 64, wandb: { user: "me" } });
    expect(a!.notes).toBe("-");
    expect(a!.summary).toEqual({ "_wandb.runtime": 353, "train/loss": 0.25, val_acc: 0.91, best: null });
    expect(b).toMatchObject({ state: "crashed", notes: "first try" });
    expect(b!.config).toEqual({ lr: 0.01, optimizer: "sgd", wandb: { user: "me", sweep: "abc123" } });
    expect(b!.summary).toEqual({ "_wandb.runtime": 12, val_acc: null });
  });

  it("reads a State or column named like an Object property (__proto__, constructor) as any other unknown text", () => {
    const odd = importWandbCsv([{ path: "wandb_export.csv", text: "Name,State,constructor,toString\na,__proto__,1,2\nb,constructor,3,4\n" }], { project: "p" });
    expect(odd.runs.map((r) => r.state)).toEqual(["finished", "finished"]);
    expect(odd.diagnostics.filter((d) => d.code === "IMP009").map((d) => d.message)).toEqual([expect.stringContaining('found "__proto__"'), expect.stringContaining('found "constructor"')]);
    expect(odd.runs[0]!.config).toMatchObject({ constructor: 1, toString: 2 });
  });

  it("takes metric-like names as evidence for the summary side", () => {
    expect(["_runtime", "train/loss", "val_acc", "loss", "eval_f1", "test_accuracy"].every(isMetricName)).toBe(true);
    expect(["lr", "batch_size", "optimizer", "dropout", "model.layers"].some(isMetricName)).toBe(false);
  });
});

describe("importWandbCsv(files, options): broken export", () => {
  it("reports an unterminated quote at its line and makes no run", () => {
    const result = importWandbCsv([{ path: "export.csv", text: '"Step","a - loss"\n"0","1.5"\n"1,"2' }], { project: "p" });
    expect(result.runs).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ file: "export.csv", line: 3, severity: "error", code: "IMP003" }]);
  });
});

const local = (name: string) => filesUnder(path.join(repoRoot, "tests/fixtures/import", name));

describe("importWandbCsv(files, options): runs tables from the wild", () => {
  it("UI layout (Name,State,Notes,User,Tags,Created,Runtime,Sweep): config then summary split where the runs say", () => {
    const result = importRuns(local("wandb-runs-table-ui"), { project: "p" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs).toHaveLength(6);
    const a = result.runs.find((r) => r.name === "fluent-sweep-1")!;
    expect(a).toMatchObject({ state: "finished", notes: "-", tags: ["baseline", "fp16"], created: "2024-05-01T10:30:00.000Z", duration: 3600 });
    expect(a.config).toEqual({ batch_size: 64, lr: 0.001, "model.depth": 12, optimizer: "adamw", seed: 1, warmup_steps: 500, wandb: { user: "ada", sweep: "q3vz81kd" } });
    expect(Object.keys(a.summary)).toEqual(["_runtime", "_step", "_timestamp", "_wandb.runtime", "best_epoch", "bits_per_byte", "final_lr", "throughput", "tokens_seen", "val/ppl"]);
    expect(a.summary).toMatchObject({ "_wandb.runtime": 3600, final_lr: 1.0000000000000002e-4, tokens_seen: 40960000, "val/ppl": 20.75424586962251 });
    const crashed = result.runs.find((r) => r.name === "royal-sweep-5")!;
    expect(crashed.state).toBe("crashed");
    expect(crashed.tags).toEqual([]);
    expect(crashed.summary).not.toHaveProperty("bits_per_byte");
    expect(crashed.summary["val/ppl"]).toBeNull();
    expect(result.notes).toEqual([{ file: "wandb_export_2024-05-02T09_12_44.812+02_00.csv", message: "runs table: 6 config column(s) (batch_size … warmup_steps), 10 summary column(s) (_runtime … val/ppl); change with --config-columns / --summary-columns" }]);
  });

  it("2024 layout (Name,Created,Runtime,End Time,ID,Notes,Updated,Tags): summary names without metric words still land in the summary", () => {
    const result = importRuns(local("wandb-runs-table-ui-2024"), { project: "p" });
    expect(result.diagnostics).toEqual([]);
    const a = result.runs.find((r) => r.name === "ablation-a")!;
    expect(a.config).toEqual({ dropout: 0.1, epochs: 20, hidden_size: 512, lr: 0.0005, optimizer: "adam", seed: 0, wandb: { end_time: "2024-11-03T09:40:00.000Z", id: "k2m9x1qa", updated: "2024-11-03T09:41:13.000Z" } });
    expect(Object.keys(a.summary)).toEqual(["accuracy", "best_step", "bits_per_byte", "final_lr", "grad_norm", "throughput", "tokens_seen", "wall_clock_h"]);
    expect(a).toMatchObject({ notes: "drop=0.1 baseline", tags: ["ablation", "baseline"], created: "2024-11-03T08:10:44.000Z", duration: 5400, state: "finished" });
    expect(result.runs.find((r) => r.name === "ablation-b")!.notes).toBe("-");
  });

  it("API dump (<config>,<summary>,name,id): a sorted summary block after the logged config; media references are skipped by name", () => {
    const result = importRuns(local("wandb-api-dataframe").filter((f) => !f.path.includes("/")), { project: "p" });
    expect(result.diagnostics).toEqual([]);
    const run = result.runs.find((r) => r.name === "trainsample_3404")!;
    expect(run.config).toEqual({ epochs: 1000, dropout: 0.55, optimizer: "Adam", batch_size: 128, learning_rate: 0.005, train_samples: 3404, wandb: { id: "s4221lzx" } });
    expect(Object.keys(run.summary)).toEqual(["_runtime", "_step", "_timestamp", "_wandb.runtime", "auc", "best_model_path", "epoch", "sensitivity", "train_loss", "val_accuracy"]);
    expect(result.skipped).toContainEqual({ run: "trainsample_3404", what: 'summary "val_probs_labels" (project.csv)', reason: "a W&B table-file reference: the file it points to is not part of a CSV export", count: 1 });
  });

  it("W&B docs recipe (,summary,config,name): whole dicts as Python reprs become config and summary", () => {
    const result = importRuns(local("wandb-api-dataframe").filter((f) => f.path.startsWith("docs_recipe/")), { project: "p" });
    expect(result.diagnostics).toEqual([]);
    const run = result.runs.find((r) => r.name === "run-1")!;
    expect(run.config).toEqual({ lr: 0.01, layers: [64, 128], arch: { name: "mlp", act: "relu" }, use_bn: true, note: null });
    expect(run.summary).toEqual({ _runtime: 62.5, _step: 99, _timestamp: 1700000001.25, "_wandb.runtime": 62, loss: 0.1334567, acc: 0.91 });
    expect(result.skipped).toContainEqual(expect.objectContaining({ what: "unnamed column 1", count: 1 }));
  });

  it("--config-columns / --summary-columns settle the split; an unknown name is a warning", () => {
    const text = "Name,State,foo,bar,baz\nr1,finished,1,2,3\n";
    const plain = importWandbCsv([{ path: "t.csv", text }], { project: "p" });
    expect(plain.diagnostics).toMatchObject([{ code: "IMP021", severity: "warning", line: 1, column: 12, message: expect.stringContaining(`"foo", "bar", "baz" are config or summary; read as config`) }]);
    const told = importWandbCsv([{ path: "t.csv", text }], { project: "p", configColumns: ["foo"], summaryColumns: ["bar", "baz", "delta"] });
    expect(told.runs[0]!.config).toEqual({ foo: 1 });
    expect(told.runs[0]!.summary).toEqual({ bar: 2, baz: 3 });
    expect(told.diagnostics).toMatchObject([{ code: "IMP022", severity: "warning", message: '--summary-columns names "delta", which is not a column of this runs table' }]);
    const both = importWandbCsv([{ path: "t.csv", text }], { project: "p", configColumns: ["foo"], summaryColumns: ["foo"] });
    expect(both.runs).toEqual([]);
    expect(both.diagnostics.filter((d) => d.severity === "error")).toMatchObject([{ code: "IMP023", severity: "error", message: '"foo" is named in both --config-columns and --summary-columns' }]);
  });
});

describe("importWandbCsv(files, options): grouped chart export with a custom x axis", () => {
  const result = importRuns(local("wandb-chart-grouped"), { project: "p" });

  it("makes one run per group line; the x column (evaluations) is the step; bands are skipped", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => r.name)).toEqual(["algo: EA", "algo: MultiEA", "algo: UCEA"]);
    const ucea = result.runs.find((r) => r.name === "algo: UCEA")!;
    expect(ucea).toMatchObject({ slug: "algo-UCEA", group: "UCEA", config: { algo: "UCEA", wandb: { x_axis: "evaluations" } } });
    expect(ucea.history!.metrics).toEqual(["_step", "fitness"]);
    expect(steps(ucea.history)).toEqual([60, 62, 658, 660, 1114]);
    expect(column(ucea.history, "fitness")).toEqual([-9.6, -7.9, -6.2, -4.5, -2.8]);
    expect(steps(result.runs.find((r) => r.name === "algo: MultiEA")!.history)).toEqual([600, 1080, 1560]);
    expect(result.skipped.filter((s) => /__MIN\/__MAX/.test(s.what)).map((s) => [s.run, s.count])).toEqual([["algo: UCEA", 4], ["algo: MultiEA", 4], ["algo: EA", 4]]);
    expect(result.notes!.map((n) => n.message)).toEqual([
      'chart export with x axis "evaluations": its values are the runs\' steps',
      'chart export grouped by "algo": each group\'s line (an aggregate over its runs) is imported as one run, named "algo: <value>"',
    ]);
  });
});

describe("importWandbCsv(files, options): empty fields", () => {
  it("reads the app's '-' as empty in W&B's own columns, except Notes", () => {
    const text = "Name,State,Notes,Created,Runtime,Tags,lr,loss\nr,-,-,-,-,-,0.1,0.123456789\n";
    const r = importWandbCsv([{ path: "t.csv", text }], { project: "p" });
    expect(r.diagnostics).toEqual([]);
    expect(r.runs[0]).toMatchObject({ state: "finished", notes: "-", created: null, duration: null, tags: [], config: { lr: 0.1 }, summary: { loss: 0.123456789 } });
  });
});

describe("parsePythonLiteral(text)", () => {
  it("reads dicts, lists, tuples, None/True/False, nan/inf and escapes as data; anything else is undefined", () => {
    expect(parsePythonLiteral(`{'a': [1, 2.5e-3, -inf], 'b': ('x', "y\\'s"), 'c': None, 'd': True, 'e': {'f': nan}}`)).toEqual({ a: [1, 0.0025, -Infinity], b: ["x", "y's"], c: null, d: true, e: { f: NaN } });
    expect(parsePythonLiteral('{"runtime": 353, "ok": true, "x": null}')).toEqual({ runtime: 353, ok: true, x: null });
    expect(parsePythonLiteral("<Foo object at 0x7f>")).toBeUndefined();
    expect(parsePythonLiteral("{'a': 1} trailing")).toBeUndefined();
    // Never run: a call inside a literal is kept as its text.
    expect(parsePythonLiteral("{'a': __import__('os')}")).toEqual({ a: "__import__('os')" });
    expect(parsePythonLiteral("__import__('os')")).toBeUndefined();
  });
});

describe("importWandbCsv(files, options): W&B's own columns by their spelling", () => {
  it("takes `Group` as the run group but a lower-case `group` as a config key", () => {
    const text = "Name,Group,State,group,command,loss\nr,g1,finished,baseline,train.py,0.123456789\n";
    const r = importWandbCsv([{ path: "t.csv", text }], { project: "p" });
    expect(r.runs[0]).toMatchObject({ group: "g1", config: { group: "baseline", command: "train.py" }, summary: { loss: 0.123456789 } });
  });
});

describe("importWandbCsv(files, options): integers past 2^53", () => {
  it("keeps an 18-digit config value, and one inside a Python dict cell, as its digits", () => {
    const text = "Name,ID,Created,Runtime,seed,opt,_step\nr1,123456789012345678,2024-05-01T12:30:00,10,123456789012345678,\"{'job': 987654321098765432, 'lr': 0.1}\",5\n";
    const result = importRuns([{ path: "export.csv", text }], { project: "p", format: "wandb-csv", configColumns: ["seed", "opt"] });
    expect(result.diagnostics).toEqual([]);
    const run = result.runs[0]!;
    expect(run.config).toMatchObject({ seed: "123456789012345678", opt: { job: "987654321098765432", lr: 0.1 }, wandb: { id: "123456789012345678" } });
    expect(run.summary).toEqual({ _step: 5 });
  });
});

describe("importRuns(files, { format: auto }): chart exports with commas and colons in run names", () => {
  it("detects a chart export whose quoted header holds a run name with a comma, whatever the file is called", () => {
    const text = '"Step","lr=0.1, bs=32 - loss","lr=0.1, bs=32 - loss__MIN","lr=0.1, bs=32 - loss__MAX"\n"0","1.5","1.5","1.5"\n"10","1.25","1.25","1.25"';
    const result = importRuns([{ path: "loss.csv", text }], { project: "p", format: "auto" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => [r.name, steps(r.history), column(r.history, "loss")])).toEqual([["lr=0.1, bs=32", [0, 10], [1.5, 1.25]]]);
  });

  it("reads `bert: lr 1e-4` beside runs named otherwise as a run's name, not a group line", () => {
    const text = '"Step","bert: lr 1e-4 - loss","baseline - loss"\n"0","1","2"\n';
    const result = importRuns([{ path: "wandb_export.csv", text }], { project: "p", format: "auto" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => [r.name, r.group, r.config])).toEqual([
      ["baseline", null, {}],
      ["bert: lr 1e-4", null, {}],
    ]);
    expect(result.notes ?? []).toEqual([]);
  });
});

describe("parsePythonLiteral(text): what reprs of real values hold", () => {
  it("reads NumPy 2 scalar reprs as numbers, other calls, object reprs and bytes as their text, and JSON's NaN/Infinity", () => {
    expect(parsePythonLiteral("{'lr': np.float64(0.001), 'n': np.int64(3), 'ok': np.True_}")).toEqual({ lr: 0.001, n: 3, ok: true });
    expect(parsePythonLiteral("{'when': datetime.datetime(2024, 1, 1, 0, 0), 'fn': <function relu at 0x7f3a>, 'raw': b'\\x00a'}")).toEqual({
      when: "datetime.datetime(2024, 1, 1, 0, 0)",
      fn: "<function relu at 0x7f3a>",
      raw: "b'\\x00a'",
    });
    const json = parsePythonLiteral('{"loss": NaN, "best": {"acc": Infinity, "low": -Infinity}}') as { loss: number; best: { acc: number; low: number } };
    expect(json.loss).toBeNaN();
    expect(json.best).toEqual({ acc: Infinity, low: -Infinity });
    expect(parsePythonLiteral("{'a': f(1, 'b)')}")).toEqual({ a: "f(1, 'b)')" });
  });
});

describe("importWandbCsv(files, options): Created as a unix time", () => {
  it("reads seconds and milliseconds since the epoch (an API script's created_at), and still refuses text that is no date", () => {
    const text = "Name,State,Created,_step\nr1,finished,1714566600,1\nr2,finished,1714566600000,1\n";
    const result = importWandbCsv([{ path: "runs.csv", text }], { project: "p" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => r.created)).toEqual(["2024-05-01T12:30:00.000Z", "2024-05-01T12:30:00.000Z"]);
    const bad = importWandbCsv([{ path: "runs.csv", text: "Name,State,Created\nr1,finished,yesterday\n" }], { project: "p" });
    expect(bad.diagnostics).toMatchObject([{ line: 2, column: 13, code: "IMP009" }]);
  });
});

describe("importWandbCsv(files, options): an empty export beside others", () => {
  it("is warning IMP061 at the file; the other exports are imported", () => {
    const result = importWandbCsv([
      { path: "wandb_export_a.csv", text: "" },
      { path: "wandb_export_b.csv", text: '"Step","r1 - loss"\n"0","1"\n' },
    ], { project: "p" });
    expect(result.runs.map((r) => r.name)).toEqual(["r1"]);
    expect(result.diagnostics).toMatchObject([{ file: "wandb_export_a.csv", line: 1, column: 1, severity: "warning", code: "IMP061" }]);
  });
});

describe("importWandbCsv(files, options): runs that share a display name", () => {
  it("tells them apart by their ID when the table has one, else warns IMP014 at the name", () => {
    const withId = importWandbCsv([{ path: "runs.csv", text: "Name,ID,State,_step\nbaseline,a1b2c3,finished,1\nbaseline,d4e5f6,finished,2\n" }], { project: "p" });
    expect(withId.diagnostics).toEqual([]);
    expect(withId.runs.map((r) => [r.slug, r.name])).toEqual([["baseline", "baseline"], ["baseline-d4e5f6", "baseline"]]);
    const without = importWandbCsv([{ path: "runs.csv", text: "Name,State,_step\nbaseline,finished,1\nbaseline,finished,2\n" }], { project: "p" });
    expect(without.runs.map((r) => r.slug)).toEqual(["baseline", "baseline-2"]);
    expect(without.diagnostics).toMatchObject([{ line: 3, column: 1, severity: "warning", code: "IMP014" }]);
  });
});
