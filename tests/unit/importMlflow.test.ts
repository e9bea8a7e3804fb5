import { describe, expect, it } from "vitest";
import { importMlflow } from "../../src/core/import/mlflow.ts";
import { importRuns } from "../../src/core/import/importRuns.ts";
import { column, fixtureFiles, haveFixture, steps } from "./importFixtureFiles.ts";

const SWAHILI = "mlflow/swahili-stt-keras-autolog/mlruns";
const OPTUNA = "mlflow/kletobias-hydra-optuna/mlruns";

describe.skipIf(!haveFixture(SWAHILI))("importMlflow(files, options): MLflow 1.x Keras autolog store", () => {
  const result = importMlflow(fixtureFiles(SWAHILI), { project: "stt" });
  const run = result.runs[0]!;

  it("makes one run; the accidental mlruns/mlruns store is reported, not imported", () => {
    expect(result.runs.map((r) => r.slug)).toEqual(["ed05f9cd599442fe9a0c9222184710b8"]);
    expect(result.diagnostics).toEqual([]);
    expect(result.skipped).toContainEqual(expect.objectContaining({ run: "mlruns", what: "nested MLflow store" }));
  });

  it("reads the 10-line loss metric with ms timestamps as the wall time", () => {
    expect(run.history!.metrics).toEqual(["loss"]);
    expect(steps(run.history)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(column(run.history, "loss")[0]).toBe(332.6841735839844);
    expect(column(run.history, "loss").at(-1)).toBe(234.7978057861328);
    expect(run.history!.rows[0]!.time).toBe(1628697792.09);
  });

  it("maps meta.yaml: status 3 → finished, experiment name → group, times → created/duration", () => {
    expect(run.state).toBe("finished");
    expect(run.group).toBe("Speech model simple rnn");
    expect(run.created).toBe("2021-08-11T16:02:55.478Z");
    expect(run.duration).toBe(76.2);
    expect(run.name).toBe("ed05f9cd599442fe9a0c9222184710b8");
  });

  it("keeps params as text unless they are plain numbers; None stays the string None", () => {
    expect(run.config.batch_size).toBe("None");
    expect(run.config.epochs).toBe(10);
    expect(run.config.opt_decay).toBe(1e-6);
    expect(run.config.validation_split).toBe(0);
    expect(run.config.opt_nesterov).toBe("True");
    expect(Object.keys(run.config).filter((k) => k !== "mlflow")).toHaveLength(20);
  });

  it("keeps the Windows artifact URI and other mlflow.* tags as text in config.mlflow", () => {
    expect(run.config.mlflow).toMatchObject({
      artifact_uri: "file:///C:/Users/Maelaf%20ES/Documents/10_Acadamy/Swahili-Speech-To-Text/notebooks/mlruns/1/ed05f9cd599442fe9a0c9222184710b8/artifacts",
      user_id: "Maelaf ES",
      status: "FINISHED",
      autologging: "tensorflow",
      "source.name": "C:\\Users\\Maelaf ES\\anaconda3\\lib\\site-packages\\ipykernel_launcher.py",
      experiment: { id: "1", name: "Speech model simple rnn" },
    });
    expect(result.skipped).toContainEqual({ run: run.slug, what: "artifact", reason: expect.any(String), count: 8 });
    expect(result.skipped).toContainEqual(expect.objectContaining({ run: run.slug, what: "tag mlflow.log-model.history" }));
  });
});

describe.skipIf(!haveFixture(OPTUNA))("importMlflow(files, options): MLflow 2.x store with 18-digit experiment ids", () => {
  const result = importMlflow(fixtureFiles(OPTUNA), { project: "optuna" });
  const byId = Object.fromEntries(result.runs.map((r) => [r.slug, r]));

  it("makes the 14 runs of the two experiments (Default is empty)", () => {
    expect(result.runs).toHaveLength(14);
    expect(result.diagnostics).toEqual([]);
    expect(new Set(result.runs.map((r) => r.group))).toEqual(new Set(["rf_optuna_trial_2025-04-21_12-42-36", "rf_optuna_trial_2025-04-21_11-38-14"]));
  });

  it("reads the final_model run: run_name, git commit, params, single-step metrics", () => {
    const run = byId.a94a03a4588e486a830016a00d2abd52!;
    expect(run.name).toBe("final_model");
    expect(run.git).toEqual({ commit: "369c16443258929e0eed20033d9dd898180b23f1" });
    expect(run.config).toMatchObject({ alpha: 0.0005038690611600913, max_iter: 1200, solver: "lsqr", tol: 0.004038164399846396 });
    expect(run.history!.rows).toHaveLength(1);
    expect(column(run.history, "val_mae")).toEqual([181503.0653217609]);
    expect((run.config.mlflow as { experiment: { id: string } }).experiment.id).toBe("428083997585167660");
  });

  it("reads the ten rf_importance_* metrics of the other final_model", () => {
    const run = byId.ac1bcde907aa4d0f82cabd804da637cd!;
    expect(run.history!.metrics.filter((m) => m.startsWith("rf_importance_"))).toHaveLength(10);
    expect(run.history!.metrics).toHaveLength(12);
  });
});

describe("importMlflow(files, options): synthetic store", () => {
  const meta = (extra: string) => `artifact_uri: x\nexperiment_id: '7'\nlifecycle_stage: active\nrun_id: r1\nstart_time: 1000\nend_time: 3000\n${extra}`;
  const store = (status: string, metric: string) => [
    { path: "7/meta.yaml", text: "experiment_id: '7'\nname: exp\n" },
    { path: "7/r1/meta.yaml", text: meta(`status: ${status}\n`) },
    { path: "7/r1/metrics/val/loss", text: metric },
    { path: "7/r1/tags/mlflow.parentRunId", text: "parent123" },
    { path: "7/r1/tags/mlflow.runName", text: "my run" },
    { path: "7/r1/tags/team", text: "vision" },
  ];

  it("keeps the last value of a repeated step and counts the overwritten ones; maps KILLED and tags", () => {
    const result = importMlflow(store("5", "1000 0.5 0\n2000 0.4 0\n3000 0.3 1\n4000 nan 2\n"), { project: "p" });
    const run = result.runs[0]!;
    expect(run.state).toBe("crashed");
    expect(run.group).toBe("parent123");
    expect(run.name).toBe("my run");
    expect(run.tags).toEqual(["team:vision"]);
    expect(steps(run.history)).toEqual([0, 1, 2]);
    expect(column(run.history, "val/loss").slice(0, 2)).toEqual([0.4, 0.3]);
    expect(column(run.history, "val/loss")[2]).toBeNaN();
    expect(result.skipped).toContainEqual({ run: "r1", what: "metric val/loss point", reason: expect.any(String), count: 1 });
  });

  it("reports a malformed metric line with its line and makes no run", () => {
    const result = importMlflow(store("3", "1000 0.5 0\n2000 abc 1\n"), { project: "p" });
    expect(result.runs).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ file: "7/r1/metrics/val/loss", line: 2, column: 1, code: "IMP015" }]);
  });
});

describe("importMlflow(files, options): records beside the runs (MLflow 2.4+ datasets, 3.x logged models, the model registry)", () => {
  const runMeta = "artifact_uri: x\nexperiment_id: '428083997585167660'\nlifecycle_stage: active\nrun_id: r1\nrun_uuid: r1\nrun_name: bold-cat-1\nstart_time: 1000\nstatus: 3\n";
  const store = [
    { path: "mlruns/428083997585167660/meta.yaml", text: "experiment_id: '428083997585167660'\nname: sweep\nlifecycle_stage: active\n" },
    { path: "mlruns/428083997585167660/tags/mlflow.note.content", text: "what the sweep is for" },
    { path: "mlruns/428083997585167660/r1/meta.yaml", text: runMeta },
    { path: "mlruns/428083997585167660/r1/metrics/loss", text: "1000 0.5 0\n2000 0.4 1\n" },
    { path: "mlruns/428083997585167660/r1/inputs/0a1b/meta.yaml", text: "destination_id: r1\ndestination_type: RUN\nsource_id: d1\nsource_type: DATASET\n" },
    { path: "mlruns/428083997585167660/r1/inputs/0a1b/tags/mlflow.data.context", text: "train" },
    { path: "mlruns/428083997585167660/r1/outputs/m-1/meta.yaml", text: "destination_id: m-1\ndestination_type: MODEL_OUTPUT\nsource_id: r1\nsource_type: RUN_OUTPUT\nstep: 1\n" },
    { path: "mlruns/428083997585167660/datasets/d1/meta.yaml", text: "digest: a1b2\nname: iris\nsource_type: local\n" },
    { path: "mlruns/428083997585167660/models/m-1/meta.yaml", text: "experiment_id: '428083997585167660'\nmodel_id: m-1\nname: model\nsource_run_id: r1\n" },
    { path: "mlruns/428083997585167660/models/m-1/metrics/loss", text: "2000 0.4 1 r1\n" },
    { path: "mlruns/428083997585167660/models/m-1/params/alpha", text: "0.5" },
    { path: "mlruns/models/iris-clf/meta.yaml", text: "name: iris-clf\ncreation_timestamp: 1\n" },
    { path: "mlruns/models/iris-clf/version-1/meta.yaml", text: "name: iris-clf\nversion: 1\nrun_id: r1\nsource: x\n" },
    { path: "mlruns/models/iris-clf/version-1/tags/stage", text: "prod" },
    { path: "mlruns/428083997585167660/r1/artifacts/models/export/meta.yaml", text: "format: onnx\n" },
  ];

  it("imports the run only; the other records are skipped with what they are, not reported as a second store", () => {
    const result = importRuns(store, { project: "p", format: "auto" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => r.slug)).toEqual(["r1"]);
    expect(result.runs[0]!.config.mlflow).toMatchObject({ experiment: { id: "428083997585167660", name: "sweep", tags: { "mlflow.note.content": "what the sweep is for" } } });
    const skipped = result.skipped.map((s) => `${s.run}: ${s.what} ×${s.count}`);
    expect(skipped).toEqual(expect.arrayContaining([
      "mlruns/428083997585167660: dataset record ×1",
      "mlruns/428083997585167660: logged model ×1",
      "mlruns/models: registered model ×2",
      "r1: dataset input file ×2",
      "r1: model output file ×1",
      "r1: artifact ×1",
    ]));
    expect(skipped.join("\n")).not.toContain("nested MLflow store");
  });
});

describe("importRuns(files, { format: auto }): an MLflow experiment folder or one run folder as the import root", () => {
  const runMeta = "artifact_uri: x\nexperiment_id: '7'\nlifecycle_stage: active\nrun_id: 0f3c\nrun_uuid: 0f3c\nstart_time: 1000\nstatus: 3\n";
  const run = [
    { path: "meta.yaml", text: runMeta },
    { path: "metrics/val/loss", text: "1000 0.5 0\r\n2000 0.25 1\r\n" },
    { path: "params/lr", text: "0.01" },
  ];

  it("reads an experiment folder (its runs one level down)", () => {
    const files = [{ path: "meta.yaml", text: "experiment_id: '7'\nname: exp\n" }, ...run.map((f) => ({ ...f, path: `0f3c/${f.path}` }))];
    const result = importRuns(files, { project: "p", format: "auto" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => [r.slug, r.group])).toEqual([["0f3c", "exp"]]);
  });

  it("reads a run folder on its own, with the experiment id from its meta.yaml", () => {
    const result = importRuns(run, { project: "p", format: "auto", rootName: "0f3c" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs).toHaveLength(1);
    const r = result.runs[0]!;
    expect(r.slug).toBe("0f3c");
    expect(r.config).toMatchObject({ lr: 0.01, mlflow: { run_id: "0f3c", experiment: { id: "7" } } });
    expect(column(r.history, "val/loss")).toEqual([0.5, 0.25]);
  });
});

describe("importMlflow(files, options): metric lines with fields after the step", () => {
  it("reads <timestamp> <value> <step> and counts the trailing fields under skipped", () => {
    const files = [
      { path: "1/meta.yaml", text: "experiment_id: '1'\nname: e\n" },
      { path: "1/r1/meta.yaml", text: "run_id: r1\nexperiment_id: '1'\nstatus: 3\n" },
      { path: "1/r1/metrics/acc", text: "1000 0.5 0 eval_ds 3f2a\n2000 0.75 1 eval_ds 3f2a\n3000 0.8 2\n" },
    ];
    const result = importMlflow(files, { project: "p" });
    expect(result.diagnostics).toEqual([]);
    expect(column(result.runs[0]!.history, "acc")).toEqual([0.5, 0.75, 0.8]);
    expect(result.skipped).toContainEqual({ run: "r1", what: "metric acc line fields after the step", reason: expect.any(String), count: 2 });
  });
});

describe("importMlflow(files, options): metrics logged without a step", () => {
  const store = (loss: string, acc: string) => [
    { path: "1/meta.yaml", text: "experiment_id: '1'\nname: e\n" },
    { path: "1/r1/meta.yaml", text: "run_id: r1\nexperiment_id: '1'\nstatus: 3\n" },
    { path: "1/r1/metrics/loss", text: loss },
    { path: "1/r1/metrics/acc", text: acc },
  ];

  it("numbers each metric's points in logging order when the whole run logged at step 0, with a note", () => {
    const result = importMlflow(store("1000 0.9 0\n2000 0.5 0\n3000 0.25 0\n", "1000 0.1 0\n2000 0.6 0\n3000 0.8 0\n"), { project: "p" });
    expect(result.diagnostics).toEqual([]);
    const h = result.runs[0]!.history;
    expect(steps(h)).toEqual([0, 1, 2]);
    expect(column(h, "loss")).toEqual([0.9, 0.5, 0.25]);
    expect(column(h, "acc")).toEqual([0.1, 0.6, 0.8]);
    expect(result.skipped).toEqual([]);
    expect(result.notes).toMatchObject([{ file: "1/r1/meta.yaml", message: expect.stringMatching(/^every metric was logged without a step/) }]);
  });

  it("keeps the steps when any metric has real ones (then a repeated step keeps its last value)", () => {
    const result = importMlflow(store("1000 0.9 0\n2000 0.5 0\n", "1000 0.1 0\n2000 0.6 1\n"), { project: "p" });
    expect(steps(result.runs[0]!.history)).toEqual([0, 1]);
    expect(result.notes ?? []).toEqual([]);
  });
});
