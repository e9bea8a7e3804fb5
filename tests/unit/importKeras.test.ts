import { describe, expect, it } from "vitest";
import path from "node:path";
import { importRuns } from "../../src/core/import/importRuns.ts";
import { importKeras, kerasSeparator } from "../../src/core/import/keras.ts";
import { filesUnder } from "./importFilesUnder.ts";
import { column, fixtureFiles, haveFixture, repoRoot, steps } from "./importFixtureFiles.ts";

const KERAS = "keras_csvlogger";

describe.skipIf(!haveFixture(KERAS))("importKeras(files, options): three CSVLogger files", () => {
  const result = importKeras(fixtureFiles(KERAS), { project: "keras" });
  const bySlug = Object.fromEntries(result.runs.map((r) => [r.slug, r]));

  it("makes one run per training.log, named after its folder; the step is the epoch", () => {
    expect(result.runs.map((r) => r.slug)).toEqual(["BrainCNN", "Leaf_disease_detection", "irfanet-10"]);
    expect(result.diagnostics).toEqual([]);
    expect(steps(bySlug.BrainCNN!.history)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(steps(bySlug["irfanet-10"]!.history)).toEqual([0, 1, 2]);
  });

  it("reads Keras 2.0 names, no validation columns, and float32 next to float64 reprs exactly", () => {
    expect(bySlug["irfanet-10"]!.history!.metrics).toEqual(["acc", "loss", "val_acc", "val_loss"]);
    expect(column(bySlug["irfanet-10"]!.history, "val_loss").at(-1)).toBe(0.34472502487);
    expect(bySlug.BrainCNN!.history!.metrics).toEqual(["acc", "loss"]);
    expect(column(bySlug.BrainCNN!.history, "acc")[0]).toBe(0.92483332578688859);
    expect(column(bySlug.BrainCNN!.history, "loss").at(-1)).toBe(0.059139651652052996);
    const leaf = bySlug.Leaf_disease_detection!.history!;
    expect(leaf.rows).toHaveLength(50);
    expect(column(leaf, "sparse_categorical_accuracy")[0]).toBe(0.46087703);
    expect(column(leaf, "loss")[0]).toBe(0.9825423861615943);
    expect(column(leaf, "val_sparse_categorical_accuracy").at(-1)).toBe(0.5410122275352478);
  });
});

describe("importKeras(files, options): without an epoch column", () => {
  it("is an error naming the columns found", () => {
    const result = importKeras([{ path: "training.log", text: "loss,acc\n1,2\n" }], { project: "p" });
    expect(result.runs).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ code: "IMP008", message: 'expected a "epoch" column, found "loss", "acc"' });
  });
});

const local = (name: string) => filesUnder(path.join(repoRoot, "tests/fixtures/import", name));

describe("importRuns(files, { format }): Keras logs recognised by content", () => {
  it("imports a CSVLogger log with any file name (history.log, CRLF), in auto and forced mode", () => {
    for (const format of ["auto", "keras"]) {
      const result = importRuns(local("keras-custom-filename"), { project: "k", format });
      expect(result.diagnostics).toEqual([]);
      expect(result.runs.map((r) => r.slug)).toEqual(["mnist"]);
      const h = result.runs[0]!.history!;
      expect(h.metrics).toEqual(["acc", "loss", "val_acc", "val_loss"]);
      expect(steps(h)).toEqual([0, 1, 2, 3]);
      expect(column(h, "val_loss")).toEqual([0.16734721, 0.110482834, 0.09119531, 0.0820112]);
    }
  });

  it("reads Keras 3's NA cells (validation_freq, stopped run) as gaps and nan as a logged NaN", () => {
    const result = importRuns(local("keras-validation-freq"), { project: "k", rootName: "vf" });
    expect(result.diagnostics).toEqual([]);
    const h = result.runs[0]!.history!;
    expect(steps(h, "val_loss")).toEqual([1, 3]);
    expect(column(h, "val_mae")).toEqual([0.40112340450286865, 0.3610742092132568]);
    expect(h.rows[4]!.values).toEqual({ loss: NaN, mae: NaN });
  });

  it("reads a tab- or semicolon-separated log (CSVLogger(separator=…))", () => {
    const result = importKeras([{ path: "a/log.txt", text: "epoch\tloss\r\n0\t1.5\r\n1\t1.25\r\n" }, { path: "b/log.txt", text: "epoch;loss\n0;2\n" }], { project: "k" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => [r.slug, column(r.history, "loss")])).toEqual([["a", [1.5, 1.25]], ["b", [2]]]);
  });

  it("says why when a forced --format keras finds nothing, naming each file and its first line", () => {
    const result = importRuns([{ path: "metrics.csv", text: "step,loss\n0,1\n" }, { path: "notes.txt", text: "hello\n" }], { project: "k", format: "keras" });
    expect(result.runs).toEqual([]);
    expect(result.skipped).toEqual([
      { run: "metrics.csv", what: "file", reason: 'first line "step,loss" is not a Keras CSVLogger header (epoch,<metric>,…)', count: 1 },
      { run: "notes.txt", what: "file", reason: 'first line "hello" is not a Keras CSVLogger header (epoch,<metric>,…)', count: 1 },
    ]);
    expect(result.diagnostics).toMatchObject([{ severity: "error", code: "IMP010", message: expect.stringMatching(/^no keras runs found: looked for Keras CSVLogger logs .* in 2 file\(s\); 2 item\(s\) skipped/) }]);
  });

  it("does not take a Lightning-style epoch,step CSV for a Keras log", () => {
    expect(kerasSeparator("epoch,step,train/loss")).toBeUndefined();
    expect(kerasSeparator("epoch,acc,loss\r")).toBe(",");
    expect(kerasSeparator("epochs,acc")).toBeUndefined();
  });
});

describe("importKeras(files, options): list-valued metrics", () => {
  it("skips the list cells Keras writes for per-class metrics, counted by column, and keeps the rest", () => {
    const text = 'epoch,f1,loss\r\n0,"""[0.5, 0.25]""",1.5\r\n1,"""[0.75, 0.5]""",1.25\r\n';
    const r = importKeras([{ path: "run/log.csv", text }], { project: "k" });
    expect(r.diagnostics).toEqual([]);
    expect(r.runs[0]!.history!.metrics).toEqual(["loss"]);
    expect(r.runs[0]!.history!.rows.map((x) => x.values)).toEqual([{ loss: 1.5 }, { loss: 1.25 }]);
    expect(r.skipped).toEqual([{ run: "run", what: "f1 value (run/log.csv)", reason: "a list, not one number per epoch: not a history value", count: 2 }]);
  });

  it("unquotes list cells in a tab- or semicolon-separated log too (Python's csv quotes them whatever the separator)", () => {
    const files = [
      { path: "tab/log.tsv", text: 'epoch\tf1\tloss\r\n0\t"""[0.5, 0.25]"""\t1.5\r\n' },
      { path: "semi/log.csv", text: 'epoch;f1;loss\n0;"""[0.5; 0.25]""";2\n' },
    ];
    const r = importKeras(files, { project: "k" });
    expect(r.diagnostics).toEqual([]);
    expect(r.runs.map((x) => [x.slug, column(x.history, "loss")])).toEqual([["semi", [2]], ["tab", [1.5]]]);
    expect(r.skipped.map((s) => s.what).sort()).toEqual(["f1 value (semi/log.csv)", "f1 value (tab/log.tsv)"]);
  });
});

describe("importKeras(files, options): logs in folders of the same name", () => {
  it("names them by their path (exp1-seed0, exp2-seed0) instead of seed0 and seed0-2", () => {
    const r = importKeras([
      { path: "exp1/seed0/training.log", text: "epoch,loss\n0,1\n" },
      { path: "exp2/seed0/training.log", text: "epoch,loss\n0,2\n" },
      { path: "exp2/seed1/training.log", text: "epoch,loss\n0,3\n" },
    ], { project: "k" });
    expect(r.diagnostics).toEqual([]);
    expect(r.runs.map((x) => [x.slug, column(x.history, "loss")])).toEqual([["exp1-seed0", [1]], ["exp2-seed0", [2]], ["seed1", [3]]]);
  });
});
