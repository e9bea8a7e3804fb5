import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, expectWellFormed, mutatedText, numberText, oddName, oddNumber, PROPERTY_TIMEOUT, wideCount } from "../../../tests/unit/fuzz/fuzz.ts";
import { csvCell } from "../export/csvCell.ts";
import { parseHistoryJsonl } from "./parseHistoryJsonl.ts";
import { parseRunFile, parseRunFolder } from "./parseRunFolder.ts";
import { parseRunJson, RUN_JSON_KEYS } from "./parseRunJson.ts";
import { parseRunsTable, RUNS_TABLE_COLUMNS } from "./parseRunsTable.ts";

const stripBom = (t: string): string => t.replace(/^\ufeff/, "");
const errorsOf = (ds: readonly { severity: string }[]): number => ds.filter((d) => d.severity === "error").length;

const scalar = fc.oneof(oddNumber, fc.constant(null), fc.boolean(), fc.string({ maxLength: 6 }), fc.constantFrom("NaN", "inf", "-Infinity", "2024-05-01T12:30:00Z"));
const value: fc.Arbitrary<unknown> = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.dictionary(oddName, scalar, { maxKeys: 3 }) });

/** A JSON text with bare NaN / Infinity where the value was a marker string, as Python writes them. */
function pythonJson(v: unknown, indent: number | undefined): string {
  return JSON.stringify(v, null, indent).replace(/"@@(NaN|Infinity|-Infinity)@@"/g, "$1");
}
const historyValue = fc.oneof({ weight: 6, arbitrary: oddNumber }, { weight: 1, arbitrary: fc.constantFrom(null, "NaN", "@@NaN@@", "@@Infinity@@", "x", true) });

const historyRows = fc.array(fc.dictionary(fc.oneof(fc.constantFrom("step", "_step", "time", "loss", "acc"), oddName), historyValue, { maxKeys: 4 }), { maxLength: 6 });

describe("parseHistoryJsonl(file) on generated input", () => {
  const jsonl = fc.tuple(historyRows, fc.constantFrom("\n", "\r\n"), fc.boolean()).map(([rows, eol, blank]) => rows.map((r) => pythonJson(r, undefined)).join(blank ? `${eol}${eol}` : eol));
  it(
    "returns a history or positioned diagnostics, and errors leave the history out",
    () => {
      // Wide lines: many keys, text values (each one a diagnostic), or many rows.
      const wide = fc.tuple(wideCount, fc.constantFrom('"x"', "1", "null")).map(([n, v]) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${v}`).join(",")}}\n`);
      // Rows nested deeper than the positional parser's stack, with a step problem to locate.
      const deep = fc.tuple(fc.constantFrom(100, 50_000), fc.constantFrom("null", "0", '"x"')).map(([n, step]) => `{"step": 1}\n{"step": ${step}, "d": ${"[".repeat(n)}${"]".repeat(n)}}\n`);
      assertProperty(fc.oneof({ weight: 8, arbitrary: mutatedText(jsonl) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: wide }, { weight: 1, arbitrary: deep }), (text) => {
        const r = parseHistoryJsonl({ path: "runs/p/a/history.jsonl", text });
        expectWellFormed(r.diagnostics, { file: "runs/p/a/history.jsonl", text: stripBom(text) });
        expect(r.history === null).toBe(errorsOf(r.diagnostics) > 0);
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );
});

const runDoc = fc
  .record(
    {
      name: fc.oneof(fc.string({ maxLength: 8 }), scalar),
      group: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null)),
      tags: fc.oneof(fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), scalar),
      state: fc.oneof(fc.constantFrom("running", "finished", "crashed", "failed", "Finished", "done"), scalar),
      created: fc.oneof(fc.constantFrom("2024-05-01T12:30:00Z", "2024-13-01", 1714566600, -1e300, "yesterday"), scalar),
      duration: fc.oneof(oddNumber, scalar),
      notes: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null)),
      git: fc.oneof(fc.record({ commit: fc.string({ maxLength: 8 }), branch: scalar, dirty: fc.boolean() }, { requiredKeys: [] }), scalar),
      config: fc.dictionary(oddName, value, { maxKeys: 4 }),
      summary: fc.dictionary(oddName, fc.oneof(value, fc.constantFrom("@@NaN@@", "@@Infinity@@")), { maxKeys: 4 }),
      history: fc.oneof(historyRows, fc.dictionary(fc.oneof(fc.constantFrom("step", "loss"), oddName), fc.array(historyValue, { maxLength: 4 }), { maxKeys: 3 }), scalar),
      extra: value,
    },
    { requiredKeys: [] },
  )
  .chain((doc) => fc.tuple(fc.constant(doc), fc.constantFrom<number | undefined>(undefined, 2)))
  .map(([doc, indent]) => pythonJson(doc, indent));

describe("parseRunJson(file) and parseRunFile(id, file) on generated input", () => {
  it(
    "returns a run or positioned diagnostics; an error leaves the run out",
    () => {
      assertProperty(fc.oneof(mutatedText(runDoc), fc.string({ maxLength: 30 })), (text) => {
        const file = { path: "runs/p/a.json", text };
        const r = parseRunJson(file);
        expectWellFormed(r.diagnostics, { file: file.path, text: stripBom(text) });
        if (r.meta === null) expect(errorsOf(r.diagnostics)).toBeGreaterThan(0);
        const run = parseRunFile("p/a", file);
        expect(run.run === null).toBe(errorsOf(run.diagnostics) > 0);
        if (run.run) {
          expect(run.run.id).toBe("p/a");
          expect(RUN_JSON_KEYS.length).toBeGreaterThan(0);
          for (const m of run.run.metrics) expect(Object.hasOwn(run.history!.metrics, m)).toBe(true);
        }
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "assembles folder runs from any run.json and history file",
    () => {
      const csv = fc.array(fc.array(fc.oneof(numberText, oddName), { minLength: 1, maxLength: 3 }), { maxLength: 4 }).map((rs) => rs.map((r) => r.join(",")).join("\n"));
      assertProperty(fc.tuple(fc.option(mutatedText(runDoc)), fc.option(mutatedText(csv))), ([json, history]) => {
        const files = [
          ...(json !== null ? [{ path: "runs/p/a/run.json", text: json }] : []),
          ...(history !== null ? [{ path: "runs/p/a/history.csv", text: history }] : []),
        ];
        const r = parseRunFolder("p/a", files);
        expectWellFormed(r.diagnostics, { file: (f) => files.some((x) => x.path === f) || f === "runs/p/a" });
        expect(r.run === null).toBe(errorsOf(r.diagnostics) > 0);
      }, 150);
    },
    PROPERTY_TIMEOUT,
  );
});

describe("parseRunsTable(file, prefix) on generated input", () => {
  const column = fc.oneof(fc.constantFrom(...RUNS_TABLE_COLUMNS, "config.lr", "config.a.b", "summary.val/loss", "git.commit", "config.", "summary."), oddName);
  const table = fc
    .record({
      header: fc.array(column, { minLength: 1, maxLength: 6 }).map((h) => (h.includes("id") || h.includes("name") ? h : ["id", ...h])),
      rows: fc.array(fc.array(fc.oneof(numberText, oddName, fc.constantFrom('["a","b"]', "{}", "a;b", "true", "2024-05-01", "1e300", "-99999999999999")), { maxLength: 7 }), { maxLength: 5 }),
      eol: fc.constantFrom("\n", "\r\n"),
    })
    .map(({ header, rows, eol }) => [header, ...rows].map((r) => r.map(csvCell).join(",")).join(eol));
  it(
    "returns runs or positioned diagnostics",
    () => {
      const wide = fc.tuple(wideCount, fc.constantFrom("config.k", "summary.m", "k", "config.a.")).map(([n, prefix]) => `id,${Array.from({ length: n }, (_, i) => prefix + i).join(",")}\na${",1".repeat(n)}\n`);
      assertProperty(fc.oneof({ weight: 8, arbitrary: mutatedText(table) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: wide }), (text) => {
        const r = parseRunsTable({ path: "runs/p/runs.csv", text }, "p");
        expectWellFormed(r.diagnostics, { file: "runs/p/runs.csv", text: stripBom(text) });
        for (const run of r.runs) expect(run.id.startsWith("p/")).toBe(true);
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );
});
