import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, mutatedText, PROPERTY_TIMEOUT } from "../../../tests/unit/fuzz/fuzz.ts";
import { jsonPathKey, parseJsonWithPositions } from "./parseJsonWithPositions.ts";

/** JSON text of any value, with any indentation, sometimes with Python's bare NaN / Infinity. */
const jsonText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 0, 1, 2, "\t")).map(([v, indent]) => JSON.stringify(v, null, indent)),
  fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom("NaN", "Infinity", "-Infinity")).map(([v, bare]) => JSON.stringify({ v, x: 0 }).replace(/0}$/, `${bare}}`)),
  fc.constantFrom('{"__proto__":{"x":1}}', '{"":""}', '["\\ud800"]', "-0", "1e400", "[1e-400]", `"${"\\u0041".repeat(5)}"`),
);

const deepText = fc.tuple(fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.constant(100_000)), fc.constantFrom("[", '{"a":')).map(([depth, open]) => open.repeat(depth) + "1" + (open === "[" ? "]" : "}").repeat(depth));

/** JSON text with a key written twice in one object (at any depth, spelled alike or escaped differently). */
const duplicateKeyText = fc
  .tuple(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 6 }), fc.boolean())
  .map(([v, key, escaped]) => {
    const second = escaped ? `"${[...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}"` : JSON.stringify(key);
    return `[{${JSON.stringify(key)}: ${JSON.stringify(v)}, ${second}: 1}]`;
  });

const shallowText = fc.oneof(mutatedText(jsonText), fc.string({ maxLength: 60 }), fc.string({ maxLength: 30, unit: "binary" }), duplicateKeyText);
const anyText = fc.oneof({ weight: 9, arbitrary: shallowText }, { weight: 1, arbitrary: deepText });

function valueAt(root: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], root);
}

describe("parseJsonWithPositions(text) on generated input", () => {
  it(
    "returns a value or one syntax error inside the text, never throws",
    () => {
      assertProperty(anyText, (text) => {
        const r = parseJsonWithPositions(text, { positions: true });
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(text.length);
          expect(r.error.message.length).toBeGreaterThan(0);
        }
      }, 400);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "agrees with JSON.parse on every text JSON.parse accepts",
    () => {
      // Shallow texts only: the deep ones overflow the test's own deep equality.
      assertProperty(shallowText, (text) => {
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          return;
        }
        const r = parseJsonWithPositions(text);
        if (!r.ok && r.error.message === "value nested too deeply") return;
        if (!r.ok && r.error.kind === "duplicate") {
          // JSON.parse keeps the last of the two values; the parser refuses at the second key.
          const second = parseJsonWithPositions(text.slice(r.error.offset).replace(/^("(?:[^"\\]|\\.)*")[\s\S]*$/, "$1"));
          expect(second.ok, text).toBe(true);
          expect(r.error.message, text).toContain(`duplicate key ${JSON.stringify((second as { value: string }).value).slice(0, 20)}`);
          return;
        }
        expect(r.ok, text).toBe(true);
        // toEqual, not toStrictEqual: parsed objects have no prototype (user keys are data), JSON.parse's do.
        if (r.ok) expect(r.value).toEqual(expected);
      }, 400);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "records a span for every value whose text reads back as that value",
    () => {
      assertProperty(jsonText, (text) => {
        const r = parseJsonWithPositions(text, { positions: true });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        for (const [key, span] of r.positions!) {
          expect(span.offset).toBeLessThan(span.end);
          expect(span.end).toBeLessThanOrEqual(text.length);
          const piece = parseJsonWithPositions(text.slice(span.offset, span.end));
          // Every segment of a key is prefixed with U+001F (jsonPathKey), so "" is the root.
          const path = key === "" ? [] : key.slice(1).split("\u001f");
          expect(piece.ok).toBe(true);
          if (piece.ok) expect(piece.value).toEqual(valueAt(r.value, path));
          if (span.keyOffset !== undefined) expect(text[span.keyOffset]).toBe('"');
        }
        expect(r.positions!.has(jsonPathKey([]))).toBe(true);
      });
    },
    PROPERTY_TIMEOUT,
  );
});
