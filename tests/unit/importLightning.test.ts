import { describe, expect, it } from "vitest";
import { importLightning } from "../../src/core/import/lightning.ts";
import { importRuns } from "../../src/core/import/importRuns.ts";
import { column, fixtureFiles, haveFixture, steps } from "./importFixtureFiles.ts";

const BYOL = "lightning_csv/byol3d-deepmind-research-fork/lightning_logs";
const ARC = "lightning_csv/ArcRoute/lightning_logs";
const GENRISK = "lightning_csv/genrisk/lightning_logs";
const BYOL_METRICS = ["epoch", "train/loss", "train/loss_12", "train/loss_21", "train/lr", "train/tau"];

describe.skipIf(!haveFixture(BYOL))("importLightning(files, options): BYOL-3D version folders", () => {
  const result = importLightning(fixtureFiles(BYOL), { project: "byol", rootName: "lightning_logs" });
  const bySlug = Object.fromEntries(result.runs.map((r) => [r.slug, r]));

  it("makes one run per version folder, grouped by the logger folder", () => {
    expect(result.runs.map((r) => r.slug)).toEqual(["version_0", "version_12", "version_17", "version_18", "version_8"]);
    expect(result.runs.every((r) => r.group === "lightning_logs")).toBe(true);
  });

  it("reads the CRLF metrics.csv files row for row", () => {
    // Row counts: data lines of each metrics.csv (wc -l minus the header).
    expect(bySlug.version_12!.history!.rows).toHaveLength(18750);
    expect(bySlug.version_17!.history!.rows).toHaveLength(7967);
    expect(bySlug.version_18!.history!.rows).toHaveLength(1467);
    expect(bySlug.version_0!.history!.rows).toHaveLength(4);
    expect(bySlug.version_8!.history!.rows).toHaveLength(1);
    expect(bySlug.version_12!.history!.metrics).toEqual(BYOL_METRICS);
    expect(steps(bySlug.version_12!.history)[0]).toBe(9);
    expect(steps(bySlug.version_12!.history).at(-1)).toBe(187499);
    expect(column(bySlug.version_12!.history, "train/loss")[0]).toBe(3.9186787605285645);
    expect(column(bySlug.version_12!.history, "train/lr").at(-1)).toBe(7.510758372663781e-14);
    expect(column(bySlug.version_17!.history, "epoch").at(-1)).toBe(127);
    expect(column(bySlug.version_8!.history, "train/loss")).toEqual([4.009288787841797]);
  });

  it("reads hparams.yaml with !!python/tuple as data: betas become a list", () => {
    expect(bySlug.version_18!.config.optimizer).toEqual({ betas: [0.9, 0.999], lr: 0.001, name: "adamw", weight_decay: 0.0001 });
    expect(bySlug.version_18!.config.steps_per_epoch).toBe(625);
  });

  it("warns that version_18 was resumed (epoch 100, step 9) and keeps it", () => {
    expect(result.diagnostics).toMatchObject([{ file: "version_18/metrics.csv", line: 2, severity: "warning", code: "IMP012" }]);
    expect(steps(bySlug.version_18!.history)[0]).toBe(9);
    expect(column(bySlug.version_18!.history, "epoch")[0]).toBe(100);
  });
});

describe.skipIf(!haveFixture(ARC))("importLightning(files, options): ArcRoute sparse validation rows", () => {
  const run = importLightning(fixtureFiles(ARC), { project: "arc" }).runs[0]!;
  it("keeps the 17 validation-only rows with the train columns as not logged", () => {
    expect(run.slug).toBe("version_0");
    expect(run.history!.rows).toHaveLength(189);
    expect(column(run.history, "val/reward")).toHaveLength(17);
    expect(column(run.history, "train/loss")).toHaveLength(172);
    expect(steps(run.history, "val/reward").at(-1)).toBe(8312);
    expect(column(run.history, "val/reward").at(-1)).toBe(-16.739572525024414);
    expect(column(run.history, "train/loss")).toContain(3668.494384765625);
  });
});

describe.skipIf(!haveFixture(GENRISK))("importLightning(files, options): genrisk step,epoch order and nan", () => {
  const run = importLightning(fixtureFiles(GENRISK), { project: "g" }).runs[0]!;
  it("reads the older column order and keeps nan as logged non-finite values", () => {
    expect(run.history!.metrics).toEqual(["epoch", "train_disc_loss", "train_gen_loss"]);
    expect(run.history!.rows).toHaveLength(320);
    expect(run.history!.rows[0]!.values.train_disc_loss).toBe(1.6226933508321501e24);
    expect(run.history!.rows[0]!.values.train_gen_loss).toBeNaN();
    expect(run.history!.rows.at(-1)!.step).toBe(319);
    expect(run.history!.rows.at(-1)!.values.train_disc_loss).toBeNaN();
  });
});

describe("importLightning(files, options): synthetic cases", () => {
  it("warns when the step goes down inside one file and keeps the rows in file order", () => {
    const text = "epoch,step,loss\r\n0,10,1.0\r\n0,20,0.9\r\n1,5,0.8\r\n";
    const result = importLightning([{ path: "lightning_logs/version_3/metrics.csv", text }], { project: "p" });
    expect(steps(result.runs[0]!.history)).toEqual([10, 20, 5]);
    expect(result.diagnostics).toMatchObject([{ line: 4, severity: "warning", code: "IMP007" }]);
  });
  it("never runs a python/object tag, and a bad cell is an error with line and column (no run)", () => {
    const hp = "w: !!python/object/apply:os.system ['echo pwned']\n";
    const ok = importLightning([{ path: "v/version_1/metrics.csv", text: "step,loss\n0,1\n" }, { path: "v/version_1/hparams.yaml", text: hp }], { project: "p" });
    expect(ok.runs[0]!.config).toEqual({ w: ["echo pwned"] });
    const bad = importLightning([{ path: "v/version_1/metrics.csv", text: "step,loss\n0,1\n1,oops\n" }], { project: "p" });
    expect(bad.runs).toEqual([]);
    expect(bad.diagnostics).toMatchObject([{ file: "v/version_1/metrics.csv", line: 3, column: 3, severity: "error", code: "IMP004" }]);
  });
});

describe("importRuns(files, { format: auto }): CSVLogger folders not called version_<n>", () => {
  it("finds CSVLogger(version=\"name\") by its hparams.yaml and CSVLogger(name=\"\", version=\"\") by its step column", () => {
    const files = [
      { path: "logs/resnet/lr-0.1/metrics.csv", text: "epoch,step,train/loss\r\n0,49,1.5\r\n" },
      { path: "logs/resnet/lr-0.1/hparams.yaml", text: "lr: 0.1\n" },
      { path: "metrics.csv", text: "epoch,step,val/acc\n0,99,0.5\n" },
    ];
    const result = importRuns(files, { project: "p", format: "auto", rootName: "plain" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => [r.slug, r.group, r.config])).toEqual([
      ["lr-0.1", "resnet", { lr: 0.1 }],
      ["plain", null, {}],
    ]);
  });

  it("writes a run whose metrics.csv is empty with its hparams and a warning, not an error", () => {
    const result = importLightning([{ path: "lightning_logs/version_8/metrics.csv", text: "" }, { path: "lightning_logs/version_8/hparams.yaml", text: "lr: 0.1\n" }], { project: "p" });
    expect(result.runs.map((r) => [r.slug, r.config, r.history])).toEqual([["version_8", { lr: 0.1 }, null]]);
    expect(result.diagnostics).toMatchObject([{ file: "lightning_logs/version_8/metrics.csv", line: 1, column: 1, severity: "warning", code: "IMP061" }]);
  });
});

describe("importLightning(files, options): integers past 2^53 in hparams.yaml", () => {
  it("keeps them as their digits; smaller integers stay numbers", () => {
    const hp = "seed: 123456789012345678\nneg: -9007199254740993\nsmall: 42\n";
    const result = importLightning([{ path: "l/version_0/metrics.csv", text: "step,loss\n0,1\n" }, { path: "l/version_0/hparams.yaml", text: hp }], { project: "p" });
    expect(result.runs[0]!.config).toEqual({ seed: "123456789012345678", neg: "-9007199254740993", small: 42 });
  });
});

describe("importLightning(files, options): classes and functions in hparams.yaml", () => {
  it("keeps the name PyYAML writes in a !!python/name or !!python/module tag (the value itself is empty)", () => {
    const hp = "activation: !!python/name:torch.nn.modules.activation.ReLU ''\nloss_fn: !!python/name:torch.nn.functional.mse_loss ''\nmod: !!python/module:math ''\nlr: 0.1\n";
    const result = importLightning([{ path: "l/version_0/metrics.csv", text: "step,loss\n0,1\n" }, { path: "l/version_0/hparams.yaml", text: hp }], { project: "p" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs[0]!.config).toEqual({ activation: "torch.nn.modules.activation.ReLU", loss_fn: "torch.nn.functional.mse_loss", mod: "math", lr: 0.1 });
  });

  it("joins a pathlib path PyYAML wrote as its parts back into the path", () => {
    const hp = "data_dir: !!python/object/apply:pathlib.PosixPath\n- /\n- data\n- cifar\nout: !!python/object/apply:pathlib.WindowsPath\n- 'C:\\'\n- Users\n- me\nrel: !!python/object/apply:pathlib.PosixPath\n- runs\n- a\ndevice: !!python/object/apply:torch.device\n- cuda\n";
    const result = importLightning([{ path: "l/version_0/metrics.csv", text: "step,loss\n0,1\n" }, { path: "l/version_0/hparams.yaml", text: hp }], { project: "p" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs[0]!.config).toEqual({ data_dir: "/data/cifar", out: "C:\\Users\\me", rel: "runs/a", device: ["cuda"] });
  });
});

describe("importRuns(files, options): text files that are Git LFS pointers", () => {
  const pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1163\n";
  it("says so (IMP062) for a CSV, JSON, YAML or MLflow metric file, instead of a syntax or column error", () => {
    for (const files of [
      [{ path: "lightning_logs/version_0/metrics.csv", text: pointer }],
      [{ path: "out/trainer_state.json", text: pointer }],
      [{ path: "lightning_logs/version_0/metrics.csv", text: "step,loss\n0,1\n" }, { path: "lightning_logs/version_0/hparams.yaml", text: pointer }],
      [{ path: "1/meta.yaml", text: "experiment_id: '1'\nname: e\n" }, { path: "1/r/meta.yaml", text: "run_id: r\n" }, { path: "1/r/metrics/loss", text: pointer }],
    ]) {
      const result = importRuns(files, { project: "p", format: "auto" });
      expect(result.runs).toEqual([]);
      expect(result.diagnostics.filter((d) => d.code !== "IMP010")).toMatchObject([{ file: files.at(-1)!.path, line: 1, column: 1, severity: "error", code: "IMP062" }]);
    }
  });
});
