/**
 * W&B media, tables, histograms and system metrics brought into the run folder (issue 16), on
 * small W&B files dirs written here in the layout the SDK uses (media/images/<key>_<step>_<hash>.png,
 * `_type` values in wandb-history.jsonl and wandb-summary.json, wandb-events.jsonl).
 */
import { describe, expect, it } from "vitest";
import { importWandb } from "../../src/core/import/wandb/index.ts";

const enc = new TextEncoder();
const bytes = (s: string): Uint8Array => enc.encode(s);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 255]);
const PNG2 = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const H = "0123456789abcdef0123";

const jsonl = (rows: unknown[]): Uint8Array => bytes(rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
const lines = (text: unknown): unknown[] =>
  String(text)
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l.replace(/\bNaN\b/g, '"NaN"')) as unknown);

function runDir(extra: Record<string, Uint8Array> = {}, history?: unknown[]) {
  const d = "wandb/run-20240101_000000-abc123/files";
  const files: Record<string, Uint8Array> = {
    [`${d}/wandb-summary.json`]: bytes(JSON.stringify({ loss: 0.5, _step: 2, weights: { _type: "histogram", bins: [0, 1, 2], values: [4, 6] } })),
    [`${d}/wandb-history.jsonl`]: jsonl(
      history ?? [
        { loss: 1, _step: 0, _timestamp: 1700000000, samples: { _type: "image-file", path: `media/images/samples_0_${H}.png`, width: 4, height: 3, caption: "cat" } },
        {
          loss: 0.7,
          _step: 1,
          _timestamp: 1700000010,
          grid: { _type: "images/separated", width: 4, height: 3, format: "png", count: 2, filenames: [`media/images/grid_1_${H}.png`, `media/images/grid_1_${H.replace("0", "f")}.png`], captions: ["a", "b"] },
          weights: { _type: "histogram", packedBins: { min: -1, size: 0.5, count: 4 }, values: [1, 2, 3, 4] },
          preds: { _type: "table-file", path: `media/table/preds_1_${H}.table.json`, ncols: 3, nrows: 2 },
          page: { _type: "html-file", path: `media/html/page_1_${H}.html` },
        },
        { loss: 0.5, _step: 2, _timestamp: 1700000020, weights: { _type: "histogram", bins: [0, 1, 2], values: [4, 6] } },
      ],
    ),
    [`${d}/media/images/samples_0_${H}.png`]: PNG,
    [`${d}/media/images/grid_1_${H}.png`]: PNG,
    [`${d}/media/images/grid_1_${H.replace("0", "f")}.png`]: PNG2,
    [`${d}/media/images/val/late_7_${H}.png`]: PNG2,
    [`${d}/media/html/page_1_${H}.html`]: bytes("<p>hi</p>"),
    [`${d}/media/table/preds_1_${H}.table.json`]: bytes(
      '{"columns": ["id", "image", "score"], "data": [[1, {"_type": "image-file", "path": "media/images/samples_0_' + H + '.png"}, 0.9], [2, null, NaN]]}',
    ),
    [`${d}/wandb-events.jsonl`]: bytes(
      '{"system.gpu.0.gpu": 97, "system.gpu.0.memoryAllocated": 82.3, "system.gpu.0.temp": 71, "system.gpu.0.powerWatts": 251.4, "system.cpu": 35.5, "system.memory": 41.2, "system.network.sent": 2097152, "_wandb": true, "_timestamp": 1700000030, "_runtime": 30}\n' +
        '{"system.cpu": 20, "_timestamp": 1700000001}\n{"system.cpu": 1',
    ),
    ...extra,
  };
  return Object.entries(files).map(([path, b]) => ({ path, bytes: b }));
}

describe("W&B media, tables, histograms and system metrics", () => {
  it("writes media files with their step, key, caption and size, and media.jsonl in log order", () => {
    const r = importWandb(runDir(), { project: "p" });
    const files = r.runs[0]!.files!;
    expect(lines(files["media.jsonl"])).toEqual([
      { step: 0, key: "samples", file: "media/samples/0_0.png", caption: "cat", width: 4, height: 3 },
      { step: 1, key: "grid", file: "media/grid/1_0.png", caption: "a", width: 4, height: 3 },
      { step: 1, key: "grid", file: "media/grid/1_1.png", caption: "b", width: 4, height: 3 },
      // Nothing references it: key (with its folder) and step come from W&B's file name.
      { step: 7, key: "val/late", file: "media/val/late/7_0.png" },
    ]);
    expect(files["media/samples/0_0.png"]).toEqual(PNG);
    expect(files["media/grid/1_1.png"]).toEqual(PNG2);
    expect(files["media/val/late/7_0.png"]).toEqual(PNG2);
  });

  it("turns a table file into rows with the step of its history row, media cells pointing at the copied image", () => {
    const files = importWandb(runDir(), { project: "p" }).runs[0]!.files!;
    expect(files["tables/preds.jsonl"]).toBe('{"step":1,"id":1,"image":{"media":"media/samples/0_0.png"},"score":0.9}\n{"step":1,"id":2,"image":null,"score":NaN}\n');
  });

  it("writes histograms from bins and from packedBins, one line per step; the summary's copy is not repeated", () => {
    const files = importWandb(runDir(), { project: "p" }).runs[0]!.files!;
    expect(lines(files["histograms/weights.jsonl"])).toEqual([
      { step: 1, edges: [-1, -0.5, 0, 0.5, 1], counts: [1, 2, 3, 4] },
      { step: 2, edges: [0, 1, 2], counts: [4, 6] },
    ]);
  });

  it("writes system.jsonl in the run format's vocabulary, sorted by time; a cut-off line is a warning", () => {
    const r = importWandb(runDir(), { project: "p" });
    expect(lines(r.runs[0]!.files!["system.jsonl"])).toEqual([
      { time: 1700000001, "cpu.percent": 20 },
      { time: 1700000030, "cpu.percent": 35.5, "gpu.0.memory_percent": 82.3, "gpu.0.power_w": 251.4, "gpu.0.temperature_c": 71, "gpu.0.utilization": 97, "memory.percent": 41.2, "network.sent_mb": 2 },
    ]);
    expect(r.diagnostics).toMatchObject([{ code: "IMP048", severity: "warning", file: "wandb/run-20240101_000000-abc123/files/wandb-events.jsonl", line: 3, column: 16 }]);
  });

  it("counts what it cannot bring across: HTML media, missing files", () => {
    const r = importWandb(runDir({}, [{ _step: 0, page: { _type: "html-file", path: "media/html/x.html" }, gone: { _type: "image-file", path: "media/images/gone.png" } }]), { project: "p" });
    const skipped = Object.fromEntries(r.skipped.map((s) => [s.what, s.count]));
    expect(skipped["html-file values: page"]).toBe(1);
    expect(skipped["files under media/"]).toBe(1);
    expect(skipped["image-file values whose file is not in the export: gone"]).toBe(1);
  });

  it("refuses a media path that leaves the run folder, at its line and column, and imports nothing of that run", () => {
    const hostile = [{ _step: 0, loss: 1 }, { _step: 1, img: { _type: "image-file", path: "../../x.png" } }];
    const r = importWandb(runDir({ "wandb/x.png": PNG }, hostile), { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "IMP046", severity: "error", file: "wandb/run-20240101_000000-abc123/files/wandb-history.jsonl", line: 2, column: 47 });
    expect(r.diagnostics[0]!.message).toContain('"../../x.png"');
    for (const path of ["/etc/passwd.png", "C:/x.png", "media\\..\\..\\x.png"]) {
      const d = importWandb(runDir({}, [{ _step: 0, img: { _type: "image-file", path } }]), { project: "p" }).diagnostics;
      expect(d.map((x) => x.code)).toEqual(["IMP046"]);
    }
  });

  it("refuses a hostile path in the summary and in a table's image cell, each at its own position", () => {
    const d = "wandb/run-20240101_000000-abc123/files";
    const summary = { [`${d}/wandb-summary.json`]: bytes('{\n  "_step": 1,\n  "img": {"_type": "image-file", "path": "/etc/x.png"}\n}') };
    const s = importWandb(runDir(summary, [{ _step: 0, loss: 1 }]), { project: "p" });
    expect(s.runs).toEqual([]);
    expect(s.diagnostics).toMatchObject([{ code: "IMP046", file: `${d}/wandb-summary.json`, line: 3, column: 42 }]);
    const cell = { [`${d}/media/table/preds_1_${H}.table.json`]: bytes('{"columns": ["img"],\n "data": [[{"_type": "image-file", "path": "../../../x.png"}]]}') };
    const t = importWandb(runDir(cell), { project: "p" });
    expect(t.runs).toEqual([]);
    expect(t.diagnostics).toMatchObject([{ code: "IMP046", file: `${d}/media/table/preds_1_${H}.table.json`, line: 2, column: 44 }]);
  });

  it("reports a malformed table file at the offending row", () => {
    const bad = { "wandb/run-20240101_000000-abc123/files/media/table/preds_1_0123456789abcdef0123.table.json": bytes('{"columns": ["a", "b"],\n "data": [[1, 2], [3]]}') };
    const r = importWandb(runDir(bad), { project: "p" });
    expect(r.runs).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ code: "IMP047", line: 2, column: 19 }]);
    expect(r.diagnostics[0]!.message).toBe("expected a row of 2 cell(s), found a row of 1");
  });

  it("turns the tables behind W&B's confusion-matrix and ROC presets into plots, per step and per class", () => {
    const d = "wandb/run-20240101_000000-abc123/files";
    const table = (cols: string[], rows: unknown[][]) => bytes(JSON.stringify({ columns: cols, data: rows }));
    const ref = (name: string, step: number) => ({ _type: "table-file", path: `media/table/${name}_${step}_${H}.table.json` });
    const extra = {
      [`${d}/media/table/conf_mat_table_1_${H}.table.json`]: table(["Actual", "Predicted", "nPredictions"], [["cat", "cat", 5], ["cat", "dog", 1], ["dog", "dog", 4], ["dog", "cat", 0]]),
      [`${d}/media/table/conf_mat_table_2_${H}.table.json`]: table(["Actual", "Predicted", "nPredictions"], [["cat", "cat", 6], ["dog", "dog", 4]]),
      [`${d}/media/table/roc_table_2_${H}.table.json`]: table(["class", "fpr", "tpr"], [["cat", 0, 0], ["cat", 1, 1], ["dog", 0, 0.5], ["dog", 1, 1]]),
    };
    const history = [
      { _step: 1, conf_mat_table: ref("conf_mat_table", 1) },
      { _step: 2, conf_mat_table: ref("conf_mat_table", 2), roc_table: ref("roc_table", 2) },
    ];
    const files = importWandb(runDir(extra, history), { project: "p" }).runs[0]!.files!;
    expect(JSON.parse(files["plots/conf_mat.json"] as string)).toEqual([
      { type: "confusion", labels: ["cat", "dog"], matrix: [[5, 1], [0, 4]], step: 1 },
      { type: "confusion", labels: ["cat", "dog"], matrix: [[6, 0], [0, 4]], step: 2 },
    ]);
    expect(JSON.parse(files["plots/roc-dog.json"] as string)).toEqual({ type: "roc", points: { x: [0, 1], y: [0.5, 1] }, step: 2 });
    expect(files["plots/roc-cat.json"]).toBeDefined();
    expect(String(files["tables/conf_mat_table.jsonl"]).split("\n")[0]).toBe('{"step":1,"Actual":"cat","Predicted":"cat","nPredictions":5}');
  });

  it("gives the same bytes for the same input", () => {
    const a = importWandb(runDir(), { project: "p" }).runs[0]!.files!;
    const b = importWandb(runDir(), { project: "p" }).runs[0]!.files!;
    expect(b).toEqual(a);
  });
});
