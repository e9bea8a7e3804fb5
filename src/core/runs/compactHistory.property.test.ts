import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzParameters, mutatedText, numberText, oddName, oddNumber, PROPERTY_TIMEOUT } from "../../../tests/unit/fuzz/fuzz.ts";
import { historyParquet } from "../import/historyForms.ts";
import type { ImportedHistory } from "../import/importedRun.ts";
import { historyCsv } from "../import/writeRunFolder.ts";
import { parseHistoryFile } from "./compactHistory.ts";
import { parseHistoryCsv } from "./parseHistoryCsv.ts";
import type { ParsedHistory, SourceText } from "./runFileTypes.ts";

const sourceOf = (path: string, bytes: Buffer): SourceText => ({ path, bytes, text: new TextDecoder().decode(bytes) });

/** A result as plain data, diagnostics without their file, so two forms of one history compare. */
function plain(r: ParsedHistory): unknown {
  const h = r.history;
  return {
    ...r,
    diagnostics: r.diagnostics.map(({ file: _file, ...d }) => d),
    lastLogged: Object.entries(r.lastLogged),
    history: h && { step: [...h.step], time: h.time && [...h.time], metrics: Object.entries(h.metrics).map(([k, v]) => [k, [...v]]) },
  };
}

const historyText: fc.Arbitrary<string> = fc
  .record({
    names: fc.array(fc.oneof(fc.constantFrom("step", "_step", "time", "loss"), oddName), { minLength: 1, maxLength: 4 }),
    rows: fc.array(fc.array(fc.oneof(oddNumber.map(String), numberText), { maxLength: 5 }), { maxLength: 6 }),
  })
  .map(({ names, rows }) => [names.join(","), ...rows.map((r) => r.slice(0, names.length).join(","))].join("\n") + "\n");

const metricName = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && !["step", "_step", "time", "_timestamp", "timestamp"].includes(s));
const importedHistory: fc.Arbitrary<ImportedHistory> = fc
  .record({
    metrics: fc.uniqueArray(metricName, { minLength: 1, maxLength: 4 }),
    steps: fc.array(fc.integer({ min: -5, max: 1e6 }), { maxLength: 6 }),
    withTime: fc.boolean(),
    values: fc.array(fc.oneof(oddNumber, fc.constant(null), fc.constant(NaN), fc.constant(-Infinity)), { minLength: 24, maxLength: 24 }),
  })
  .map(({ metrics, steps, withTime, values }) => ({
    metrics,
    rows: steps.map((step, i) => ({
      step,
      time: withTime ? 1.7e9 + i : null,
      values: Object.fromEntries(metrics.map((m, k) => [m, values[(i * metrics.length + k) % values.length]!])),
    })),
  }));

describe("compact histories (property)", () => {
  it(
    "history.csv.gz gives exactly what history.csv gives, diagnostics and positions included, for any text",
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedText(historyText), async (text) => {
          // Both from the same bytes: a lone surrogate in `text` has no UTF-8 form of its own.
          const expected = plain(parseHistoryCsv(sourceOf("h/history.csv", Buffer.from(text))));
          const got = await parseHistoryFile("h/history.csv.gz", gzipSync(text), sourceOf);
          expect(plain(got!)).toStrictEqual(expected);
        }),
        fuzzParameters(150),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "history.parquet as `runfolio import` writes it gives the history history.csv gives",
    async () => {
      await fc.assert(
        fc.asyncProperty(importedHistory, async (h) => {
          const csv = parseHistoryCsv({ path: "h/history.csv", text: historyCsv(h) });
          const parquet = (await parseHistoryFile("h/history.parquet", Buffer.from(historyParquet(h)), sourceOf))!;
          expect(plain({ ...parquet, diagnostics: [] })).toStrictEqual(plain({ ...csv, diagnostics: [] }));
          // Positions differ (row and column number vs line and character); what is reported does not.
          expect(parquet.diagnostics.map((d) => [d.code, d.message])).toEqual(csv.diagnostics.map((d) => [d.code, d.message]));
        }),
        fuzzParameters(150),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
