/**
 * TensorBoard images, audio, histograms and text brought into the run folder (issue 16), from
 * event files built here byte by byte in the layouts TF1 (`Image`, `HistogramProto` protos) and
 * TF2 (plugin tensors) write. The shared real event files hold none of these summaries.
 */
import { describe, expect, it } from "vitest";
import { maskedCrc32c } from "../../src/core/import/protobuf/crc.ts";
import { importTensorboard } from "../../src/core/import/tensorboard/index.ts";
import { histogramFromTensor } from "../../src/core/import/tensorboard/summaries.ts";
import { lengthField as len, varint, varintField as vint } from "./protobufWriter.ts";

const f64 = (no: number, x: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [...varint(no * 8 + 1), ...b];
};
const packedDoubles = (no: number, xs: number[]) => {
  const b = new Uint8Array(8 * xs.length);
  xs.forEach((x, i) => new DataView(b.buffer).setFloat64(8 * i, x, true));
  return len(no, [...b]);
};
const event = (step: number, values: number[][]) => [...f64(1, 1700000000 + step), ...vint(2, step), ...len(5, values.flatMap((v) => len(1, v)))];
const plugin = (name: string) => len(9, len(1, len(1, name)));
const shape = (...dims: number[]) => len(2, dims.flatMap((d) => len(2, vint(1, d))));

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7];
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 1, 2];
const WAV = [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45, 1];

const tf1Image = (tag: string, bytes: number[], w: number, h: number) => [...len(1, tag), ...len(4, [...vint(1, h), ...vint(2, w), ...vint(3, 3), ...len(4, bytes)])];
const tf1Histo = (tag: string, min: number, max: number, limits: number[], counts: number[]) => [
  ...len(1, tag),
  ...len(5, [...f64(1, min), ...f64(2, max), ...f64(3, counts.reduce((a, b) => a + b, 0)), ...packedDoubles(6, limits), ...packedDoubles(7, counts)]),
];
const tf2Histo = (tag: string, rows: number[][]) => {
  const content = new Uint8Array(8 * 3 * rows.length);
  rows.flat().forEach((x, i) => new DataView(content.buffer).setFloat64(8 * i, x, true));
  return [...len(1, tag), ...plugin("histograms"), ...len(8, [...vint(1, 2), ...shape(rows.length, 3), ...len(4, [...content])])];
};
const strings = (tag: string, name: string, items: (string | number[])[], dims: number[]) => [
  ...len(1, tag),
  ...plugin(name),
  ...len(8, [...vint(1, 7), ...shape(...dims), ...items.flatMap((s) => len(8, s))]),
];
const tf1Audio = (tag: string, bytes: number[]) => [...len(1, tag), ...len(6, [...f64(1, 16000), ...len(4, bytes), ...len(5, "audio/wav")])];

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

const lines = (t: unknown) =>
  String(t)
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as unknown);

function importEvents(events: number[][]) {
  return importTensorboard([{ path: "logs/a/events.out.tfevents.1700000000.host", bytes: tfrecords([[...f64(1, 1700000000), ...len(3, "brain.Event:2")], ...events]) }], { project: "p" });
}

describe("TensorBoard images, audio, histograms and text", () => {
  const r = importEvents([
    event(0, [tf1Image("input/image/0", PNG, 28, 14), tf1Histo("fc1/weights", -1, 2, [0, 1, Number.MAX_VALUE], [3, 5, 2])]),
    event(1, [strings("samples", "images", ["64", "32", PNG, JPEG], [4]), tf2Histo("fc1/weights", [[-1, 0, 4], [0, 1, 4], [1, 2, 0.5]])]),
    event(2, [strings("notes", "text", ["hello *world*"], []), tf1Audio("speech", WAV), strings("notes", "text", ["a", "b"], [2])]),
  ]);
  const files = r.runs[0]!.files!;

  it("writes TF1 and TF2 images with their step, size and bytes", () => {
    expect(lines(files["media.jsonl"])).toEqual([
      { step: 0, key: "input/image/0", file: "media/input/image/0/0_0.png", width: 28, height: 14 },
      { step: 1, key: "samples", file: "media/samples/1_0.png", width: 64, height: 32 },
      { step: 1, key: "samples", file: "media/samples/1_0.jpg", width: 64, height: 32 },
      { step: 2, key: "speech", file: "media/speech/2_0.wav" },
    ]);
    expect([...(files["media/input/image/0/0_0.png"] as Uint8Array)]).toEqual(PNG);
    expect([...(files["media/samples/1_0.jpg"] as Uint8Array)]).toEqual(JPEG);
    expect([...(files["media/speech/2_0.wav"] as Uint8Array)]).toEqual(WAV);
  });

  it("writes TF1 HistogramProto (min, bucket limits, max) and TF2 [k,3] tensors as edges and counts per step", () => {
    expect(lines(files["histograms/fc1/weights.jsonl"])).toEqual([
      { step: 0, edges: [-1, 0, 1, 2], counts: [3, 5, 2] },
      { step: 1, edges: [-1, 0, 1, 2], counts: [4, 4, 0.5] },
    ]);
  });

  it("writes text summaries as table rows with their step", () => {
    expect(lines(files["tables/notes.jsonl"])).toEqual([
      { step: 2, text: "hello *world*" },
      { step: 2, text: "a" },
      { step: 2, text: "b" },
    ]);
    expect(r.skipped).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });

  it("counts what it cannot bring across, with the reason", () => {
    const bad = importEvents([
      event(0, [tf1Image("x", [1, 2, 3], 1, 1), tf2Histo("h", [[0, 1, 1], [2, 3, 1]]), [...len(1, "pr"), ...plugin("pr_curves"), ...len(8, vint(1, 1))], [...len(1, "loss"), 0x15, 0, 0, 0, 0]]),
    ]);
    expect(bad.skipped.map((s) => [s.what, s.reason])).toEqual([
      ["PR curves: pr", "not imported (scalars, images, audio, histograms and text are)"],
      ["histograms: h", "its buckets are not contiguous"],
      ["images: x", "its encoding is not PNG, JPEG, GIF, WebP, WAV or MP3"],
    ]);
  });

  it("counts a damaged image or histogram message inside a valid event, and keeps the run", () => {
    const r = importEvents([event(0, [[...len(1, "img"), ...len(4, [0x0a, 0x05, 1])], [...len(1, "h"), ...len(5, [0x09, 1, 2])], [...len(1, "loss"), 0x15, 0, 0, 0, 0]])]);
    expect(r.runs).toHaveLength(1);
    expect(r.skipped.map((s) => s.what)).toEqual(["histograms: h", "images: img"]);
    expect(r.skipped.every((s) => s.reason.startsWith("its ") && s.reason.includes("message is not valid protobuf"))).toBe(true);
  });

  it("gives a one-value TF2 histogram (left = right) a bin of width 1 around the value", () => {
    expect(histogramFromTensor([3, 3, 10])).toEqual({ edges: [2.5, 3.5], counts: [10] });
  });
});
