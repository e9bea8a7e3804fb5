import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SectionMemo } from "./sectionedRead.ts";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("SectionMemo", () => {
  it("stands for one file's part with the same CRC and the same digest, and nothing else", () => {
    const memo = new SectionMemo();
    memo.remember("a", "prefix", 7, sha("p"));
    memo.remember("a", 0, 0xffffffff, sha("s0"));
    expect(memo.has("a", "prefix", 7, sha("p"))).toBe(true);
    expect(memo.has("a", 0, 0xffffffff, sha("s0"))).toBe(true);
    expect(memo.has("a", 0, 0xfffffffe, sha("s0"))).toBe(false);
    expect(memo.has("a", 0, 0xffffffff, sha("other"))).toBe(false);
    expect(memo.has("a", 1, 0xffffffff, sha("s0"))).toBe(false);
    expect(memo.has("b", "prefix", 7, sha("p"))).toBe(false);
    // a CRC of 0 is a CRC like any other, not "unknown"
    expect(memo.has("a", 2, 0, sha("s2"))).toBe(false);
    memo.remember("a", 2, 0, sha("s2"));
    expect(memo.has("a", 2, 0, sha("s2"))).toBe(true);
  });

  it("grows past eight parts, keeps what it knew, and forgets one part at a time", () => {
    const memo = new SectionMemo();
    memo.remember("f", "prefix", 1, sha("p"));
    for (let i = 0; i < 20; i++) memo.remember("f", i, 100 + i, sha(`s${i}`));
    expect(memo.has("f", "prefix", 1, sha("p"))).toBe(true);
    for (let i = 0; i < 20; i++) expect(memo.has("f", i, 100 + i, sha(`s${i}`))).toBe(true);
    memo.forget("f", 3);
    expect(memo.has("f", 3, 103, sha("s3"))).toBe(false);
    expect(memo.has("f", 4, 104, sha("s4"))).toBe(true);
    memo.remember("f", 3, 5, sha("new"));
    expect(memo.has("f", 3, 5, sha("new"))).toBe(true);
    expect(memo.has("f", 3, 103, sha("s3"))).toBe(false);
  });

  it("never stands for a digest that is not 64 hex digits", () => {
    const memo = new SectionMemo();
    memo.remember("f", 0, 9, "abc");
    expect(memo.has("f", 0, 9, "abc")).toBe(false);
    memo.remember("f", 1, 9, sha("x"));
    expect(memo.has("f", 1, 9, sha("x").slice(0, 62))).toBe(false);
    expect(memo.has("f", 1, 9, `${sha("x").slice(0, 63)}z`)).toBe(false);
  });
});
