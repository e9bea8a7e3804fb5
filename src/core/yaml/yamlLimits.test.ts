import { afterEach, describe, expect, it } from "vitest";
import { parseBlock } from "../report/parseBlock.ts";
import { MAX_NESTING } from "../ownRecord.ts";
import { parseReport } from "../report/parseReport.ts";
import { parseYamlWithPositions } from "./parseYamlWithPositions.ts";
import { MAX_ALIAS_VALUES } from "./yamlToValue.ts";

const region = (text: string) => ({ file: "reports/r.md", text, firstLine: 10, indent: 0 });
const where = (ds: { line: number; column: number; code: string }[]): string[] => ds.map((d) => `${d.line}:${d.column} ${d.code}`);

/** Nine levels of nine aliases each: 9^9 values once expanded. */
const BOMB = ["a: &a [x, x, x, x, x, x, x, x, x]", ..."bcdefghi".split("").map((c, k) => `${c}: &${c} [${Array(9).fill(`*${"abcdefghi"[k]}`).join(", ")}]`)].join("\n");

afterEach(() => {
  const leaked = Object.keys(Object.prototype);
  for (const k of leaked) delete (Object.prototype as Record<string, unknown>)[k];
  expect(leaked).toEqual([]);
});

describe("parseYamlWithPositions(text) limits", () => {
  it("stops an alias bomb at the alias that crosses MAX_ALIAS_VALUES", () => {
    const y = parseYamlWithPositions(BOMB);
    expect(y.value).toBeUndefined();
    expect(y.errors).toHaveLength(1);
    const e = y.errors[0]!;
    expect(e.kind).toBe("aliases");
    // Aliases on lines b, c, d add 90 + 819 + 7,380 values; the first `*d` on line e adds 7,381 more.
    expect(e.alias).toBe("d");
    const line = BOMB.split("\n")[4]!;
    expect(e.offset).toBe(BOMB.indexOf(line) + line.indexOf("*d"));
    expect(e.message).toBe(`aliases expand to more than ${MAX_ALIAS_VALUES} values at \`*d\``);
  });

  it("keeps ordinary aliases, with shared values", () => {
    const y = parseYamlWithPositions("base: &b { width: 3, dash: [2, 2] }\nx: *b\ny: [*b, *b]\n");
    expect(y.errors).toEqual([]);
    const v = y.value as Record<string, unknown>;
    expect(v.x).toEqual({ width: 3, dash: [2, 2] });
    expect((v.y as unknown[])[1]).toEqual({ width: 3, dash: [2, 2] });
  });

  it("reports flow nesting at 100,000 levels without overflowing", () => {
    const y = parseYamlWithPositions(`a: ${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(y.errors.map((e) => [e.kind, e.offset])).toEqual([["depth", 3 + MAX_NESTING - 1]]);
  });

  it.each([
    ["flow", (d: number) => `a: ${"[".repeat(d)}${"]".repeat(d)}`, 3 + MAX_NESTING - 1],
    ["block", (d: number) => Array.from({ length: d }, (_, k) => `${" ".repeat(k)}k:`).join("\n"), -1],
  ])("reports %s nesting deeper than MAX_NESTING at the first too-deep value, at any depth", (_kind, make, offset) => {
    for (const depth of [MAX_NESTING + 1, 3_000]) {
      const text = make(depth);
      const y = parseYamlWithPositions(text);
      expect(y.errors).toHaveLength(1);
      expect(y.errors[0]!.kind).toBe("depth");
      // Block: the mapping opened by the 101st key, i.e. at that key's line.
      const expected = offset >= 0 ? offset : text.split("\n").slice(0, MAX_NESTING).join("\n").length + 1 + MAX_NESTING;
      expect(y.errors[0]!.offset).toBe(expected);
    }
    expect(parseYamlWithPositions(make(MAX_NESTING - 1)).errors).toEqual([]);
  });

  it("an alias that would nest its value past the limit is a depth error at the alias", () => {
    const text = `a: &a ${"[".repeat(MAX_NESTING - 1)}${"]".repeat(MAX_NESTING - 1)}\nb: [*a]\n`;
    const y = parseYamlWithPositions(text);
    expect(y.errors.map((e) => [e.kind, text.slice(e.offset, e.offset + 2)])).toEqual([["depth", "*a"]]);
  });

  it("refuses tags beyond the core schema at the tag, and a core tag its value does not fit", () => {
    const text = "a: !!binary aGVsbG8=\nb: !custom   foo\nc: !!set {x}\nd: !!merge\ne: !!float one\nf: [!!timestamp 2020-01-01, !<tag:x> 1]\ng: !!omap\n  - x: 1\n";
    const y = parseYamlWithPositions(text);
    expect(y.value).toBeUndefined();
    const unsupported = (tag: string) => `YAML tag \`${tag}\` is not supported: values are text, numbers, true/false, null, lists and mappings`;
    expect(y.errors.map((e) => [text.slice(e.offset, e.offset + e.length), e.message])).toEqual([
      ["!!binary", unsupported("!!binary")],
      ["!custom", unsupported("!custom")],
      ["!!set", unsupported("!!set")],
      ["!!merge", unsupported("!!merge")],
      ["!!float", "the value after the YAML tag `!!float` is not of that type; leave the tag out or change the value"],
      ["!!timestamp", unsupported("!!timestamp")],
      ["!<tag:x>", unsupported("tag:x")],
      ["!!omap", unsupported("!!omap")],
    ]);
    const core = parseYamlWithPositions("s: !!str 1\nm: !!map {a: 1}\nq: !!seq [1]\ni: !!int 0x1f\nn: !!null\n");
    expect(core.errors).toEqual([]);
    expect(JSON.stringify(core.value)).toBe('{"s":"1","m":{"a":1},"q":[1],"i":31,"n":null}');
  });

  it("keeps __proto__, constructor and prototype as ordinary keys", () => {
    const y = parseYamlWithPositions("__proto__: { polluted: 1 }\nconstructor: 2\nprototype: 3\n");
    expect(y.errors).toEqual([]);
    const v = y.value as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["__proto__", "constructor", "prototype"]);
    expect(Object.getPrototypeOf(v)).toBe(null);
    expect((v["__proto__"] as Record<string, unknown>).polluted).toBe(1);
  });
});

describe("front matter and blocks map every YAML problem to a positioned diagnostic", () => {
  it("alias bomb", () => {
    const fm = parseReport("reports/r.md", `---\ntitle: T\n${BOMB}\n---\nbody\n`);
    expect(where(fm.diagnostics)).toEqual(["7:8 REPORT014"]);
    const block = parseBlock("chart", region(`y: loss\n${BOMB}\n`));
    expect(where(block.diagnostics)).toEqual(["15:8 BLOCK028"]);
  });

  it("nesting", () => {
    const deep = `x: ${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    expect(where(parseReport("reports/r.md", `---\ntitle: T\n${deep}\n---\n`).diagnostics)).toEqual([`3:${4 + MAX_NESTING - 1} REPORT013`]);
    expect(where(parseBlock("chart", region(`y: loss\n${deep}\n`)).diagnostics)).toEqual([`11:${4 + MAX_NESTING - 1} BLOCK027`]);
  });

  it("unknown alias and an alias inside its own anchor", () => {
    expect(where(parseBlock("chart", region("y: loss\ntitle: *nope\n")).diagnostics)).toEqual(["11:8 BLOCK001"]);
    const loop = parseBlock("chart", region("y: loss\nscale: &s { y: *s }\n"));
    expect(where(loop.diagnostics)).toEqual(["11:16 BLOCK001"]);
    expect(loop.diagnostics[0]!.message).toBe("invalid YAML: alias `*s` refers to the value that contains it");
  });

  it("a tag whose value a block cannot hold (a symbol, a set, a date) is an error, not a crash", () => {
    const block = parseBlock("chart", region("y: !!merge\ntitle: !!set {a}\nruns: !!timestamp 2020-01-01\n"));
    expect(block.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([
      [10, 4, "BLOCK001"],
      [11, 8, "BLOCK001"],
      [12, 7, "BLOCK001"],
    ]);
    expect(where(parseReport("reports/r.md", "---\ntitle: !!merge x\n---\nbody\n").diagnostics)).toEqual(["2:8 REPORT001"]);
  });

  it("a key named __proto__ in a block is an unknown key, like any other", () => {
    const r = parseBlock("chart", region("y: loss\n__proto__: { polluted: 1 }\n"));
    expect(r.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([[11, 1, "BLOCK003", "unknown key `__proto__` in a `chart` block"]]);
  });
});
