/**
 * W&B 2D bounding boxes on images → media.jsonl `boxes`, on small W&B files dirs in the SDK's
 * layout: a history image names one `media/metadata/boxes2D/*.boxes2D.json` per box group
 * (`box_data` + `class_labels`); a table's image cell holds its box lists inline.
 */
import { describe, expect, it } from "vitest";
import { convertBoxes } from "../../src/core/import/wandb/boxes.ts";
import { importWandb } from "../../src/core/import/wandb/index.ts";
import { pngHeader } from "../../src/core/media/testImages.ts";

const enc = new TextEncoder();
const bytes = (s: string): Uint8Array => enc.encode(s);
const H = "0123456789abcdef0123";
const D = "wandb/run-20240101_000000-abc123/files";
const jsonl = (rows: unknown[]): Uint8Array => bytes(rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
const lines = (text: unknown): unknown[] =>
  String(text)
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as unknown);

const predictions = {
  box_data: [
    // Relative to the image (W&B's default domain): 200 × 100 pixels.
    { position: { minX: 0.1, maxX: 0.5, minY: 0.2, maxY: 0.6 }, class_id: 1, box_caption: "cat (0.91)", scores: { score: 0.91, iou: 0.5 } },
    { position: { middle: [150, 50], width: 40, height: 20 }, domain: "pixel", class_id: 2, scores: { conf: 0.4 } },
  ],
  class_labels: { "1": "cat", "2": "dog" },
};

function run(history: unknown[], extra: Record<string, Uint8Array> = {}) {
  const files: Record<string, Uint8Array> = {
    [`${D}/wandb-summary.json`]: bytes('{"_step": 0}'),
    [`${D}/wandb-history.jsonl`]: jsonl(history),
    [`${D}/media/images/val_0_${H}.png`]: pngHeader(200, 100),
    [`${D}/media/metadata/boxes2D/val_0_${H}.boxes2D.json`]: bytes(JSON.stringify(predictions)),
    ...extra,
  };
  return importWandb(Object.entries(files).map(([path, b]) => ({ path, bytes: b })), { project: "p" });
}

const image = (boxes: unknown, size = true) => ({ _type: "image-file", path: `media/images/val_0_${H}.png`, ...(size ? { width: 200, height: 100 } : {}), boxes });
const boxesRef = { predictions: { _type: "boxes2D", path: `media/metadata/boxes2D/val_0_${H}.boxes2D.json`, sha256: "x", size: 10 } };

describe("W&B boxes2D on images", () => {
  it("writes each box in pixels of the image with its class name and score, from the boxes2D file the history names", () => {
    const r = run([{ _step: 0, val: image(boxesRef) }]);
    expect(r.diagnostics).toEqual([]);
    expect(lines(r.runs[0]!.files!["media.jsonl"])).toEqual([
      {
        step: 0,
        key: "val",
        file: "media/val/0_0.png",
        width: 200,
        height: 100,
        boxes: [
          { x: 20, y: 20, w: 80, h: 40, label: "cat", score: 0.91 },
          { x: 130, y: 40, w: 40, h: 20, label: "dog", score: 0.4 },
        ],
      },
    ]);
    // The box file is read, not counted as an unread file under media/.
    expect(r.skipped.map((s) => s.what)).not.toContain("files under media/");
  });

  it("takes the image's size from its header when the value has none, and names groups when there are several", () => {
    const truth = { ground_truth: [{ position: { minX: 0, maxX: 1, minY: 0, maxY: 1 }, class_id: 1 }] };
    const r = run([{ _step: 0, val: image({ ...boxesRef, ...truth }, false) }]);
    const [item] = lines(r.runs[0]!.files!["media.jsonl"]) as { boxes: { label: string; x: number; w: number }[] }[];
    expect(item!.boxes.map((b) => [b.label, b.x, b.w])).toEqual([
      ["predictions: cat", 20, 80],
      ["predictions: dog", 130, 40],
      // No class_labels inline: the class id names it, as W&B's default labels do.
      ["ground_truth: class_1", 0, 200],
    ]);
  });

  it("keeps the image and warns about boxes it cannot place, and about a box file that is not JSON", () => {
    const bad = { predictions: [{ position: { minX: 0.5, maxX: 0.1, minY: 0, maxY: 1 } }, { position: { x: 1 } }, "box", { position: { minX: 1, maxX: 2, minY: 1, maxY: 2 }, domain: "pixel", box_caption: "kept" }] };
    const r = run([{ _step: 0, val: image(bad) }]);
    expect(lines(r.runs[0]!.files!["media.jsonl"])).toMatchObject([{ key: "val", boxes: [{ x: 1, y: 1, w: 1, h: 1, label: "kept" }] }]);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.file, d.line])).toEqual([["IMP051", "warning", `${D}/wandb-history.jsonl`, 1]]);
    expect(r.diagnostics[0]!.message).toBe(
      '3 boxes of the image "val" at step 0 are left out: predictions box 1: its position has a negative size (-0.4 × 1); predictions box 2: its position is neither {minX, maxX, minY, maxY} nor {middle, width, height} with numbers; predictions box 3: not an object',
    );
    const broken = run([{ _step: 0, val: image(boxesRef) }], { [`${D}/media/metadata/boxes2D/val_0_${H}.boxes2D.json`]: bytes('{"box_data": [') });
    expect(broken.runs[0]!.files!["media.jsonl"]).toBeDefined();
    expect(broken.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([["IMP052", "warning", `${D}/media/metadata/boxes2D/val_0_${H}.boxes2D.json`]]);
  });

  it("reads the inline box lists of a table's image cell", () => {
    const cell = { _type: "image-file", path: `media/images/val_0_${H}.png`, width: 200, height: 100, boxes: { predictions: predictions.box_data } };
    const table = bytes(JSON.stringify({ columns: ["id", "image"], data: [[1, cell]] }));
    const r = run([{ _step: 3, preds: { _type: "table-file", path: `media/table/preds_3_${H}.table.json` } }], { [`${D}/media/table/preds_3_${H}.table.json`]: table });
    const media = lines(r.runs[0]!.files!["media.jsonl"]) as { key: string; boxes?: { label?: string }[] }[];
    expect(media.find((m) => m.key === "preds/image")!.boxes!.map((b) => b.label)).toEqual(["cat (0.91)", "class_2"]);
  });

  it("refuses a box file path that leaves the run folder, as it refuses media paths", () => {
    const r = run([{ _step: 0, val: image({ predictions: { _type: "boxes2D", path: "../../../etc/x.json" } }) }]);
    expect(r.runs).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["IMP046"]);
  });
});

describe("convertBoxes(groups, size)", () => {
  it("needs the image's size for relative boxes, not for pixel ones", () => {
    const rel = { position: { minX: 0, maxX: 0.5, minY: 0, maxY: 0.5 } };
    expect(convertBoxes([{ name: "p", boxData: [rel] }], null)).toEqual({ boxes: [], problems: ["p box 1: its position is relative to the image, whose size is not known"] });
    expect(convertBoxes([{ name: "p", boxData: [{ ...rel, domain: "pixel", scores: { a: 1, b: 2 } }] }], null)).toEqual({ boxes: [{ x: 0, y: 0, w: 0.5, h: 0.5 }], problems: [] });
  });
});
