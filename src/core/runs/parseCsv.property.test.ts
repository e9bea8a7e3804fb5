import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, mutatedText, numberText, oddChar, PROPERTY_TIMEOUT } from "../../../tests/unit/fuzz/fuzz.ts";
import { csvCell } from "../export/csvCell.ts";
import { parseCsv, parseNumberAt } from "./parseCsv.ts";

const cellText = fc.oneof(fc.string({ maxLength: 8 }), numberText, oddChar, fc.constantFrom('a"b', '""', "a,b", "x\r\ny", "=1+2", "-3", "@x", " sp "));
/** Records that CSV can hold: a record with one empty cell is a blank line, which CSV skips. */
const records = fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { maxLength: 6 }).map((rs) => rs.filter((r) => !(r.length === 1 && r[0] === "")));
const csvText = fc.tuple(records, fc.constantFrom("\n", "\r\n", "\r"), fc.boolean()).map(([rs, eol, final]) => rs.map((r) => r.map(csvCell).join(",")).join(eol) + (final && rs.length ? eol : ""));

describe("parseCsv(text) on generated input", () => {
  it(
    "reads back what csvCell wrote (formula-like text with the quote csvCell puts in front)",
    () => {
      assertProperty(fc.tuple(records, fc.constantFrom("\n", "\r\n")), ([rs, eol]) => {
        const { records: got, error } = parseCsv(rs.map((r) => r.map(csvCell).join(",")).join(eol));
        expect(error).toBeNull();
        expect(got.map((r) => r.cells.map((c) => c.text))).toEqual(rs.map((r) => r.map((s) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s))));
      });
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "returns records or one error inside the text; every cell offset points into the text",
    () => {
      assertProperty(fc.oneof(mutatedText(csvText), fc.string({ maxLength: 40 })), (text) => {
        const { records: got, error } = parseCsv(text);
        if (error) {
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThanOrEqual(text.length);
        }
        for (const r of got) {
          expect(r.offset).toBeGreaterThanOrEqual(0);
          expect(r.offset).toBeLessThan(text.length);
          for (const c of r.cells) {
            expect(c.offset).toBeGreaterThanOrEqual(0);
            expect(c.offset).toBeLessThanOrEqual(text.length);
          }
        }
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );
});

const DECIMAL = /^ *[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)? *$/;

describe("parseNumberAt(text, start, end) on generated input", () => {
  it(
    "reads a decimal exactly as Number does and refuses what is not one",
    () => {
      assertProperty(fc.oneof(numberText, fc.string({ maxLength: 10 }), mutatedText(numberText)), (text) => {
        const v = parseNumberAt(text, 0, text.length);
        if (DECIMAL.test(text)) expect(Object.is(v, Number(text.trim())) || (Number.isNaN(v) && Number.isNaN(Number(text)))).toBe(true);
        else if (v !== undefined) expect(Number.isNaN(v)).toBe(true);
      }, 500);
    },
    PROPERTY_TIMEOUT,
  );
});
