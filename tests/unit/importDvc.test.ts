import { describe, expect, it } from "vitest";
import { importDvc } from "../../src/core/import/dvc.ts";
import { column, fixtureFiles, haveFixture, steps } from "./importFixtureFiles.ts";

const DVC = "dvc";

describe.skipIf(!haveFixture(DVC))("importDvc(files, options): four DVC projects", () => {
  const result = importDvc(fixtureFiles(DVC), { project: "dvc" });
  const bySlug = Object.fromEntries(result.runs.map((r) => [r.slug, r]));

  it("makes one run per project folder", () => {
    expect(result.runs.map((r) => r.slug)).toEqual(["example-dvc-experiments-fork", "example-get-started-2022-classic", "example-get-started-2022-dvclive-v1", "example-get-started-2023-dvclive"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("reads dvclive per-epoch TSVs (train/ and eval/ subfolders) into one 10-step history", () => {
    const run = bySlug["example-dvc-experiments-fork"]!;
    expect(run.config).toEqual({ train: { epochs: 10 }, model: { conv_units: 24 } });
    expect([...run.history!.metrics].sort()).toEqual(["eval/acc", "eval/loss", "train/acc", "train/loss"]);
    expect(steps(run.history)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(column(run.history, "train/loss")[0]).toBe(0.2800039052963257);
    expect(column(run.history, "train/loss").at(-1)).toBe(0.03015276975929737);
    expect(column(run.history, "eval/acc")[0]).toBe(0.9714000225067139);
    expect(run.summary).toEqual({ "train/loss": 0.03015276975929737, "train/acc": 0.9901999831199646, "eval/loss": 0.03283250704407692, "eval/acc": 0.9884999990463257 });
    expect(result.skipped).toContainEqual(expect.objectContaining({ run: run.slug, what: 'metrics.json "step"' }));
    expect(result.skipped).toContainEqual(expect.objectContaining({ run: run.slug, what: "plot data file", count: 1 }));
  });

  it("reads the nested 2023 metrics as avg_prec/train …; plot JSON with bare Infinity is skipped, not parsed", () => {
    const run = bySlug["example-get-started-2023-dvclive"]!;
    expect(run.summary).toEqual({ "avg_prec/train": 0.9772271756725741, "avg_prec/test": 0.9449556493816984, "roc_auc/train": 0.9873675866013153, "roc_auc/test": 0.9619097316125981 });
    expect(run.history).toBeNull();
    expect(run.config).toMatchObject({ train: { seed: 20170428, n_est: 50, min_split: 0.01 } });
    expect(result.skipped).toContainEqual(expect.objectContaining({ run: run.slug, what: "plot data file", count: 2 }));
  });

  it("reads the older single-row step TSVs and the classic scores.json", () => {
    const v1 = bySlug["example-get-started-2022-dvclive-v1"]!;
    expect(steps(v1.history)).toEqual([0]);
    expect(v1.history!.rows[0]!.values).toEqual({ avg_prec: 0.9268792615819422, roc_auc: 0.945093365854111 });
    const classic = bySlug["example-get-started-2022-classic"]!;
    expect(classic.summary).toEqual({ avg_prec: 0.5262519282855344, roc_auc: 0.950116151587405 });
    expect(classic.config).toMatchObject({ prepare: { split: 0.2, seed: 20170428 }, featurize: { max_features: 2800, ngrams: 2 } });
  });
});

describe("importDvc(files, options): dvclive 0.x and bare Infinity", () => {
  it("reads dvclive/scalars/*.tsv with ms timestamps and a metrics.json holding Infinity", () => {
    const files = [
      { path: "params.yaml", text: "lr: 0.1\n" },
      { path: "dvclive.json", text: '{"loss": Infinity, "step": 1}' },
      { path: "dvclive/scalars/loss.tsv", text: "timestamp\tstep\tloss\n1600000000000\t0\t2.5\n1600000001000\t1\tinf\n" },
    ];
    const result = importDvc(files, { project: "p", rootName: "old" });
    const run = result.runs[0]!;
    expect(result.diagnostics).toEqual([]);
    expect(run.summary).toEqual({ loss: null });
    expect(run.history!.rows).toEqual([
      { step: 0, time: 1600000000, values: { loss: 2.5 } },
      { step: 1, time: 1600000001, values: { loss: Infinity } },
    ]);
  });
  it("reports a broken metrics.json at its line and makes no run", () => {
    const result = importDvc([{ path: "dvc.yaml", text: "stages: {}\n" }, { path: "metrics.json", text: '{\n  "a": 1,\n}' }], { project: "p" });
    expect(result.runs).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ file: "metrics.json", line: 2, code: "IMP001" }]);
  });
});
