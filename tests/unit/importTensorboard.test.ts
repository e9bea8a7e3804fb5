/**
 * TensorBoard importer: the real event files in ../shared/fixtures/real (tensorboard/ and the TB
 * artifact inside the MLflow sample; read in place, skipped with a message when absent) and
 * synthetic TFRecord files built here (TF2 double tensors, histograms, hparams, corruption).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { maskedCrc32c } from "../../src/core/import/protobuf/crc.ts";
import { importRuns, type ImportFn } from "../../src/core/import/importRuns.ts";
import { detectTensorboard, importTensorboard } from "../../src/core/import/tensorboard/index.ts";
import { lengthField, varint, varintField } from "./protobufWriter.ts";
import { filesUnder } from "./importFilesUnder.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const realDir = path.resolve(repoRoot, "../shared/fixtures/real");
const present = existsSync(path.join(realDir, "tensorboard"));
if (!present) console.warn(`skipping TensorBoard real-fixture tests: ${realDir}/tensorboard not found`);

describe.skipIf(!present)("importTensorboard on real event files", () => {
  const files = present ? filesUnder(path.join(realDir, "tensorboard")) : [];
  const r = present ? importTensorboard(files, { project: "tb" }) : { runs: [], skipped: [], diagnostics: [] };
  const run = (slug: string) => r.runs.find((x) => x.slug === slug)!;
  const counts = (slug: string) => {
    const h = run(slug).history!;
    return Object.fromEntries(h.metrics.map((m) => [m, h.rows.filter((x) => x.values[m] !== null).length]));
  };

  it("finds one run per folder with event files, named by the folder path", () => {
    expect(detectTensorboard(files.map((f) => f.path))).toBe(true);
    expect(r.runs.map((x) => [x.slug, x.name])).toEqual([
      ["ShapeAXI-lightning-lightning_logs-version_0", "ShapeAXI-lightning/lightning_logs/version_0"],
      ["ShapeAXI-lightning-lightning_logs-version_10", "ShapeAXI-lightning/lightning_logs/version_10"],
      ["go-tensorboard-testdata-tfevents", "go-tensorboard/testdata/tfevents"],
      ["wandb-sdk-testassets-tests-assets", "wandb-sdk-testassets/tests/assets"],
    ]);
  });

  it("reads TF1 simple_value scalars (6 tags × 17 steps) and skips the graphs", () => {
    const slug = "wandb-sdk-testassets-tests-assets";
    expect(counts(slug)).toEqual({ batch_loss: 17, batch_acc: 17, epoch_acc: 17, epoch_loss: 17, epoch_val_acc: 17, epoch_val_loss: 17 });
    const h = run(slug).history!;
    expect(h.rows.map((x) => x.step)).toEqual([...Array(17).keys()]);
    expect(h.rows[0]!.values.batch_loss).toBe(Math.fround(3.9135773181915283));
    expect(h.rows[0]!.time).toBe(1585769947.935316);
    expect(r.skipped.find((s) => s.run === slug)).toMatchObject({ what: "graphs", count: 2 });
    expect(run(slug).created).toBe("2020-04-01T19:39:07.000Z");
  });

  it("reads TF2 tensor scalars of the scalars plugin", () => {
    const slug = "go-tensorboard-testdata-tfevents";
    const h = run(slug).history!;
    expect(h.metrics).toEqual(["my_metric"]);
    expect(h.rows).toHaveLength(100);
    expect(h.rows.map((x) => x.step)).toEqual([...Array(100).keys()]);
    expect(h.rows[1]!.values.my_metric).toBe(0.5);
    expect(h.rows[99]!.values.my_metric).toBe(49.5);
  });

  it("turns Lightning hparams plugin data into config and the session end status into the state", () => {
    const v0 = run("ShapeAXI-lightning-lightning_logs-version_0");
    expect(v0.config).toMatchObject({ lr: 0.0001, epochs: 200, batch_size: 3, base_encoder: "resnet18", model: "None" });
    expect(Object.keys(v0.config)).toHaveLength(41);
    expect(v0.state).toBe("finished");
    expect(counts("ShapeAXI-lightning-lightning_logs-version_0")).toEqual({ hp_metric: 1 });
    expect(v0.history!.rows[0]!.values.hp_metric).toBe(-1);
    const skipped = r.skipped.filter((s) => s.run === v0.slug).map((s) => s.what);
    expect(skipped).toEqual(["file hparams.yaml", "hparams experiment definition"]);
  });

  it("reports Git LFS pointer stubs as errors naming the file and imports no run for them", () => {
    const lfs = r.diagnostics.filter((d) => d.code === "TB004");
    expect(lfs).toHaveLength(3);
    for (const d of lfs) {
      expect(d.severity).toBe("error");
      expect(d.file).toContain("whisper-japanese-lfs-pointers/runs/");
      expect(d.message).toContain("Git LFS pointer");
    }
    expect(r.runs.some((x) => x.name.includes("whisper"))).toBe(false);
    expect(r.diagnostics.filter((d) => d.code !== "TB004")).toEqual([]);
  });

  it("reads the Keras TF2 event file inside the MLflow sample (epoch_loss × 10) with its profile-empty sibling", () => {
    const m = importTensorboard(filesUnder(path.join(realDir, "mlflow/swahili-stt-keras-autolog")), { project: "tb" });
    expect(m.diagnostics).toEqual([]);
    expect(m.runs).toHaveLength(1);
    const t = m.runs[0]!;
    expect(t.slug).toBe("train");
    expect(t.sources).toHaveLength(2);
    const h = t.history!;
    expect(h.metrics).toEqual(["epoch_loss"]);
    expect(h.rows.map((x) => x.step)).toEqual([...Array(10).keys()]);
    expect(h.rows[0]!.values.epoch_loss).toBe(Math.fround(332.6841735839844));
    expect(h.rows[9]!.values.epoch_loss).toBe(Math.fround(234.7978057861328));
    expect(m.skipped.map((s) => [s.what, s.count])).toEqual([
      ["Keras model graphs: keras", 1],
      ["event file holding only its file-version header: events.out.tfevents.1628697787.DESKTOP-V1DB051.profile-empty", 1],
      ["graph run metadata: batch_2", 1],
      ["graphs", 1],
    ]);
  });
});

// ---- synthetic event files ----------------------------------------------------------------------

const enc = new TextEncoder();
const len = lengthField;
const f64 = (no: number, x: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [...varint(no * 8 + 1), ...b];
};
const f32 = (no: number, x: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...varint(no * 8 + 5), ...b];
};
const vint = varintField;
const event = (step: number, wall: number, values: number[][]) => [...f64(1, wall), ...vint(2, step), ...len(5, values.flatMap((v) => len(1, v)))];
const scalarsMeta = len(9, len(1, len(1, "scalars")));
const doubleTensor = (tag: string, x: number, meta = true) => {
  const content = new Uint8Array(8);
  new DataView(content.buffer).setFloat64(0, x, true);
  return [...len(1, tag), ...(meta ? scalarsMeta : []), ...len(8, [...vint(1, 2), ...len(2, []), ...len(4, [...content])])];
};
const simple = (tag: string, x: number) => [...len(1, tag), ...f32(2, x)];
const histo = (tag: string) => [...len(1, tag), ...len(5, f64(1, 0))];
const hparamsStart = (hp: Record<string, number | string>) => {
  const value = (v: number | string) => (typeof v === "number" ? f64(2, v) : len(3, v));
  const entries = Object.entries(hp).flatMap(([k, v]) => len(1, [...len(1, k), ...len(2, value(v))]));
  const content = len(3, [...entries, ...len(4, "sweep-1")]);
  return [...len(1, "_hparams_/session_start_info"), ...len(9, len(1, [...len(1, "hparams"), ...len(2, content)]))];
};

function tfrecords(events: number[][]): Uint8Array {
  const out: number[] = [];
  for (const e of events) {
    const data = new Uint8Array(e);
    const header = new Uint8Array(8);
    new DataView(header.buffer).setBigUint64(0, BigInt(data.length), true);
    const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
    out.push(...header, ...u32(maskedCrc32c(header)), ...data, ...u32(maskedCrc32c(data)));
  }
  return new Uint8Array(out);
}

describe("importTensorboard on synthetic event files", () => {
  const events = [
    [...f64(1, 1700000000), ...len(3, "brain.Event:2")],
    event(0, 1700000001, [doubleTensor("loss", 2.5), simple("acc", 0.25), histo("weights")]),
    event(0, 1700000001.5, [hparamsStart({ lr: 0.001, opt: "adam" })]),
    event(1, 1700000002, [doubleTensor("loss", NaN, false)]),
    event(1, 1700000002.5, [simple("acc", 0.5)]),
    event(2, 1700000003, [doubleTensor("loss", 1.25, false), histo("weights")]),
  ];
  const bytes = tfrecords(events);

  it("builds rows by step from TF2 double tensors and TF1 simple values; skips histograms; reads hparams", () => {
    const r = importTensorboard([{ path: "logs/a/events.out.tfevents.1700000000.host", bytes }, { path: "logs/a/notes.txt", bytes: enc.encode("x") }], { project: "p" });
    expect(r.diagnostics).toEqual([]);
    const run = r.runs[0]!;
    expect(run.slug).toBe("a");
    expect(run.config).toEqual({ lr: 0.001, opt: "adam" });
    expect(run.group).toBe("sweep-1");
    expect(run.created).toBe("2023-11-14T22:13:20.000Z");
    expect(run.duration).toBe(3);
    const h = run.history!;
    expect(h.metrics).toEqual(["loss", "acc"]);
    expect(h.rows.map((x) => [x.step, x.time])).toEqual([
      [0, 1700000001],
      [1, 1700000002],
      [2, 1700000003],
    ]);
    expect(h.rows[0]!.values).toEqual({ loss: 2.5, acc: 0.25 });
    expect(h.rows[1]!.values.loss).toBeNaN();
    expect(h.rows[1]!.values.acc).toBe(0.5);
    expect(h.rows[2]!.values).toEqual({ loss: 1.25, acc: null });
    expect(r.skipped).toEqual([{ run: "a", what: "histograms: weights", reason: "it has no bins", count: 2 }]);
  });

  it("reports a bad data checksum at the record's byte offset and imports nothing from that folder", () => {
    const bad = bytes.slice();
    const second = 12 + events[0]!.length + 4;
    bad[second + 20] ^= 0x40;
    const r = importTensorboard([{ path: "run/events.out.tfevents.1", bytes: bad }], { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ file: "run/events.out.tfevents.1", line: 1, column: second + 1, code: "TB001", severity: "error" }]);
    expect(r.diagnostics[0]!.message).toContain(`byte offset ${second}`);
  });

  it("warns about a cut-off last record and keeps the records before it", () => {
    const r = importTensorboard([{ path: "events.out.tfevents.1", bytes: bytes.subarray(0, bytes.length - 3) }], { project: "p" });
    expect(r.runs[0]!.slug).toBe("run");
    expect(r.runs[0]!.history!.rows).toHaveLength(2);
    expect(r.diagnostics).toMatchObject([{ code: "TB002", severity: "warning" }]);
  });
});

describe("importRuns with the TensorBoard importer: header-only files and resumed runs", () => {
  const local = (name: string) => filesUnder(path.join(repoRoot, "tests/fixtures/import", name));
  const importers = { tensorboard: importTensorboard as unknown as ImportFn };

  it("makes no run of a folder whose event file holds only the header, names it, and fails with a reason", () => {
    const r = importRuns(local("tensorboard-header-only"), { project: "tb", importers });
    expect(r.runs).toEqual([]);
    expect(r.skipped).toEqual([
      {
        run: "runs/May01_10-30-00_gpu-node-3",
        what: "event file(s) events.out.tfevents.1714559400.gpu-node-3.81532.0",
        reason: "each holds only the file-version header (a writer opened and closed without logging anything): no run to import",
        count: 1,
      },
    ]);
    expect(r.diagnostics).toMatchObject([{ severity: "error", code: "IMP010", message: expect.stringMatching(/^no tensorboard runs found: looked for TensorBoard event files/) }]);
  });

  it("warns at import when a tag's step goes back (a resume), at the record's byte offset, and keeps every row", () => {
    const r = importRuns(local("tensorboard-resumed"), { project: "tb", importers });
    expect(r.runs).toHaveLength(1);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        file: "runs/exp1/events.out.tfevents.1714580000.gpu-node-3.90211.0",
        line: 1,
        column: 41,
        severity: "warning",
        code: "IMP007",
        message: 'tag "train/loss": step decreases from 500 to 300; rows are kept in file order (record at byte offset 40, column = offset + 1)',
      }),
    ]);
    expect(r.runs[0]!.history!.rows.map((x) => x.step)).toEqual([0, 100, 200, 300, 400, 500, 300, 400, 500, 600, 700]);
    expect(r.skipped).toEqual([]);
  });
});

describe("importTensorboard(files, options): a 0-byte event file", () => {
  it("is listed as empty, not as a file holding a header", () => {
    const r = importTensorboard([{ path: "runs/a/events.out.tfevents.1700000000.host.1.0", bytes: new Uint8Array(0) }], { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.skipped).toMatchObject([{ run: "runs/a", reason: expect.stringMatching(/^each is empty \(0 bytes/) }]);
  });
});

describe("importTensorboard(files, options): Lightning's hparams.yaml without hparams plugin data", () => {
  const bytes = tfrecords([[...f64(1, 1700000000), ...len(3, "brain.Event:2")], event(0, 1700000001, [simple("train_loss", 0.5)])]);

  it("reads hparams.yaml as the config when the event files hold no hyperparameters", () => {
    const r = importTensorboard([
      { path: "lightning_logs/version_0/events.out.tfevents.1700000000.host.1.0", bytes },
      { path: "lightning_logs/version_0/hparams.yaml", bytes: enc.encode("lr: 0.001\nbetas: !!python/tuple\n- 0.9\n- 0.999\nseed: 123456789012345678\n") },
    ], { project: "p" });
    expect(r.diagnostics).toEqual([]);
    expect(r.runs[0]!.config).toEqual({ lr: 0.001, betas: [0.9, 0.999], seed: "123456789012345678" });
    expect(r.runs[0]!.sources).toContain("lightning_logs/version_0/hparams.yaml");
    expect(r.skipped.map((s) => s.what)).not.toContain("file hparams.yaml");
  });

  it("reports a hparams.yaml that is not YAML at its line and column, and writes no run", () => {
    const r = importTensorboard([
      { path: "v/events.out.tfevents.1700000000.host.1.0", bytes },
      { path: "v/hparams.yaml", bytes: enc.encode("lr: 0.001\n  bad: [\n") },
    ], { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ file: "v/hparams.yaml", line: 1, column: 5, severity: "error", code: "IMP002" });
    expect(r.diagnostics.every((d) => d.file === "v/hparams.yaml" && d.code === "IMP002")).toBe(true);
  });
});
