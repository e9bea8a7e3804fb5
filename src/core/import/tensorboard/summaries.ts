/**
 * TensorBoard summaries that are not scalars, brought into the run folder: images (TF1 `Image`
 * protos and the TF2 `images` plugin's string tensors `[width, height, png…]`) and audio (TF1
 * `Audio`, TF2 `audio` plugin `[k, 2]` strings) → media; histograms (TF1 `HistogramProto`
 * bucket_limit + bucket, TF2 `histograms` plugin `[k, 3]` left/right/count tensors) →
 * histograms/; text (`text` plugin string tensors) → tables/<tag>.jsonl rows `{step, text}`.
 * Field numbers (summary.proto): Image height 1, width 2, colorspace 3, encoded_image_string 4;
 * HistogramProto min 1, max 2, num 3, sum 4, sum_squares 5, bucket_limit 6, bucket 7;
 * Audio sample_rate 1, num_channels 2, length_frames 3, encoded_audio_string 4, content_type 5.
 */
import { ProtoError, ProtoReader, WIRE_LEN, WIRE_VARINT, WIRE_I64 } from "../protobuf/wire.ts";
import { histogramProblem, RunFilesBuilder, type RunFileContent } from "../runFiles.ts";
import { numbersFromTensor, type SummaryValue } from "./events.ts";

const DT_STRING = 7;
/** `take`'s answer for values of other plugins (graphs, PR curves, meshes…), counted by the caller. */
export const NOT_READ = "not a summary this importer reads";
const decoder = new TextDecoder("utf-8");

/** The media extension of encoded bytes, from their first bytes (TensorBoard stores no file name). */
export function sniffExtension(b: Uint8Array): string | null {
  const starts = (...sig: number[]): boolean => sig.every((x, i) => b[i] === x);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "png";
  if (starts(0xff, 0xd8, 0xff)) return "jpg";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "gif";
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return "webp";
  if (starts(0x52, 0x49, 0x46, 0x46) && b[8] === 0x57 && b[9] === 0x41 && b[10] === 0x56 && b[11] === 0x45) return "wav";
  if (starts(0x49, 0x44, 0x33) || starts(0xff, 0xfb)) return "mp3";
  return null;
}

/** Edges and counts from TF1's HistogramProto: bucket i spans bucket_limit[i-1] (min for i = 0) to bucket_limit[i] (max for the last). */
export function histogramFromProto(raw: Uint8Array): { edges: number[]; counts: number[] } {
  const r = new ProtoReader(raw);
  let min = NaN;
  let max = NaN;
  const limits: number[] = [];
  const counts: number[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_I64) min = r.double();
    else if (field === 2 && wire === WIRE_I64) max = r.double();
    else if (field === 6) r.repeated(wire, (x) => x.double(), limits);
    else if (field === 7) r.repeated(wire, (x) => x.double(), counts);
    else r.skip(wire);
  }
  if (limits.length !== counts.length || counts.length === 0) return { edges: limits, counts };
  return { edges: [min, ...limits.slice(0, -1), max], counts };
}

/** Edges and counts from a `[k, 3]` tensor of (left, right, count) rows. A single empty-width bucket gets width 1 around its value. */
export function histogramFromTensor(values: readonly number[]): { edges: number[]; counts: number[] } | string {
  const k = values.length / 3;
  if (k === 0) return "it has no bins";
  const lefts: number[] = [];
  const rights: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < k; i++) {
    lefts.push(values[3 * i]!);
    rights.push(values[3 * i + 1]!);
    counts.push(values[3 * i + 2]!);
  }
  if (k === 1 && lefts[0] === rights[0]) return { edges: [lefts[0]! - 0.5, rights[0]! + 0.5], counts };
  for (let i = 1; i < k; i++) if (lefts[i] !== rights[i - 1]) return "its buckets are not contiguous";
  return { edges: [lefts[0]!, ...rights], counts };
}

interface ImageProto {
  width: number;
  height: number;
  encoded: Uint8Array | null;
}

function decodeEncoded(raw: Uint8Array): ImageProto {
  const r = new ProtoReader(raw);
  const out: ImageProto = { width: 0, height: 0, encoded: null };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_VARINT) out.height = r.varint();
    else if (field === 2 && wire === WIRE_VARINT) out.width = r.varint();
    else if (field === 4 && wire === WIRE_LEN) out.encoded = r.bytes();
    else r.skip(wire);
  }
  return out;
}

/** Collects one run's non-scalar summaries; `take` returns a skip reason when a value cannot be brought across, null when it was. */
export class SummaryFiles {
  private readonly out = new RunFilesBuilder();

  take(v: SummaryValue, step: number, plugin: string | null): string | null {
    try {
      return this.read(v, step, plugin);
    } catch (e) {
      // The Image/Histogram/Audio message nested in a well-formed event may itself be damaged.
      if (e instanceof ProtoError) return `its ${v.kind} message is not valid protobuf (${e.message})`;
      throw e;
    }
  }

  private read(v: SummaryValue, step: number, plugin: string | null): string | null {
    if (v.kind === "image" || v.kind === "audio") {
      const p = decodeEncoded(v.raw!);
      if (!p.encoded) return "it holds no encoded data";
      return this.media(v.tag, step, p.encoded, v.kind === "image" ? p.width : 0, v.kind === "image" ? p.height : 0);
    }
    if (v.kind === "histogram") {
      if (!v.raw) return "the obsolete histogram form is not read";
      const h = histogramFromProto(v.raw);
      return this.histogram(v.tag, step, h.edges, h.counts);
    }
    const t = v.tensor;
    if (v.kind !== "tensor" || !t) return NOT_READ;
    if (plugin === "histograms" || plugin === "distributions") {
      const values = numbersFromTensor(t);
      if (!values || t.dims.length !== 2 || t.dims[1] !== 3) return "a histogram tensor is a [k, 3] float tensor";
      if (values.length === 0) return "it is empty (no values were logged at that step)";
      const h = histogramFromTensor(values);
      return typeof h === "string" ? h : this.histogram(v.tag, step, h.edges, h.counts);
    }
    if (plugin !== "images" && plugin !== "audio" && plugin !== "text") return NOT_READ;
    if (t.dtype !== DT_STRING) return `a ${plugin} tensor holds strings`;
    if (plugin === "images") {
      // [width, height, image…] (several images per step when a batch was logged).
      const [w, h, ...images] = t.stringVal;
      const width = Number(decoder.decode(w));
      const height = Number(decoder.decode(h));
      if (images.length === 0) return "it holds no encoded image";
      for (const img of images) {
        const reason = this.media(v.tag, step, img, width, height);
        if (reason) return reason;
      }
      return null;
    }
    if (plugin === "audio") {
      // [k, 2]: (encoded audio, label) pairs.
      for (let i = 0; i < t.stringVal.length; i += 2) {
        const label = t.stringVal[i + 1] ? decoder.decode(t.stringVal[i + 1]) : "";
        const reason = this.media(v.tag, step, t.stringVal[i]!, 0, 0, label);
        if (reason) return reason;
      }
      return null;
    }
    if (t.stringVal.length === 0) return "it holds no text";
    this.out.addTableRows(v.tag, t.stringVal.map((s) => ({ step, text: decoder.decode(s) })));
    return null;
  }

  private media(tag: string, step: number, bytes: Uint8Array, width: number, height: number, caption = ""): string | null {
    const ext = sniffExtension(bytes);
    if (!ext) return "its encoding is not PNG, JPEG, GIF, WebP, WAV or MP3";
    this.out.addMedia(tag, step, ext, bytes.slice(), { ...(width > 0 ? { width } : {}), ...(height > 0 ? { height } : {}), ...(caption ? { caption } : {}) });
    return null;
  }

  private histogram(tag: string, step: number, edges: number[], counts: number[]): string | null {
    const problem = histogramProblem(edges, counts);
    if (problem) return problem;
    return this.out.addHistogram(tag, step, edges, counts) ? null : "a second histogram at the same step (the first is kept)";
  }

  files(): Record<string, RunFileContent> | null {
    return this.out.isEmpty() ? null : this.out.files();
  }
}
