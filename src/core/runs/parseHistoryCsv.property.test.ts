import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, expectWellFormed, mutatedText, numberText, oddName, oddNumber, PROPERTY_TIMEOUT, wideCount } from "../../../tests/unit/fuzz/fuzz.ts";
import { historyCsv } from "../import/writeRunFolder.ts";
import type { ImportedHistory } from "../import/importedRun.ts";
import { parseHistoryCsv, parseHistoryCsvFull } from "./parseHistoryCsv.ts";
import type { ParsedHistory } from "./runFileTypes.ts";
import { parseHistoryCsvFast } from "./parseHistoryCsvFast.ts";

const PATH = "runs/p/r/history.csv";

/** A history CSV as loggers write it (a header with a step column and numeric rows), with odd names and numbers. */
const historyText: fc.Arbitrary<string> = fc
  .record({
    names: fc.array(fc.oneof(fc.constantFrom("step", "_step", "time", "loss", "val/loss", "acc"), oddName), { minLength: 1, maxLength: 5 }),
    rows: fc.array(fc.array(fc.oneof({ weight: 4, arbitrary: oddNumber.map(String) }, { weight: 1, arbitrary: numberText }), { minLength: 0, maxLength: 6 }), { maxLength: 8 }),
    eol: fc.constantFrom("\n", "\r\n"),
    final: fc.boolean(),
  })
  .map(({ names, rows, eol, final }) => [names.join(","), ...rows.map((r) => r.slice(0, names.length).join(","))].join(eol) + (final ? eol : ""));

/** Wide and long files: many columns (some repeated or text), or many rows. */
const wideText = fc.oneof(
  fc.tuple(wideCount, fc.constantFrom("m", "x", "")).map(([n, name]) => `step,${Array.from({ length: n }, (_, i) => (name === "x" ? "x" : name + i)).join(",")}\n0${",a".repeat(n)}\n`),
  wideCount.map((n) => `step,loss\n${Array.from({ length: n }, (_, i) => `${n - i},x`).join("\n")}\n`),
);
const anyText = fc.oneof({ weight: 8, arbitrary: mutatedText(historyText) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: wideText });

function checkResult(r: ParsedHistory, text: string): void {
  expectWellFormed(r.diagnostics, { file: PATH, text: text.replace(/^\ufeff/, "") });
  const hasError = r.diagnostics.some((d) => d.severity === "error");
  expect(r.history === null).toBe(hasError);
  if (r.history) {
    // Every named column that is not the step or time is a metric, whatever its name.
    const header = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/, 1)[0]!.split(",").map((s) => s.trim());
    const named = header.filter((h) => h !== "" && !h.includes('"'));
    for (const h of named) if (!["step", "_step", "time", "_timestamp", "timestamp"].includes(h)) expect(Object.hasOwn(r.history.metrics, h), h).toBe(true);
    const n = r.history.step.length;
    if (r.history.time) expect(r.history.time.length).toBe(n);
    for (const values of Object.values(r.history.metrics)) expect(values.length).toBe(n);
  }
}

/** A result with its records as entry lists, so a metric named `constructor` compares as data. */
function plain(r: ParsedHistory): unknown {
  const h = r.history;
  return {
    ...r,
    lastLogged: Object.entries(r.lastLogged),
    history: h && { step: [...h.step], time: h.time && [...h.time], metrics: Object.entries(h.metrics).map(([k, v]) => [k, [...v]]) },
  };
}

describe("parseHistoryCsv(file) on generated input", () => {
  it(
    "returns a history or positioned diagnostics, and errors leave the history out",
    () => {
      assertProperty(anyText, (text) => checkResult(parseHistoryCsv({ path: PATH, text }), text), 300);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "has a fast path that gives exactly the full parser's result or steps aside (text and bytes)",
    () => {
      assertProperty(anyText, (text) => {
        const full = plain(parseHistoryCsvFull({ path: PATH, text }));
        const fromText = parseHistoryCsvFast({ path: PATH, text });
        if (fromText) expect(plain(fromText)).toStrictEqual(full);
        const fromBytes = parseHistoryCsvFast({ path: PATH, text, bytes: new TextEncoder().encode(text) });
        if (fromBytes) expect(plain(fromBytes)).toStrictEqual(full);
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );

  const metricName = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && !["step", "_step", "time", "_timestamp", "timestamp"].includes(s));
  const importedHistory: fc.Arbitrary<ImportedHistory> = fc
    .record({
      metrics: fc.uniqueArray(metricName, { minLength: 1, maxLength: 4 }),
      steps: fc.array(fc.integer({ min: 0, max: 1e6 }), { maxLength: 6 }).map((s) => s.sort((a, b) => a - b)),
      withTime: fc.boolean(),
      values: fc.array(fc.oneof(oddNumber, fc.constant(null), fc.constant(NaN), fc.constant(Infinity)), { minLength: 24, maxLength: 24 }),
    })
    .map(({ metrics, steps, withTime, values }) => ({
      metrics,
      rows: steps.map((step, i) => ({
        step,
        time: withTime ? 1.7e9 + i : null,
        values: Object.fromEntries(metrics.map((m, k) => [m, values[(i * metrics.length + k) % values.length]!])),
      })),
    }));

  it(
    "reads back what the importers' history writer wrote",
    () => {
      assertProperty(importedHistory, (h) => {
        const r = parseHistoryCsv({ path: PATH, text: historyCsv(h) });
        expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const got = r.history!;
        expect([...got.step]).toEqual(h.rows.map((row) => row.step));
        for (const m of h.metrics) {
          const want = h.rows.map((row) => row.values[m]);
          // Not logged and non-finite are both gaps in a history.
          expect([...(got.metrics[m] ?? [])]).toEqual(want.map((v) => (v === null || v === undefined || !Number.isFinite(v) ? NaN : v)));
        }
      });
    },
    PROPERTY_TIMEOUT,
  );
});
