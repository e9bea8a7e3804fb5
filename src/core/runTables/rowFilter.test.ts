import { describe, expect, it } from "vitest";
import { compileRegex } from "../query/compileRegex.ts";
import { compileRowFilter, emptyRecord, parseRowFilter, rowMatches } from "./rowFilter.ts";

const columns = ["id", "label", "pred", "score", "true label", "__proto__"];
const rec = (values: Record<string, unknown>) => Object.assign(emptyRecord(), values);

describe("row filters", () => {
  it("select rows by their columns with the run-set operators", () => {
    const parsed = parseRowFilter('pred != label and score >= 0.5 or `true label` ~ "^do"', columns, compileRegex);
    // `pred != label` compares with a bare word: an error that says to quote it.
    expect(parsed.ok).toBe(false);
    const ok = parseRowFilter('pred != "cat" and score >= 0.5 or `true label` ~ "^do"', columns, compileRegex);
    if (!ok.ok) throw new Error(ok.error.message);
    expect(rowMatches(ok.expr, rec({ pred: "dog", score: 0.7 }))).toBe(true);
    expect(rowMatches(ok.expr, rec({ pred: "cat", score: 0.7 }))).toBe(false);
    expect(rowMatches(ok.expr, rec({ pred: "dog", score: 0.2 }))).toBe(false);
    expect(rowMatches(ok.expr, rec({ pred: "cat", score: 0.2, "true label": "dog" }))).toBe(true);
  });

  it("treat gaps and missing cells as the run-set language does", () => {
    const ok = parseRowFilter("score = null or label in [\"a\", \"b\"]", columns, compileRegex);
    if (!ok.ok) throw new Error(ok.error.message);
    expect(rowMatches(ok.expr, rec({ score: null }))).toBe(true);
    expect(rowMatches(ok.expr, rec({ label: "b", score: 1 }))).toBe(true);
    expect(rowMatches(ok.expr, rec({ label: "c", score: 1 }))).toBe(false);
  });

  it("read a column called __proto__ as data", () => {
    const ok = parseRowFilter("`__proto__` = 3", columns, compileRegex);
    if (!ok.ok) throw new Error(ok.error.message);
    expect(rowMatches(ok.expr, rec({ ["__proto__"]: 3 }))).toBe(true);
  });

  it("name an unknown column at its position with a did-you-mean", () => {
    const r = parseRowFilter('score > 0.5 and preed = "cat"', columns, compileRegex);
    expect(r).toEqual({ ok: false, error: { code: "EXPR026", message: "the table has no column `preed`", hint: "did you mean `pred`?", offset: 16, length: 5 } });
  });

  it("reject has, which looks inside lists", () => {
    const r = parseRowFilter('label has "x"', columns, compileRegex);
    expect(r.ok ? null : [r.error.code, r.error.offset]).toEqual(["EXPR027", 0]);
    const bare = parseRowFilter('has "x"', columns, compileRegex);
    expect(bare.ok ? null : bare.error.code).toBe("EXPR027");
  });

  it("compiled for many rows, answer as the evaluator does on every row", () => {
    const keys = ["id", "label", "pred", "score", "true label", "__proto__"];
    const values: unknown[] = [null, 0, 1, 0.5, -2, NaN, Infinity, "cat", "dog", "", "1", true, false];
    const rows = Array.from({ length: 400 }, (_, i) => keys.map((_, k) => values[(i * (k + 3) + k * 7 + Math.floor(i / 13)) % values.length]));
    const filters = [
      'label = "cat"', "score > 0.2", "score <= 0", 'pred != "dog" and not (score < 1)', 'label in ["cat", "", null] or id = 1',
      'pred not in ["cat"]', 'label ~ "^c"', 'label !~ "a"', "`true label` = true or `__proto__` != null", "score = null", 'id >= "0"',
    ];
    for (const source of filters) {
      const parsed = parseRowFilter(source, keys, compileRegex);
      if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
      const compiled = compileRowFilter(parsed.expr, (key) => keys.indexOf(key), (row: unknown[], slot) => row[slot]);
      for (const row of rows) {
        const rec = emptyRecord();
        keys.forEach((k, i) => (rec[k] = row[i]));
        expect([source, compiled(row)]).toEqual([source, rowMatches(parsed.expr, rec)]);
      }
    }
  });
});
