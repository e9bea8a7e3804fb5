/**
 * MLflow image artifacts and `log_table` JSON brought into the run folder (issue 16), on a small
 * file store written here in MLflow's layout (the shared real stores hold no images or tables:
 * their artifacts are models and TensorBoard logs, still counted as skipped).
 */
import { describe, expect, it } from "vitest";
import { importMlflow } from "../../src/core/import/mlflow.ts";
import { importRuns } from "../../src/core/import/importRuns.ts";
import type { ImportFile } from "../../src/core/import/importFile.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]);
const PNG2 = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 2]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]);
const U = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";

function store(artifacts: ImportFile[]): ImportFile[] {
  return [
    { path: "7/meta.yaml", text: "experiment_id: '7'\nname: exp\n" },
    { path: "7/r1/meta.yaml", text: "artifact_uri: x\nexperiment_id: '7'\nlifecycle_stage: active\nrun_id: r1\nstart_time: 1000\nend_time: 3000\nstatus: 3\n" },
    { path: "7/r1/metrics/loss", text: "1000 0.5 0\n2000 0.4 5\n" },
    ...artifacts.map((a) => ({ ...a, path: `7/r1/artifacts/${a.path}` })),
  ];
}

const lines = (t: unknown) =>
  String(t)
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as unknown);

describe("MLflow images and tables", () => {
  it("reads log_image's step-keyed files (both separators), skips the compressed copies, and places other images at the last step", () => {
    const r = importMlflow(
      store([
        { path: `images/val#samples%step%3%timestamp%1700000000000%${U}.png`, bytes: PNG },
        { path: `images/val#samples%step%3%timestamp%1700000000000%${U}%compressed.webp`, bytes: WEBP },
        { path: `images/val#samples+step+4+timestamp+1700000001000+${U}.png`, bytes: PNG2 },
        { path: "plots/confusion.png", bytes: PNG },
        { path: "model/MLmodel", text: "flavors: {}\n" },
        { path: "model/input_example.json", text: '{"columns": ["x"], "data": [[1]]}' },
      ]),
      { project: "p" },
    );
    const files = r.runs[0]!.files!;
    expect(lines(files["media.jsonl"])).toEqual([
      { step: 3, key: "val/samples", file: "media/val/samples/3_0.png" },
      { step: 4, key: "val/samples", file: "media/val/samples/4_0.png" },
      { step: 5, key: "plots/confusion", file: "media/plots/confusion/5_0.png" },
    ]);
    expect(files["media/val/samples/4_0.png"]).toEqual(PNG2);
    expect(Object.keys(files).some((k) => k.startsWith("tables/"))).toBe(false);
    const skipped = Object.fromEntries(r.skipped.map((s) => [s.what, s.count]));
    expect(skipped["compressed image artifact"]).toBe(1);
    expect(skipped.artifact).toBe(2);
  });

  it("turns log_table JSON into table rows (NaN kept), and leaves other JSON artifacts counted", () => {
    const r = importMlflow(
      store([
        { path: "eval/predictions.json", text: '{"columns": ["id", "label", "score", "meta"], "data": [[1, "cat", 0.9, {"a": 1}], [2, "dog", NaN, null]]}' },
        { path: "config.json", text: '{"lr": 0.1}' },
      ]),
      { project: "p" },
    );
    expect(r.runs[0]!.files!["tables/eval_predictions.jsonl"]).toBe('{"id":1,"label":"cat","score":0.9,"meta":"{\\"a\\":1}"}\n{"id":2,"label":"dog","score":NaN,"meta":null}\n');
    expect(r.skipped).toContainEqual(expect.objectContaining({ what: "artifact", count: 1 }));
    expect(r.diagnostics).toEqual([]);
  });
});

describe("MLflow tracking server layout (mlruns/ beside mlartifacts/)", () => {
  it("reads a run's artifacts from mlartifacts/<experiment>/<run>/artifacts/ and counts those of runs not in the store", () => {
    const files: ImportFile[] = [
      { path: "mlruns/7/meta.yaml", text: "experiment_id: '7'\nname: exp\n" },
      { path: "mlruns/7/r1/meta.yaml", text: "artifact_uri: mlflow-artifacts:/7/r1/artifacts\nexperiment_id: '7'\nrun_id: r1\nstatus: 3\n" },
      { path: "mlruns/7/r1/metrics/loss", text: "1000 0.5 0\n2000 0.4 5\n" },
      { path: "mlartifacts/7/r1/artifacts/plots/confusion.png", bytes: PNG },
      { path: "mlartifacts/7/r1/artifacts/model/MLmodel", text: "flavors: {}\n" },
      { path: "mlartifacts/7/gone/artifacts/x.png", bytes: PNG2 },
    ];
    const result = importRuns(files, { project: "p", format: "auto" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs.map((r) => r.slug)).toEqual(["r1"]);
    const run = result.runs[0]!;
    expect(Object.keys(run.files ?? {}).sort()).toEqual(["media.jsonl", "media/plots/confusion/5_0.png"]);
    expect(result.skipped).toEqual(expect.arrayContaining([
      { run: "r1", what: "artifact", reason: expect.any(String), count: 1 },
      { run: "mlartifacts", what: "artifact of a run that is not in the store", reason: expect.any(String), count: 1 },
    ]));
  });
});
