import { describe, expect, it } from "vitest";
import { jsonPathKey, parseJsonWithPositions } from "./parseJsonWithPositions.ts";

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
    expect(parseJsonWithPositions(text)).toEqual({ ok: false, error: { offset, message } });
  });
});
