import { describe, expect, it } from "vitest";
import { decodeJsonWithTexts, encodeJsonWithTexts } from "./jsonWithTexts.ts";

const joined = (pieces: Uint8Array[]) => Buffer.concat(pieces);

describe("JSON with its long strings out of line", () => {
  it("gives back the value it stored: long strings (non-ASCII too) out of line, short ones in the JSON", () => {
    const svg = `<svg>${"é—🚀".repeat(600)}</svg>`;
    const value = [{ group: "loss", metrics: 2, html: svg }, { group: "acc", metrics: 1, html: "<p>short</p>", nested: { more: [svg + "x", null, 3] } }];
    const pieces = encodeJsonWithTexts(value);
    const meta = Buffer.from(pieces[1]!).toString("utf8");
    expect(meta).not.toContain("🚀");
    expect(meta).toContain("<p>short</p>");
    expect(pieces).toHaveLength(4); // length, meta, two texts
    expect(decodeJsonWithTexts(joined(pieces))).toEqual(value);
    expect(decodeJsonWithTexts(joined(encodeJsonWithTexts([])))).toEqual([]);
  });

  it("reads a payload it did not write as nothing: short, a bad length, bad JSON, a place outside the texts", () => {
    const good = joined(encodeJsonWithTexts({ html: "y".repeat(2000) }));
    expect(decodeJsonWithTexts(good.subarray(0, 3))).toBeNull();
    expect(decodeJsonWithTexts(good.subarray(0, good.length - 1))).toBeNull(); // the text ends past the payload
    const meta = (text: string) => {
      const m = Buffer.from(text);
      const head = Buffer.alloc(4);
      head.writeUInt32LE(m.length, 0);
      return Buffer.concat([head, m, Buffer.from("abc")]);
    };
    expect(decodeJsonWithTexts(meta('{"a":'))).toBeNull();
    expect(decodeJsonWithTexts(meta('{"a":{"\\u0000text":[2,1]}}'))).toBeNull();
    expect(decodeJsonWithTexts(meta('{"a":{"\\u0000text":[0,4]}}'))).toBeNull();
    expect(decodeJsonWithTexts(meta('{"a":{"\\u0000text":"0-3"}}'))).toBeNull();
    expect(decodeJsonWithTexts(meta('{"a":{"\\u0000text":[0,3]}}'))).toEqual({ a: "abc" });
    const head = Buffer.alloc(4);
    head.writeUInt32LE(1000, 0);
    expect(decodeJsonWithTexts(Buffer.concat([head, Buffer.from("{}")]))).toBeNull();
  });

  it("refuses to store a value that has the placeholder's key itself", () => {
    expect(() => encodeJsonWithTexts({ "\u0000text": [0, 1] })).toThrow(/reserved key/);
  });
});
