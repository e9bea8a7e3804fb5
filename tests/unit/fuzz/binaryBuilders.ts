/** Builders of valid binary inputs (protobuf messages, TFRecord and .wandb framing) for the property tests. */
import fc from "fast-check";
import { crc32, maskedCrc32c } from "../../../src/core/import/protobuf/crc.ts";
import { BLOCK_LEN } from "../../../src/core/import/wandb/leveldbLog.ts";
import { lengthField, varint, varintField } from "../protobufWriter.ts";
import { oddName, oddNumber } from "./fuzz.ts";

export function f64Field(no: number, x: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, x, true);
  return [...varint(no * 8 + 1), ...b];
}

export function f32Field(no: number, x: number): number[] {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, x, true);
  return [...varint(no * 8 + 5), ...b];
}

const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];

/** TFRecord framing with correct checksums. */
export function tfrecords(records: readonly Uint8Array[]): Uint8Array {
  const out: number[] = [];
  for (const data of records) {
    const header = new Uint8Array(8);
    new DataView(header.buffer).setBigUint64(0, BigInt(data.length), true);
    out.push(...header, ...u32(maskedCrc32c(header)), ...data, ...u32(maskedCrc32c(data)));
  }
  return new Uint8Array(out);
}

/** `.wandb` framing (FULL, or FIRST/MIDDLE/LAST across 32 KiB blocks) with W&B's checksums. */
export function wandbLog(records: readonly Uint8Array[]): Uint8Array {
  const out: number[] = [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00];
  const put = (data: Uint8Array, type: number): void => {
    const c = crc32(data, crc32(Uint8Array.of(type)));
    out.push(...u32(c), data.length & 0xff, data.length >> 8, type);
    for (const b of data) out.push(b);
  };
  for (const rec of records) {
    let left = BLOCK_LEN - (out.length % BLOCK_LEN);
    if (left < 7) {
      for (let i = 0; i < left; i++) out.push(0);
      left = BLOCK_LEN;
    }
    if (rec.length + 7 <= left) {
      put(rec, 1);
      continue;
    }
    let used = left - 7;
    put(rec.subarray(0, used), 2);
    while (rec.length - used > BLOCK_LEN - 7) {
      put(rec.subarray(used, used + BLOCK_LEN - 7), 3);
      used += BLOCK_LEN - 7;
    }
    put(rec.subarray(used), 4);
  }
  return new Uint8Array(out);
}

const tag = fc.oneof(fc.constantFrom("loss", "val/loss", "acc", "_hparams_/session_start_info", "_hparams_/session_end_info", "_hparams_/experiment"), oddName);

/** TensorBoard `Event` messages: file version, scalars (TF1 simple values, TF2 tensors), histograms, hparams, odd fields. */
export const tbEvent: fc.Arbitrary<number[]> = fc.oneof(
  fc.constant([...f64Field(1, 1700000000), ...lengthField(3, "brain.Event:2")]),
  fc
    .record({
      wall: oddNumber,
      step: fc.oneof(fc.nat(1000), fc.constantFrom(-1, 2 ** 53, 2 ** 63)),
      values: fc.array(
        fc.oneof(
          fc.tuple(tag, oddNumber).map(([t, x]) => [...lengthField(1, t), ...f32Field(2, x)]),
          fc.tuple(tag, oddNumber, fc.constantFrom(1, 2, 19, 99), fc.boolean()).map(([t, x, dtype, meta]) => {
            const content = new Uint8Array(8);
            new DataView(content.buffer).setFloat64(0, x, true);
            const tensor = [...varintField(1, dtype), ...lengthField(2, []), ...lengthField(4, [...content])];
            return [...lengthField(1, t), ...(meta ? lengthField(9, lengthField(1, lengthField(1, "scalars"))) : []), ...lengthField(8, tensor)];
          }),
          tag.map((t) => [...lengthField(1, t), ...lengthField(5, f64Field(1, 0))]),
          fc.dictionary(oddName, fc.oneof(oddNumber, fc.string({ maxLength: 5 }), fc.boolean()), { maxKeys: 3 }).map((hp) => {
            const value = (v: number | string | boolean): number[] => (typeof v === "number" ? f64Field(2, v) : typeof v === "string" ? lengthField(3, v) : varintField(4, v ? 1 : 0));
            const content = lengthField(3, [...Object.entries(hp).flatMap(([k, v]) => lengthField(1, [...lengthField(1, k), ...lengthField(2, value(v))])), ...lengthField(4, "g")]);
            return [...lengthField(1, "_hparams_/session_start_info"), ...lengthField(9, lengthField(1, [...lengthField(1, "hparams"), ...lengthField(2, content)]))];
          }),
        ),
        { maxLength: 3 },
      ),
    })
    .map(({ wall, step, values }) => [...f64Field(1, wall), ...varintField(2, step), ...lengthField(5, values.flatMap((v) => lengthField(1, v)))]),
  fc.tuple(fc.integer({ min: 1, max: 30 }), fc.uint8Array({ maxLength: 8 })).map(([field, b]) => lengthField(field, b)),
).map((e) => [...e]);

/** Deeper than any recursive walk of a value can go on a default stack. */
const DEEP_JSON = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
const jsonText = fc.oneof(
  { weight: 40, arbitrary: fc.oneof(oddNumber.map(String), fc.constantFrom("NaN", "Infinity", "-Infinity", "null", '"text"', '{"_type": "image-file", "path": "x.png"}', '{"a": {"b": 2}}', "[1, 2]", "{", "")) },
  { weight: 1, arbitrary: fc.constant(DEEP_JSON) },
);
const item = fc.oneof(
  fc.tuple(fc.oneof(fc.constantFrom("loss", "_step", "_timestamp", "_runtime", "acc"), oddName), jsonText).map(([k, v]) => lengthField(1, [...lengthField(1, k), ...lengthField(16, v)])),
  fc.tuple(fc.array(oddName, { minLength: 1, maxLength: 3 }), jsonText).map(([ks, v]) => lengthField(1, [...ks.flatMap((k) => lengthField(2, k)), ...lengthField(16, v)])),
);

/** W&B `Record` messages: run, history, summary, config, output, exit, and others. */
export const wandbRecord: fc.Arbitrary<number[]> = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }), oddNumber)
    .map(([id, name, tags, start]) => lengthField(17, [...lengthField(1, id), ...lengthField(3, "proj"), ...lengthField(8, name), ...lengthField(6, "grp"), ...tags.flatMap((t) => lengthField(10, t)), ...lengthField(12, varintField(1, Math.abs(Math.trunc(start)) % 2 ** 40))])),
  fc.tuple(fc.array(item, { maxLength: 4 }), fc.option(fc.integer({ min: -5, max: 1000 }))).map(([items, step]) => lengthField(2, [...items.flat(), ...(step === null ? [] : lengthField(2, varintField(1, step)))])),
  fc.array(item, { maxLength: 3 }).map((items) => lengthField(3, items.flat())),
  fc.array(item, { maxLength: 3 }).map((items) => lengthField(5, items.flat())),
  fc.string({ maxLength: 20 }).map((line) => lengthField(4, [...varintField(1, 0), ...lengthField(3, line)])),
  fc.integer({ min: -3, max: 300 }).map((code) => lengthField(18, varintField(1, code))),
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.uint8Array({ maxLength: 8 })).map(([field, b]) => lengthField(field, b)),
);
