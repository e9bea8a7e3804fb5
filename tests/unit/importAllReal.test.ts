/**
 * Every importer, forced and auto, over every folder of real exports in ../shared/fixtures/real
 * (read in place): nothing throws, the formats that match find the known number of runs, and an
 * import that finds nothing always says why (an error), never "0 runs, 0 errors".
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATS } from "../../src/core/import/detectFormat.ts";
import type { ImportResult } from "../../src/core/import/importedRun.ts";
import { importRuns, type ImportFn } from "../../src/core/import/importRuns.ts";
import { importTensorboard } from "../../src/core/import/tensorboard/index.ts";
import { importWandb } from "../../src/core/import/wandb/index.ts";
import { filesUnder } from "./importFilesUnder.ts";
import { haveFixture, realFixtures } from "./importFixtureFiles.ts";

/** llm.c-style logs under plain_logs; the Muon log has another format and is an IMP010 error. */
const PLAIN_LOG_RUNS = ["2024-10-13_llmc", "2025-01-18", "f66d43d7-e449-4029-8adf-e8537bab49ea"];
const importers = { tensorboard: importTensorboard as unknown as ImportFn, wandb: importWandb as unknown as ImportFn };

/** Runs each folder holds, by the format that reads it (auto finds the same). */
const EXPECTED: Record<string, { format: string; runs: number }> = {
  dvc: { format: "dvc", runs: 4 },
  hf_trainer: { format: "hf", runs: 3 },
  keras_csvlogger: { format: "keras", runs: 3 },
  lightning_csv: { format: "lightning", runs: 7 },
  mlflow: { format: "mlflow", runs: 15 },
  tensorboard: { format: "tensorboard", runs: 4 },
  wandb: { format: "wandb", runs: 5 },
  wandb_csv_export: { format: "wandb-csv", runs: 8 },
};

describe.skipIf(!haveFixture("."))("importRuns over every real fixture with every format", () => {
  const dirs = !haveFixture(".") ? [] : readdirSync(realFixtures, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const results = new Map<string, ImportResult>();
  for (const dir of dirs) {
    const files = filesUnder(path.join(realFixtures, dir));
    for (const format of ["auto", ...FORMATS]) {
      const pattern = format === "log" ? String.raw`s:(?<step>\d+) tel:(?<val__loss>[\d.]+)` : undefined;
      results.set(`${dir} ${format}`, importRuns(files, { project: "real", rootName: dir, format, importers, ...(pattern ? { pattern } : {}) }));
    }
  }

  it("covers the known folders", () => {
    expect(dirs).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
  });

  it("finds the known runs with the matching format and with auto", () => {
    for (const [dir, { format, runs }] of Object.entries(EXPECTED)) {
      expect([dir, results.get(`${dir} ${format}`)!.runs.length]).toEqual([dir, runs]);
      expect([dir, results.get(`${dir} auto`)!.runs.length]).toEqual([dir, runs]);
    }
    // The MLflow sample's TensorBoard artifact is one run when asked for; auto leaves it to MLflow.
    expect(results.get("mlflow tensorboard")!.runs.map((r) => r.slug)).toEqual(["train"]);
    expect(results.get("plain_logs log")!.runs.map((r) => r.slug)).toEqual(PLAIN_LOG_RUNS);
  });

  it("never ends with no run and no reason; every skip and diagnostic names what and where", () => {
    for (const [key, r] of results) {
      if (r.runs.length === 0) expect([key, r.diagnostics.some((d) => d.severity === "error")]).toEqual([key, true]);
      for (const s of r.skipped) {
        expect(s.run && s.what && s.reason, key).toBeTruthy();
        expect(s.count, key).toBeGreaterThan(0);
      }
      for (const d of r.diagnostics) {
        expect(d.file, key).toBeTruthy();
        expect(d.line, key).toBeGreaterThanOrEqual(1);
        expect(d.column, key).toBeGreaterThanOrEqual(1);
        expect(d.code, key).toMatch(/^[A-Z]+\d{3}$/);
      }
    }
  });

  it("writes no run that holds nothing (no config, summary or history)", () => {
    for (const [key, r] of results) {
      for (const run of r.runs) {
        const empty = Object.keys(run.config).length === 0 && Object.keys(run.summary).length === 0 && (run.history?.rows.length ?? 0) === 0;
        expect([key, run.slug, empty]).toEqual([key, run.slug, false]);
      }
    }
  });
}, 120_000);
