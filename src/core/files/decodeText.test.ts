import { describe, expect, it } from "vitest";
import { decodeUtf8, findEncodingProblem, firstInvalidUtf8, NotUtf8Error } from "./decodeText.ts";

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
function utf16(s: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let i = 0;
  if (bom) view.setUint16((i++) * 2, 0xfeff, le);
  for (const c of s) view.setUint16((i++) * 2, c.charCodeAt(0), le);
  return out;
}

describe("decodeUtf8(bytes)", () => {
  it("decodes UTF-8, keeping a byte order mark for the parsers to strip", () => {
    expect(decodeUtf8(utf8("a,é,日本\n"))).toBe("a,é,日本\n");
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe("\uFEFFa");
  });

  it("throws NotUtf8Error naming the first bad byte's line and column and the likely encoding", () => {
    let error: unknown;
    try {
      decodeUtf8(latin1('{\n  "name": "café"\n}'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotUtf8Error);
    expect((error as NotUtf8Error).problem).toEqual({ offset: 16, line: 2, column: 15, encoding: 'Latin-1 / Windows-1252 text ("é")', found: "byte 0xE9" });
  });
});

describe("findEncodingProblem(bytes)", () => {
  it("is null for UTF-8 and ASCII", () => {
    expect(findEncodingProblem(utf8("step,loss\n0,1\n"))).toBeNull();
    expect(findEncodingProblem(utf8("Läufe 🚀"))).toBeNull();
    expect(findEncodingProblem(new Uint8Array(0))).toBeNull();
  });

  it("names UTF-16 and UTF-32 by their byte order marks", () => {
    expect(findEncodingProblem(utf16("{}", true, true))).toMatchObject({ line: 1, column: 1, encoding: "UTF-16 LE" });
    expect(findEncodingProblem(utf16("{}", false, true))).toMatchObject({ encoding: "UTF-16 BE" });
    expect(findEncodingProblem(Uint8Array.of(0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0))).toMatchObject({ encoding: "UTF-32 LE" });
    expect(findEncodingProblem(Uint8Array.of(0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b))).toMatchObject({ encoding: "UTF-32 BE" });
  });

  it("names UTF-16 and UTF-32 without a byte order mark by where the NUL bytes are", () => {
    const text = '{"name": "wide"}\n';
    expect(findEncodingProblem(utf16(text, true, false))).toMatchObject({ offset: 1, line: 1, column: 2, encoding: "UTF-16 LE without a byte order mark" });
    expect(findEncodingProblem(utf16(text, false, false))).toMatchObject({ offset: 0, encoding: "UTF-16 BE without a byte order mark" });
    const le32 = new Uint8Array(text.length * 4);
    for (let i = 0; i < text.length; i++) le32[i * 4] = text.charCodeAt(i);
    expect(findEncodingProblem(le32)).toMatchObject({ encoding: "UTF-32 LE without a byte order mark" });
    expect(findEncodingProblem(Uint8Array.of(0x50, 0x4b, 3, 4, 0, 0, 9, 9, 9, 9, 9, 9))).toMatchObject({ encoding: "binary data, not text" });
  });

  it("finds the bad byte after valid multi-byte characters, counting columns in UTF-16 units", () => {
    const bytes = new Uint8Array([...utf8("🚀é\nab"), 0x93, ...utf8("x")]);
    expect(findEncodingProblem(bytes)).toMatchObject({ offset: 9, line: 2, column: 3, found: "byte 0x93", encoding: "Latin-1 / Windows-1252 text" });
  });
});

describe("firstInvalidUtf8(bytes)", () => {
  it.each([
    ["overlong", [0x61, 0xc0, 0xaf], 1],
    ["lone continuation", [0x80], 0],
    ["surrogate", [0x61, 0x61, 0xed, 0xa0, 0x80], 2],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["truncated", [0x61, 0xe6, 0x97], 1],
  ])("%s", (_, bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });
});
