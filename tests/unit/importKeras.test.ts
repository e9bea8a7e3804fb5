import { describe, expect, it } from "vitest";
import { importKeras } from "../../src/core/import/keras.ts";
import { column, fixtureFiles, haveFixture, steps } from "./importFixtureFiles.ts";

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
