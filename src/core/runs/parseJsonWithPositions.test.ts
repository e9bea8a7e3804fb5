import { describe, expect, it } from "vitest";
import { MAX_NESTING } from "../ownRecord.ts";
import { jsonPathKey, parseJsonValue, parseJsonWithPositions } from "./parseJsonWithPositions.ts";

describe("parseJsonWithPositions(text, options)", () => {
  it("parses what JSON.parse parses", () => {
    const text = '{"a": [1, -2.5e3, true, false, null], "b": {"c": "x\\ny\\u0041"}}';
    const r = parseJsonWithPositions(text);
    expect(r.ok && r.value).toEqual(JSON.parse(text));
  });
  it("accepts bare NaN, Infinity and -Infinity (Python's json.dumps)", () => {
    const r = parseJsonWithPositions('[NaN, Infinity, -Infinity]');
    expect(r.ok && r.value).toEqual([NaN, Infinity, -Infinity]);
  });
  it("records value and key offsets by path", () => {
    const text = '{"a": {"b": [10, 20]}}';
    const r = parseJsonWithPositions(text, { positions: true });
    if (!r.ok) throw new Error("parse failed");
    const span = r.positions!.get(jsonPathKey(["a", "b", 1]))!;
    expect(text.slice(span.offset, span.end)).toBe("20");
    expect(r.positions!.get(jsonPathKey(["a", "b"]))!.keyOffset).toBe(7);
  });
  it.each([
    ['{"a": 1 ]', 8, "expected ',' or '}' after property value, found ']'"],
    ['{"a": 1,}', 7, "trailing comma before '}'; expected a property name in double quotes"],
    ["[1, 2,]", 5, "trailing comma before ']'; expected a value"],
    ['{"a": tru}', 6, "expected a value, found 'tru'"],
    // Cut short: shown at the last written character, not past the end.
    ['{"a": 1', 6, "expected ',' or '}' after property value, found end of input"],
    ['{"a": "x', 6, "unterminated string"],
    ["{a: 1}", 1, "expected a property name in double quotes, found 'a'"],
    ["1 2", 2, "expected end of input after the JSON value, found '2'"],
  ])("reports %j at offset %i", (text, offset, message) => {
    expect(parseJsonWithPositions(text)).toEqual({ ok: false, error: { offset, message, kind: "syntax" } });
  });

  it("stops at the first value nested deeper than MAX_NESTING, without overflowing the stack", () => {
    for (const depth of [MAX_NESTING + 1, 5_000, 200_000]) {
      const text = `{"config": ${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
      // The 101st container opens at offset 11 + 99 (the object is level 1, the first list level 2).
      expect(parseJsonWithPositions(text)).toEqual({ ok: false, error: { offset: 11 + MAX_NESTING - 2 + 1, message: `value nested more than ${MAX_NESTING} levels deep`, kind: "depth" } });
    }
    const ok = `{"config": ${"[".repeat(MAX_NESTING - 1)}${"]".repeat(MAX_NESTING - 1)}}`;
    expect(parseJsonWithPositions(ok).ok).toBe(true);
  });
});

describe("parseJsonValue(text)", () => {
  it("keeps __proto__, constructor and prototype as own keys of objects without a prototype", () => {
    for (const text of ['{"__proto__": {"polluted": 1}, "constructor": 2, "prototype": 3}', '{"__proto__": {"polluted": NaN}, "constructor": 2, "prototype": 3}']) {
      const r = parseJsonValue(text);
      expect(r.ok).toBe(true);
      const v = (r as { value: Record<string, unknown> }).value;
      expect(Object.getPrototypeOf(v)).toBe(null);
      expect(Object.keys(v)).toEqual(["__proto__", "constructor", "prototype"]);
      expect(Object.keys(v["__proto__"] as object)).toEqual(["polluted"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it("refuses a key written twice in one object at the second one, on both paths, naming the first", () => {
    for (const extra of ["", ", NaN"]) {
      const text = `{"a": 1,\n "cfg": {"lr": 1, "x": 2,\n  "lr": 3}${extra ? `, "n": [${extra.slice(2)}]` : ""}}`;
      expect(parseJsonValue(text)).toEqual({
        ok: false,
        error: { offset: text.indexOf('"lr": 3'), message: 'duplicate key "lr" in one object (first written at line 2, column 10); only one value can be kept', kind: "duplicate" },
      });
    }
    expect(parseJsonValue('{"step": 0, "key": "k", "step": 1}')).toEqual({
      ok: false,
      error: { offset: 24, message: 'duplicate key "step" in one object (first written at column 2); only one value can be kept', kind: "duplicate" },
    });
  });

  it("keeps equal keys of different objects, and a string value holding a key-like \":", () => {
    expect(parseJsonValue('{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}], "c": "x\\":y"}')).toMatchObject({ ok: true, value: { a: { a: 1 }, b: [{ a: 2 }, { a: 3 }], c: 'x":y' } });
    expect(parseJsonValue('{"": 1, " ": 2}')).toMatchObject({ ok: true, value: { "": 1, " ": 2 } });
  });

  it("reports too-deep nesting as a depth error at the first too-deep value, on both paths", () => {
    for (const extra of ["", ", NaN"]) {
      const text = `[${"{\"a\": ".repeat(120)}1${"}".repeat(120)}${extra}]`;
      const r = parseJsonValue(text);
      expect(r).toEqual({ ok: false, error: { offset: 1 + 6 * (MAX_NESTING - 1), message: `value nested more than ${MAX_NESTING} levels deep`, kind: "depth" } });
    }
  });
});
