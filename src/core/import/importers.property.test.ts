import fc from "fast-check";
import { describe, it } from "vitest";
import { assertProperty, mutatedText, numberText, oddName, oddNumber, PROPERTY_TIMEOUT } from "../../../tests/unit/fuzz/fuzz.ts";
import { expectImportWellFormed } from "../../../tests/unit/fuzz/importChecks.ts";
import type { ImportFile } from "./importFile.ts";
import { importRuns } from "./importRuns.ts";

/** A file set of one format: paths fixed, each text generated valid and then damaged. */
type FileSet = { path: string; text: fc.Arbitrary<string> }[];

const num = fc.oneof({ weight: 5, arbitrary: oddNumber.map(String) }, { weight: 1, arbitrary: numberText });
const key = fc.oneof(fc.constantFrom("lr", "loss", "val/loss", "epoch", "step", "time", "_timestamp", "timestamp", "train_loss", "acc"), oddName);
const lines = (row: fc.Arbitrary<string>, max = 6) => fc.array(row, { maxLength: max }).map((ls) => ls.join("\n"));
const csv = (header: fc.Arbitrary<string[]>) =>
  header.chain((h) => lines(fc.array(num, { minLength: h.length, maxLength: h.length }).map((r) => r.join(","))).map((body) => `${h.join(",")}\n${body}`));
/** Deep nesting inside an otherwise fitting object: the importers walk values recursively. */
const deepJson = fc.tuple(fc.constantFrom(10, 300, 50_000), fc.constantFrom('{"a":', "[")).map(([n, open]) => `{"log_history": [], "x": ${open.repeat(n)}1${(open === "[" ? "]" : "}").repeat(n)}}`);
const json = (v: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 12, arbitrary: fc.tuple(v, fc.constantFrom(undefined, 2)).map(([x, i]) => JSON.stringify(x, null, i).replace(/"@@(NaN|Infinity|-Infinity)@@"/g, "$1")) }, { weight: 1, arbitrary: deepJson });
const yaml = (entries: fc.Arbitrary<[string, string][]>) => entries.map((es) => es.map(([k, v]) => `${k}: ${v}`).join("\n"));
const yamlValue = fc.oneof(num, oddName.map((s) => JSON.stringify(s)), fc.constantFrom("null", "true", "[1, 2]", "{a: 1}", "!!python/tuple [1, 2]", "2024-05-01 12:00:00", "&x 1", "*x", "|\n  text"));

const FORMATS: Record<string, { pattern?: string; files: FileSet }> = {
  mlflow: {
    files: [
      { path: "mlruns/0/meta.yaml", text: fc.constant("artifact_location: file:///x\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\n") },
      {
        path: "mlruns/0/abc123/meta.yaml",
        text: yaml(fc.tuple(fc.constantFrom("1", "3", "FINISHED", "9", "x"), num, num, fc.string({ maxLength: 6 })).map(([status, start, end, name]) => [["run_id", "abc123"], ["run_name", JSON.stringify(name)], ["status", status], ["start_time", start], ["end_time", end], ["experiment_id", "'0'"]])),
      },
      { path: "mlruns/0/abc123/metrics/loss", text: lines(fc.tuple(num, num, num).map((t) => t.join(" "))) },
      { path: "mlruns/0/abc123/metrics/val/acc", text: lines(fc.tuple(num, num, num).map((t) => t.join(" "))) },
      { path: "mlruns/0/abc123/params/lr", text: num },
      { path: "mlruns/0/abc123/params/__proto__", text: fc.string({ maxLength: 6 }) },
      { path: "mlruns/0/abc123/tags/mlflow.runName", text: fc.string({ maxLength: 8 }) },
      { path: "mlruns/0/abc123/tags/mlflow.source.git.commit", text: fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), maxLength: 40 }) },
    ],
  },
  hf: {
    files: [
      {
        path: "out/trainer_state.json",
        text: json(
          fc.record({
            global_step: oddNumber,
            epoch: oddNumber,
            log_history: fc.array(fc.dictionary(key, fc.oneof(oddNumber, fc.constantFrom("@@NaN@@", null, "x")), { maxKeys: 4 }), { maxLength: 5 }),
            best_metric: fc.oneof(oddNumber, fc.constant(null)),
          }),
        ),
      },
      { path: "out/all_results.json", text: json(fc.dictionary(key, fc.oneof(oddNumber, fc.constant("@@Infinity@@")), { maxKeys: 3 })) },
      { path: "out/config.json", text: json(fc.dictionary(key, fc.oneof(oddNumber, fc.string({ maxLength: 4 })), { maxKeys: 3 })) },
    ],
  },
  lightning: {
    files: [
      { path: "lightning_logs/version_0/metrics.csv", text: csv(fc.array(key, { minLength: 1, maxLength: 4 }).map((h) => ["epoch", "step", ...h])) },
      { path: "lightning_logs/version_0/hparams.yaml", text: yaml(fc.array(fc.tuple(key, yamlValue), { maxLength: 4 })) },
    ],
  },
  keras: { files: [{ path: "logs/training.log", text: csv(fc.array(key, { minLength: 1, maxLength: 4 }).map((h) => ["epoch", ...h])) }] },
  "wandb-csv": {
    files: [
      {
        path: "wandb_export_chart.csv",
        text: csv(fc.array(fc.tuple(fc.string({ maxLength: 5 }), key, fc.constantFrom("", "__MIN", "__MAX")), { minLength: 1, maxLength: 4 }).map((cs) => ["Step", ...cs.map(([r, m, s]) => `"${r} - ${m}${s}"`)])),
      },
      {
        path: "wandb_export_runs.csv",
        text: csv(fc.array(key, { maxLength: 4 }).map((h) => ["Name", "State", "Notes", "Tags", "Created", "Runtime", ...h])).map((t) => t),
      },
    ],
  },
  dvc: {
    files: [
      { path: "dvc.yaml", text: fc.constantFrom("metrics:\n  - metrics.json\n", "stages: {}\n", "metrics: [missing.json, '']\n", "metrics: 3\n", "") },
      { path: "params.yaml", text: yaml(fc.array(fc.tuple(key, yamlValue), { maxLength: 4 })) },
      { path: "metrics.json", text: json(fc.dictionary(key, fc.oneof(oddNumber, fc.dictionary(key, oddNumber, { maxKeys: 2 })), { maxKeys: 3 })) },
      { path: "dvclive/plots/metrics/train/loss.tsv", text: csv(fc.constant(["timestamp", "step", "loss"])).map((t) => t.replaceAll(",", "\t")) },
      { path: "dvclive/plots/metrics/acc.tsv", text: csv(fc.constant(["step", "acc"])).map((t) => t.replaceAll(",", "\t")) },
    ],
  },
  log: {
    pattern: String.raw`step (?<step>\d+)\S* loss=(?<loss>[-+.\deE]+|nan)(?: val=(?<val__loss>\S+))?`,
    files: [{ path: "logs/train.log", text: lines(fc.tuple(num, num, num).map(([s, l, v]) => `step ${s} loss=${l} val=${v}`), 8) }],
  },
};

describe("importRuns(files, { format }) on generated input", () => {
  for (const [format, { pattern, files }] of Object.entries(FORMATS)) {
    it(
      `${format}: returns runs that load back, or positioned diagnostics`,
      () => {
        const set = fc.tuple(...files.map((f) => fc.option(mutatedText(f.text), { freq: 6 }))).map((texts) =>
          texts.flatMap((text, i): ImportFile[] => (text === null ? [] : [{ path: files[i]!.path, text }])),
        );
        assertProperty(set, (input) => {
          const r = importRuns(input, { project: "p", format, ...(pattern ? { pattern } : {}) });
          expectImportWellFormed(r, input);
        }, 120);
      },
      PROPERTY_TIMEOUT,
    );
  }

  it(
    "log: any pattern gives runs or a diagnostic, never a hang on empty matches",
    () => {
      const patterns = fc.oneof(fc.constantFrom(String.raw`(?<step>\d*)`, String.raw`(?<step>)`, "(?<step>", "(?<step>x)|", String.raw`(?<step>\d+)(?<time>\d*)`, "(?<step>1)(?<__proto__>2)?"), fc.string({ maxLength: 12 }));
      assertProperty(fc.tuple(patterns, fc.string({ maxLength: 40 })), ([pattern, text]) => {
        const input = [{ path: "train.log", text }];
        expectImportWellFormed(importRuns(input, { project: "p", format: "log", pattern }), input);
      }, 200);
    },
    PROPERTY_TIMEOUT,
  );
});
