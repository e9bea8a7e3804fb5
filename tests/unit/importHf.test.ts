import { describe, expect, it } from "vitest";
import path from "node:path";
import { importHf } from "../../src/core/import/hf.ts";
import { importRuns } from "../../src/core/import/importRuns.ts";
import { filesUnder } from "./importFilesUnder.ts";
import { column, fixtureFiles, haveFixture, repoRoot, steps } from "./importFixtureFiles.ts";

const WHISPER = "hf_trainer/whisper-large-v2-japanese-5k-steps";
const BAIZE = "hf_trainer/baize-tcm-lora";
const ROOT = "hf_trainer/transformers-repo-root";

describe.skipIf(!haveFixture(WHISPER))("importHf(files, options): whisper Seq2SeqTrainer folder", () => {
  const result = importHf(fixtureFiles(WHISPER), { project: "hf", rootName: "whisper" });
  const run = result.runs[0]!;

  it("makes one run; the last-checkpoint copy is skipped with a reason", () => {
    expect(result.runs.map((r) => r.slug)).toEqual(["whisper"]);
    expect(result.diagnostics).toEqual([]);
    expect(result.skipped).toContainEqual(expect.objectContaining({ run: "whisper", what: "checkpoint trainer_state.json", count: 1 }));
  });

  it("joins the 5 eval entries into the train rows at the same step: 200 rows from 206 entries", () => {
    // 206 log_history entries = 200 train (every 25 steps) + 5 eval (1000…5000) + 1 final summary.
    expect(run.history!.rows).toHaveLength(200);
    expect(steps(run.history)[0]).toBe(25);
    expect(steps(run.history).at(-1)).toBe(5000);
    expect(column(run.history, "loss")).toHaveLength(200);
    expect(column(run.history, "loss")[0]).toBe(0.3048);
    expect(column(run.history, "loss").at(-1)).toBe(0.0002);
    expect(column(run.history, "learning_rate")[0]).toBe(4.6000000000000004e-7);
    expect(steps(run.history, "eval_wer")).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(column(run.history, "eval_wer")[0]).toBe(0.78878255063432);
    expect(column(run.history, "eval_wer").at(-1)).toBe(0.7449365679946583);
    expect(run.history!.metrics).toEqual(["epoch", "learning_rate", "loss", "eval_loss", "eval_runtime", "eval_samples_per_second", "eval_steps_per_second", "eval_wer"]);
  });

  it("puts the final summary entry and the results files in the summary, not the history", () => {
    expect(run.history!.metrics).not.toContain("train_runtime");
    expect(run.summary.train_runtime).toBe(77350.9963);
    expect(run.summary.train_loss).toBe(0.01890342615880072);
    expect(run.summary.total_flos).toBe(5.27162132754432e20);
    expect(run.summary.eval_samples).toBe(4485);
    expect(run.summary.train_samples).toBe(6505);
    // eval_results.json's final evaluation, not the last in-training one (1710.8673).
    expect(run.summary.eval_runtime).toBe(1712.6978);
    // The header keeps full precision; entries round the epoch to 38.17.
    expect(run.summary.epoch).toBe(38.16793893129771);
    expect(run.summary.best_metric).toBe(0.7431560204762965);
  });

  it("keeps the trainer settings as config", () => {
    expect(run.config.trainer).toMatchObject({ max_steps: 5000, num_train_epochs: 39, best_model_checkpoint: "/storage/elsayedissa/whisper-large-v2-japanese-24h/checkpoint-3000" });
  });
});

describe.skipIf(!haveFixture(BAIZE))("importHf(files, options): 6,687-entry LoRA SFT state", () => {
  const result = importHf(fixtureFiles(BAIZE), { project: "hf", rootName: "baize" });
  const run = result.runs[0]!;
  it("reads every entry as a row, adapter_config.json as config.adapter", () => {
    expect(result.diagnostics).toEqual([]);
    expect(run.history!.rows).toHaveLength(6687);
    expect(steps(run.history)[0]).toBe(1);
    expect(steps(run.history).at(-1)).toBe(6687);
    expect(column(run.history, "learning_rate")[0]).toBe(0);
    expect(column(run.history, "grad_norm")[0]).toBe(0.6331137418746948);
    expect(column(run.history, "loss").at(-1)).toBe(0.0889);
    expect(run.config.adapter).toMatchObject({ peft_type: "LORA", lora_alpha: 16, base_model_name_or_path: "unsloth/qwen3-8b-unsloth-bnb-4bit" });
    expect(run.summary).not.toHaveProperty("best_metric");
    expect(result.skipped).toContainEqual(expect.objectContaining({ what: "trainer_state.json `stateful_callbacks`" }));
  });
});

describe.skipIf(!haveFixture(ROOT))("importHf(files, options): a lone all_results.json", () => {
  it("is a run with a summary and no history", () => {
    const result = importHf(fixtureFiles(ROOT), { project: "hf", rootName: "stray" });
    expect(result.runs).toHaveLength(1);
    expect(result.runs[0]!.history).toBeNull();
    // eslint-disable-next-line no-loss-of-precision -- the file's own text, and exactly the double JSON.parse gives (572.89337158203125, a tie the rule's toPrecision(16) rounds up)
    expect(result.runs[0]!.summary).toEqual({ eval_loss: 596.380859375, eval_bleu: 0, eval_gen_len: 12, epoch: 1, total_flos: 581121792, test_loss: 572.8933715820312, test_bleu: 0, test_gen_len: 12 });
  });
});

describe("importHf(files, options): broken input", () => {
  it("reports a cut-short trainer_state.json at its position and makes no run", () => {
    const result = importHf([{ path: "trainer_state.json", text: '{\n  "log_history": [\n    {"step": 1, "loss": 2.0}' }], { project: "p", rootName: "r" });
    expect(result.runs).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ file: "trainer_state.json", line: 3, severity: "error", code: "IMP001" }]);
  });
});

describe("importHf(files, options): log_history entries without a step", () => {
  const files = filesUnder(path.join(repoRoot, "tests/fixtures/import/hf-predict-stepless"));

  it("places trainer.predict()'s stepless entry at global_step, with a note, and imports the run", () => {
    const result = importHf(files, { project: "hf", rootName: "pred" });
    expect(result.diagnostics).toEqual([]);
    const run = result.runs[0]!;
    expect(steps(run.history)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(run.history!.rows.at(-1)!.values).toMatchObject({ loss: 1.3, predict_loss: 0.6123, predict_accuracy: 0.781 });
    expect(steps(run.history, "predict_runtime")).toEqual([100]);
    expect(run.summary.train_runtime).toBe(120.5);
    expect(result.notes).toEqual([{ file: "trainer_state.json", message: "1 log_history entry without a step (predict_accuracy, predict_loss, predict_runtime, predict_samples_per_second, …) placed at global_step 100" }]);
  });

  it("puts them in the summary when the state has no global_step", () => {
    const text = JSON.stringify({ log_history: [{ loss: 1, step: 5 }, { predict_loss: 0.5 }] });
    const result = importHf([{ path: "trainer_state.json", text }], { project: "hf" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs[0]!.summary.predict_loss).toBe(0.5);
    expect(steps(result.runs[0]!.history)).toEqual([5]);
  });

  it("reports a bad entry at its own line and column, not 1:1", () => {
    const text = new TextDecoder().decode(files.find((f) => f.path === "trainer_state.json")!.bytes).replace('"step": 70\n', '"step": "70"\n').replace('"loss": 1.5,', '"loss": 1.5,\n      "oops": [],').replace(/\{\n\s+"epoch": 1\.8,\n\s+"grad_norm"/, '7,\n    {\n      "epoch": 1.8,\n      "grad_norm"');
    const lines = text.split("\n");
    const at = (needle: string) => ({ line: lines.findIndex((l) => l.includes(needle)) + 1, column: lines.find((l) => l.includes(needle))!.indexOf(needle.trim()) + 1 });
    const result = importHf([{ path: "trainer_state.json", text }], { project: "hf" });
    expect(result.runs).toEqual([]);
    expect(result.diagnostics.map((d) => ({ line: d.line, column: d.column, code: d.code, message: d.message }))).toEqual([
      { ...at('"70"'), code: "IMP009", message: 'expected log_history[7].step to be a finite number, found string "70"' },
      { ...at("    7,"), code: "IMP009", message: "expected log_history[9] to be an object, found number 7" },
    ]);
  });
});

describe("importHf(files, options): nested metric dicts and empty files", () => {
  it("flattens a per-class report from compute_metrics (seqeval's eval_PER: {…}) to eval_PER/f1, in the history and the results", () => {
    const state = JSON.stringify({
      global_step: 20,
      log_history: [
        { epoch: 1, loss: 0.5, step: 10 },
        { epoch: 1, eval_PER: { precision: 0.5, recall: 0.25, f1: 0.33, number: 12 }, eval_overall_f1: 0.4, eval_labels: [1, 2], step: 10 },
        { epoch: 2, train_runtime: 12.5, train_loss: 0.45, extra: { flos_per_gpu: 3 }, step: 20 },
      ],
    });
    const results = JSON.stringify({ eval_PER: { f1: 0.35, number: 12 }, eval_overall_f1: 0.41 });
    const result = importHf([{ path: "ner/trainer_state.json", text: state }, { path: "ner/eval_results.json", text: results }], { project: "hf" });
    expect(result.diagnostics).toEqual([]);
    const run = result.runs[0]!;
    expect(run.history!.metrics).toEqual(["epoch", "loss", "eval_PER/precision", "eval_PER/recall", "eval_PER/f1", "eval_PER/number", "eval_overall_f1"]);
    expect(run.history!.rows).toHaveLength(1);
    expect(column(run.history, "eval_PER/f1")).toEqual([0.33]);
    expect(run.summary).toMatchObject({ "eval_PER/f1": 0.35, "eval_PER/number": 12, eval_overall_f1: 0.41, train_loss: 0.45, "extra/flos_per_gpu": 3 });
    expect(result.skipped).toEqual([{ run: "ner", what: "log_history value (ner/trainer_state.json)", reason: "not a number (kept out of the history)", count: 1 }]);
  });

  it("writes the run from its other files when trainer_state.json or a results file is empty, with a warning at the file", () => {
    const result = importHf([
      { path: "out/trainer_state.json", text: "" },
      { path: "out/all_results.json", text: '{"eval_loss": 0.5, "epoch": 3.0}' },
      { path: "out/train_results.json", text: "\r\n" },
    ], { project: "hf" });
    expect(result.runs.map((r) => [r.slug, r.summary])).toEqual([["out", { eval_loss: 0.5, epoch: 3 }]]);
    expect(result.diagnostics).toMatchObject([
      { file: "out/trainer_state.json", line: 1, column: 1, severity: "warning", code: "IMP061" },
      { file: "out/train_results.json", line: 1, column: 1, severity: "warning", code: "IMP061" },
    ]);
  });
});

describe("importHf(files, options): integers past 2^53", () => {
  it("keeps them as their digits in config.json; a results value stays a number", () => {
    const result = importHf([
      { path: "out/train_results.json", text: '{"epoch": 3.0, "total_flos": 123456789012345678}' },
      { path: "out/config.json", text: '{"vocab_size": 50257, "seed_id": 123456789012345678, "ids": [123456789012345678, 1]}' },
    ], { project: "hf" });
    expect(result.runs[0]!.config.model).toEqual({ vocab_size: 50257, seed_id: "123456789012345678", ids: ["123456789012345678", 1] });
    expect(result.runs[0]!.summary.total_flos).toBe(Number("123456789012345678"));
  });
});

describe("importRuns(files, { format: auto }): an evaluation-only Trainer folder", () => {
  it("is detected by its eval_results.json alone", () => {
    const result = importRuns([{ path: "bert-eval/eval_results.json", text: '{"eval_loss": 0.5, "eval_accuracy": 0.9, "epoch": 3.0}' }, { path: "bert-eval/config.json", text: '{"model_type": "bert"}' }], { project: "p", format: "auto" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => [r.slug, r.summary, r.config])).toEqual([["bert-eval", { eval_loss: 0.5, eval_accuracy: 0.9, epoch: 3 }, { model: { model_type: "bert" } }]]);
  });
});
