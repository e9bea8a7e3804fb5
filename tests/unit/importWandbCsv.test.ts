import { describe, expect, it } from "vitest";
import { importWandbCsv, isMetricName } from "../../src/core/import/wandbCsv.ts";
import { column, fixtureFiles, haveFixture, steps } from "./importFixtureFiles.ts";

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
    const minMax = result.skipped.filter((s) => /__(MIN|MAX)$/.test(s.what));
    expect(minMax).toHaveLength(16);
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

  it("is one run per row: config before the first metric-like column, summary from it on", () => {
    expect(result.diagnostics).toEqual([]);
    const [a, b] = result.runs;
    expect(a).toMatchObject({ slug: "lively-sun-3", state: "finished", tags: ["baseline", "fast"], duration: 3600, created: "2024-05-01T12:30:00.000Z", history: null });
    expect(a!.config).toEqual({ lr: 0.001, optimizer: "adam", batch_size: 64, wandb: { user: "me" } });
    expect(a!.summary).toEqual({ _wandb: "{'runtime': 353}", "train/loss": 0.25, val_acc: 0.91, best: null });
    expect(b).toMatchObject({ state: "crashed", notes: "first try" });
    expect(b!.config).toEqual({ lr: 0.01, optimizer: "sgd", wandb: { user: "me", sweep: "abc123" } });
    expect(b!.summary).toEqual({ _wandb: "{'runtime': 12}", val_acc: null });
  });

  it("documents its config/summary rule through isMetricName", () => {
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
