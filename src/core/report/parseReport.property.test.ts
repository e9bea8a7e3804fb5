import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, expectWellFormed, mutatedText, oddName, PROPERTY_TIMEOUT } from "../../../tests/unit/fuzz/fuzz.ts";
import { parseReport } from "./parseReport.ts";

const value = fc.oneof(fc.string({ maxLength: 10 }), oddName, fc.constantFrom('"a: b"', "[a, b]", "2024-05-01", "2024-5-1", "yes", "12", "{}", "*x", "|\n  text", 'project = "p"'));
const key = fc.oneof(fc.constantFrom("title", "description", "date", "authors", "runs", "draft", "tittle"), oddName);
const frontMatter = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((kv) => kv.map(([k, v]) => `${k}: ${v}`).join("\n"));
const report = fc
  .tuple(frontMatter, fc.constantFrom("---", "---yaml", "--- ", "---json", "---js", "---toml", "---coffee"), fc.string({ maxLength: 40 }), fc.constantFrom("\n", "\r\n"))
  .map(([fm, open, body, eol]) => [open, fm, "---", body].join("\n").replace(/\n/g, eol));
const slug = fc.oneof(fc.constantFrom("ok", "lr-sweep", "Bad Name", "", ".md", "a/b"), fc.string({ maxLength: 8 }));

describe("parseReport(file, source) on generated input", () => {
  it(
    "returns metadata and positioned diagnostics; the body is the text after the front matter",
    () => {
      assertProperty(fc.tuple(slug, fc.oneof(mutatedText(report), fc.string({ maxLength: 40 }))), ([name, source]) => {
        const file = `reports/${name}.md`;
        const r = parseReport(file, source);
        const text = source.replace(/^\ufeff/, "");
        expectWellFormed(r.diagnostics, { file, text });
        expect(typeof r.meta.title).toBe("string");
        expect(r.bodyFirstLine).toBeGreaterThanOrEqual(1);
        expect(text.replace(/\r\n?/g, "\n").endsWith(r.body)).toBe(true);
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );
});
