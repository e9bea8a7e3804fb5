import { describe, expect, it } from "vitest";
import path from "node:path";
import { importDvc } from "../../src/core/import/dvc.ts";
import { importRuns } from "../../src/core/import/importRuns.ts";
import { filesUnder } from "./importFilesUnder.ts";
import { column, fixtureFiles, haveFixture, repoRoot, steps } from "./importFixtureFiles.ts";

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
    // plots/confusion.csv (actual,predicted pairs) → a confusion plot; its accuracy is the logged eval/acc.
    expect(Object.keys(run.files!)).toEqual(["plots/confusion.json"]);
    const cm = JSON.parse(run.files!["plots/confusion.json"] as string) as { type: string; labels: number[]; y_true: number[]; y_pred: number[] };
    expect(cm.type).toBe("confusion");
    expect(cm.labels).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(cm.y_true).toHaveLength(10000);
    expect(cm.y_true.filter((t, i) => t === cm.y_pred[i]).length / 10000).toBe(0.9885);
    expect(result.skipped.some((s) => s.run === run.slug && s.what.startsWith("plot data"))).toBe(false);
  });

  it("reads the nested 2023 metrics as avg_prec/train …; ROC (with sklearn's bare Infinity threshold) and PR points become plots", () => {
    const run = bySlug["example-get-started-2023-dvclive"]!;
    expect(run.summary).toEqual({ "avg_prec/train": 0.9772271756725741, "avg_prec/test": 0.9449556493816984, "roc_auc/train": 0.9873675866013153, "roc_auc/test": 0.9619097316125981 });
    expect(run.history).toBeNull();
    expect(run.config).toMatchObject({ train: { seed: 20170428, n_est: 50, min_split: 0.01 } });
    expect(Object.keys(run.files!).sort()).toEqual(["plots/eval-prc-test.json", "plots/roc-test.json"]);
    const roc = JSON.parse(run.files!["plots/roc-test.json"] as string) as { type: string; points: { x: number[]; y: number[] } };
    expect(roc.type).toBe("roc");
    expect(roc.points.x).toHaveLength(886);
    expect([roc.points.x[1], roc.points.y[1]]).toEqual([0, 0.00041893590280687055]);
    expect([roc.points.x.at(-1), roc.points.y.at(-1)]).toEqual([1, 1]);
    const pr = JSON.parse(run.files!["plots/eval-prc-test.json"] as string) as { type: string; points: { x: number[]; y: number[] } };
    expect(pr.type).toBe("pr");
    // PR points: x is recall, y precision (the first threshold has recall 1).
    expect([pr.points.x[0], pr.points.y[0]]).toEqual([1, 0.29874843554443054]);
    expect(result.diagnostics).toEqual([]);
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

describe("importRuns(files): a DVC experiment with dvclive output below it", () => {
  const result = importRuns(filesUnder(path.join(repoRoot, "tests/fixtures/import/dvc-dvclive-params")), { project: "p", rootName: "exp" });

  it("is one run: params as config (keys clean, once), dvclive metrics as summary and plots as history", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => r.slug)).toEqual(["exp"]);
    const run = result.runs[0]!;
    expect(run.config).toEqual({ env: "prod", train: { epochs: 3, lr: 0.001 }, model: { conv_units: 16 }, batch_size: 128 });
    expect(run.summary).toEqual({ "train/loss": 0.10276353359222412, "eval/loss": 0.09713014960289001, "eval/acc": 0.9697999954223633 });
    expect([...run.history!.metrics].sort()).toEqual(["eval/acc", "eval/loss", "train/loss"]);
    expect(steps(run.history)).toEqual([0, 1, 2]);
    expect(run.history!.rows[1]!.time).toBe(1700000061.234);
    expect(column(run.history, "eval/acc")).toEqual([0.9473000168800354, 0.9628000259399414, 0.9697999954223633]);
    expect(result.skipped).toContainEqual(expect.objectContaining({ what: "dvclive's dvclive/dvc.yaml" }));
  });

  it("keeps the project's value when dvclive logged a different one, and says so", () => {
    const files = [
      { path: "params.yaml", text: "lr: 0.1\n" },
      { path: "dvclive/params.yaml", text: "params.yaml:lr: 0.2\n" },
      { path: "dvclive/metrics.json", text: '{"loss": 1}' },
    ];
    const r = importDvc(files, { project: "p", rootName: "x" });
    expect(r.runs.map((x) => [x.slug, x.config, x.summary])).toEqual([["x", { lr: 0.1 }, { loss: 1 }]]);
    expect(r.skipped).toContainEqual({ run: "x", what: "param lr (dvclive/params.yaml)", reason: "differs from the project's params.yaml (0.1), which is kept", count: 1 });
  });
});

describe("importDvc(files, options): the dvclive folder itself as the import root", () => {
  it("cleans the params.yaml:<key> names of its params.yaml", () => {
    const files = [
      { path: "params.yaml", text: "params.yaml:env: prod\nparams.yaml:train:\n  lr: 0.1\nbatch_size: 8\n" },
      { path: "metrics.json", text: '{"loss": 0.5, "step": 3}' },
      { path: "plots/metrics/loss.tsv", text: "step\tloss\n0\t0.9\n3\t0.5\n" },
    ];
    const r = importDvc(files, { project: "p", rootName: "dvclive" });
    expect(r.diagnostics).toEqual([]);
    expect(r.runs.map((x) => [x.slug, x.config, x.summary])).toEqual([["dvclive", { env: "prod", train: { lr: 0.1 }, batch_size: 8 }, { loss: 0.5 }]]);
    expect(steps(r.runs[0]!.history)).toEqual([0, 3]);
  });
});

describe("importDvc(files, options): other dvclive output", () => {
  it("names the reports in a dvclive folder as skipped, and an image it was given no bytes of", () => {
    const files = [
      { path: "params.yaml", text: "lr: 0.1\n" },
      { path: "dvclive/metrics.json", text: '{"loss": 1}' },
      { path: "dvclive/report.html" },
      { path: "dvclive/plots/images/sample.png" },
    ];
    const r = importDvc(files, { project: "p", rootName: "x" });
    expect(r.skipped).toContainEqual({ run: "x", what: "dvclive output file (dvclive/report.html)", reason: "reports and artifacts dvclive wrote are not run records", count: 1 });
    expect(r.skipped).toContainEqual(expect.objectContaining({ run: "x", what: "plot image dvclive/plots/images/sample.png", count: 1 }));
  });
});

describe("importDvc(files, options): empty files of a stopped run", () => {
  it("warns at an empty metrics.json or step TSV and writes the run from the rest", () => {
    const result = importDvc([
      { path: "params.yaml", text: "lr: 0.1\n" },
      { path: "dvclive/metrics.json", text: "" },
      { path: "dvclive/plots/metrics/loss.tsv", text: "timestamp\tstep\tloss\n1700000000000\t0\t0.5\n" },
      { path: "dvclive/plots/metrics/acc.tsv", text: "\n" },
    ], { project: "p", rootName: "exp" });
    expect(result.runs.map((r) => [r.slug, r.config, r.history?.metrics])).toEqual([["exp", { lr: 0.1 }, ["loss"]]]);
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`).sort()).toEqual([
      "dvclive/metrics.json:1:1 warning IMP061",
      "dvclive/plots/metrics/acc.tsv:1:1 warning IMP061",
    ]);
  });
});

describe("importDvc(files, options): projects in folders of the same name", () => {
  it("names them by their path", () => {
    const r = importDvc([
      { path: "a/exp/params.yaml", text: "lr: 1\n" },
      { path: "b/exp/params.yaml", text: "lr: 2\n" },
      { path: "c/other/params.yaml", text: "lr: 3\n" },
    ], { project: "p" });
    expect(r.runs.map((x) => [x.slug, x.name, x.config])).toEqual([
      ["a-exp", "a/exp", { lr: 1 }],
      ["b-exp", "b/exp", { lr: 2 }],
      ["other", "other", { lr: 3 }],
    ]);
  });
});
