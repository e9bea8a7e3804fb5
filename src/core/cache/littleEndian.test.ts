import { describe, expect, it } from "vitest";
import { float64sOf, int32sOf, littleEndianBytes } from "./littleEndian.ts";

describe("little-endian typed arrays", () => {
  it("writes doubles and 32-bit integers as little-endian bytes and reads them back, aligned or not", () => {
    const doubles = Float64Array.of(1, -0, NaN, Infinity, -1.5e-300);
    const bytes = littleEndianBytes(doubles);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    for (const at of [bytes, shifted.subarray(3)]) {
      const back = float64sOf(at, doubles.length);
      expect(Array.from(new BigUint64Array(back.slice().buffer))).toEqual(Array.from(new BigUint64Array(doubles.slice().buffer)));
    }
    const ints = Int32Array.of(1, -1, 2 ** 31 - 1, -(2 ** 31));
    const intBytes = littleEndianBytes(ints);
    expect(Array.from(intBytes.subarray(0, 8))).toEqual([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
    const odd = new Uint8Array(intBytes.length + 1);
    odd.set(intBytes, 1);
    expect(Array.from(int32sOf(odd.subarray(1), ints.length))).toEqual(Array.from(ints));
    expect(Array.from(int32sOf(intBytes, ints.length))).toEqual(Array.from(ints));
  });
});
