import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, mutatedBytes, PROPERTY_TIMEOUT } from "../../../../tests/unit/fuzz/fuzz.ts";
import { lengthField, varint, varintField } from "../../../../tests/unit/protobufWriter.ts";
import { f64Field } from "../../../../tests/unit/fuzz/binaryBuilders.ts";
import { ProtoError, ProtoReader, WIRE_LEN } from "./wire.ts";

/** A flat message of varint, double and length-delimited fields, with what the reader must give back. */
type Field = { no: number; kind: "varint"; value: number } | { no: number; kind: "double"; value: number } | { no: number; kind: "bytes"; value: number[] };
const field: fc.Arbitrary<Field> = fc.oneof(
  fc.record({ no: fc.integer({ min: 1, max: 2 ** 29 - 1 }), kind: fc.constant("varint" as const), value: fc.oneof(fc.nat(), fc.constantFrom(0, 127, 128, 2 ** 32, 2 ** 53 - 1)) }),
  fc.record({ no: fc.integer({ min: 1, max: 1000 }), kind: fc.constant("double" as const), value: fc.double() }),
  fc.record({ no: fc.integer({ min: 1, max: 1000 }), kind: fc.constant("bytes" as const), value: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 20 }) }),
);
const encode = (fs: readonly Field[]): Uint8Array =>
  new Uint8Array(fs.flatMap((f) => (f.kind === "varint" ? varintField(f.no, f.value) : f.kind === "double" ? f64Field(f.no, f.value) : lengthField(f.no, f.value))));

/** Reads every field of a message the generic way (skipping sub-messages), as the decoders do. */
function readAll(r: ProtoReader): void {
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (wire === WIRE_LEN && field % 2 === 0) readAll(r.message());
    else r.skip(wire);
  }
}

describe("ProtoReader on generated input", () => {
  it(
    "reads back every field the test writer wrote",
    () => {
      assertProperty(fc.array(field, { maxLength: 8 }), (fs) => {
        const r = new ProtoReader(encode(fs));
        for (const f of fs) {
          const t = r.tag();
          expect(t.field).toBe(f.no);
          if (f.kind === "varint") expect(r.varint()).toBe(f.value);
          else if (f.kind === "double") expect(Object.is(r.double(), f.value)).toBe(true);
          else expect([...r.bytes()]).toEqual(f.value);
        }
        expect(r.done()).toBe(true);
      });
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "on damaged bytes either reads to the end or throws ProtoError at an offset inside the buffer",
    () => {
      const valid = fc.array(field, { maxLength: 6 }).map(encode);
      assertProperty(fc.oneof(mutatedBytes(valid), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 }).map((b) => new Uint8Array([...varint(2 ** 31), ...b]))), (bytes) => {
        try {
          readAll(new ProtoReader(bytes));
        } catch (e) {
          expect(e).toBeInstanceOf(ProtoError);
          const offset = (e as ProtoError).offset;
          expect(offset >= 0 && offset <= bytes.length, `offset ${offset} of ${bytes.length}`).toBe(true);
        }
      }, 400);
    },
    PROPERTY_TIMEOUT,
  );
});
