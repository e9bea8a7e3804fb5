import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CACHE_FORMAT_VERSION, encodeCacheEntry } from "./cacheEntry.ts";
import {
  decodeSectionedEntry,
  decodeSectionedHeader,
  encodeSectionedEntry,
  isSectionedEntry,
  sectionedEntryParts,
  sectionedPrefixLength,
} from "./sectionedEntry.ts";

const sections = [Buffer.from("alpha"), [Buffer.from("be"), Buffer.from("ta")], Buffer.alloc(0), Buffer.from("gamma-gamma")];
const meta = JSON.stringify({ rows: 3, metrics: ["loss", "acc"], note: "é ✓" });
const entry = (kind = "history", key = "k1", m = meta) => Buffer.concat(sectionedEntryParts(encodeSectionedEntry(kind, key, m, sections)));
const codes = (result: object) => ("problem" in result ? (result.problem as { code: string }).code : "ok");

describe("encodeSectionedEntry / decodeSectionedEntry", () => {
  it("gives back the meta and every section, pieces joined, empty ones included", () => {
    const back = decodeSectionedEntry(entry(), "history", "k1");
    if ("problem" in back) throw new Error(back.problem.message);
    expect(back.meta).toBe(meta);
    expect(back.sections.map((s) => s.toString())).toEqual(["alpha", "beta", "", "gamma-gamma"]);
  });

  it("lays sections out after the prefix, in order, at the offsets the header gives", () => {
    const bytes = entry();
    const measured = sectionedPrefixLength(bytes.subarray(0, 4096), bytes.length);
    if ("problem" in measured) throw new Error(measured.problem.message);
    const header = decodeSectionedHeader(bytes.subarray(0, measured.length), "history", "k1", bytes.length);
    if ("problem" in header) throw new Error(header.problem.message);
    expect(header.sections.map((s) => [s.offset - measured.length, s.length])).toEqual([[0, 5], [5, 4], [9, 0], [9, 11]]);
    expect(header.total).toBe(bytes.length);
    expect(bytes.toString("latin1", header.sections[1]!.offset, header.sections[1]!.offset + 4)).toBe("beta");
  });

  it("encodes a meta longer than a first read of 4 KB (the prefix length says how much to read)", () => {
    const long = "m".repeat(10_000);
    const bytes = entry("history", "k1", long);
    const measured = sectionedPrefixLength(bytes.subarray(0, 4096), bytes.length);
    expect("length" in measured && measured.length > 10_000).toBe(true);
    const back = decodeSectionedEntry(bytes, "history", "k1");
    expect("meta" in back && back.meta).toBe(long);
  });

  it("is told apart from a plain entry both ways", () => {
    expect(isSectionedEntry(entry())).toBe(true);
    expect(isSectionedEntry(encodeCacheEntry("history", "k1", Buffer.from("x")))).toBe(false);
    const plain = decodeSectionedEntry(encodeCacheEntry("history", "k1", Buffer.from("x")), "history", "k1");
    expect(codes(plain)).toBe("CACHE003");
    expect("problem" in plain && plain.problem.message).toContain("plain entry");
  });
});

describe("a damaged sectioned entry is a problem, never a result", () => {
  it("a changed byte anywhere: header (CACHE001), any section (CACHE001 naming it), fixed part (CACHE003 or CACHE002)", () => {
    const good = entry();
    const measured = sectionedPrefixLength(good, good.length);
    if ("problem" in measured) throw new Error("bad fixture");
    const prefixLength = measured.length;
    for (let at = 0; at < good.length; at++) {
      const bytes = Buffer.from(good);
      bytes[at]! ^= 0x01;
      const result = decodeSectionedEntry(bytes, "history", "k1");
      expect("problem" in result, `byte ${at}`).toBe(true);
      const code = codes(result);
      if (at < 16) expect(code, `magic byte ${at}`).toBe("CACHE003");
      else if (at < 20) expect(code, `version byte ${at}`).toBe("CACHE003");
      else if (at < 24) expect(["CACHE001", "CACHE002"], `header length byte ${at}`).toContain(code);
      else if (at < prefixLength) expect(code, `header byte ${at}`).toBe("CACHE001");
      else expect(code, `section byte ${at}`).toBe("CACHE001");
    }
    const inSection = Buffer.from(good);
    inSection[prefixLength + 6]! ^= 0x20; // in "beta"
    const result = decodeSectionedEntry(inSection, "history", "k1");
    expect("problem" in result && result.problem.message).toContain("section 1 checksum mismatch");
  });

  it("a truncated file: CACHE002 at every cut, extra bytes: CACHE001", () => {
    const good = entry();
    for (let cut = 1; cut < good.length; cut++) {
      const result = decodeSectionedEntry(good.subarray(0, cut), "history", "k1");
      expect(codes(result), `cut at ${cut}`).toBe("CACHE002");
    }
    const longer = decodeSectionedEntry(Buffer.concat([good, Buffer.from("!")]), "history", "k1");
    expect(codes(longer)).toBe("CACHE001");
    expect("problem" in longer && longer.problem.message).toContain("1 bytes after its end");
  });

  it("a foreign file, another format version, another kind or key: CACHE003", () => {
    expect(codes(decodeSectionedEntry(Buffer.from('{"runs": []}\n'), "history", "k1"))).toBe("CACHE003");
    expect(codes(decodeSectionedEntry(Buffer.alloc(0), "history", "k1"))).toBe("CACHE002");
    const other = entry();
    other.writeUInt32LE(99, 16);
    const version = decodeSectionedEntry(other, "history", "k1");
    expect("problem" in version && version.problem).toMatchObject({ code: "CACHE003", message: expect.stringContaining("format version 99") });
    expect(codes(decodeSectionedEntry(entry("history", "k2"), "history", "k1"))).toBe("CACHE003");
    expect(codes(decodeSectionedEntry(entry("chart", "k1"), "history", "k1"))).toBe("CACHE003");
  });

  it("a header that checks out but lists sections badly (a modified writer): CACHE001", () => {
    const forged = (json: string) => {
      const header = Buffer.from(json, "utf8");
      const fixed = Buffer.alloc(24);
      Buffer.from("RUNFOLIO-SECTS\n\0", "latin1").copy(fixed);
      fixed.writeUInt32LE(CACHE_FORMAT_VERSION, 16);
      fixed.writeUInt32LE(header.length, 20);
      const body = Buffer.concat([fixed, header]);
      return Buffer.concat([body, createHash("sha256").update(body).digest()]);
    };
    for (const json of ["not json", "null", '{"kind":"history","key":"k1","meta":"m","sections":[[-1,"00"]]}', '{"kind":"history","key":"k1","sections":[]}']) {
      expect(codes(decodeSectionedEntry(forged(json), "history", "k1")), json).toBe("CACHE001");
    }
    const empty = decodeSectionedEntry(forged('{"kind":"history","key":"k1","meta":"m","sections":[]}'), "history", "k1");
    expect(empty).toEqual({ meta: "m", sections: [] });
  });
});
