/**
 * Inputs the property tests (`*.property.test.ts`) found to break a reader, kept as files under
 * tests/fixtures/fuzz/ with the exact result each must give now. (Inputs that are broken run
 * files live in tests/fixtures/broken-runs/fuzz-*, broken reports in broken-reports/cases/fuzz-*.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseHistoryCsv, parseHistoryCsvFull } from "../../src/core/runs/parseHistoryCsv.ts";
import { parseHistoryCsvFast } from "../../src/core/runs/parseHistoryCsvFast.ts";
import { parseHistoryJsonl } from "../../src/core/runs/parseHistoryJsonl.ts";
import { parseRunFolder } from "../../src/core/runs/parseRunFolder.ts";
import { historyCsv } from "../../src/core/import/writeRunFolder.ts";
import { parseExpression, referencedFields, selectRuns } from "../../src/core/query/index.ts";
import { makeRun } from "../helpers/testRuns.ts";
import { importRuns, type ImportFn } from "../../src/core/import/importRuns.ts";
import { writeRunFolder } from "../../src/core/import/writeRunFolder.ts";
import { filesUnder } from "./importFilesUnder.ts";
import { importTensorboard } from "../../src/core/import/tensorboard/index.ts";
import { importWandb } from "../../src/core/import/wandb/index.ts";
import { parseRunsTable } from "../../src/core/runs/parseRunsTable.ts";
import { parseBlock } from "../../src/core/report/parseBlock.ts";

const dir = path.resolve(import.meta.dirname, "../fixtures/fuzz");
const read = (name: string): string => readFileSync(path.join(dir, name), "utf8");
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(dir, name)));

describe("fuzz corpus: run readers", () => {
  it("csv-one-column-blank-line: the fast path skips a blank line as the full parser does", () => {
    const file = { path: "h.csv", text: read("csv-one-column-blank-line.csv"), bytes: bytes("csv-one-column-blank-line.csv") };
    const r = parseHistoryCsv(file);
    expect(r.diagnostics).toEqual([]);
    expect([...r.history!.step]).toEqual([0]);
    expect(Object.entries(r.history!.metrics).map(([k, v]) => [k, [...v]])).toEqual([["a b", [0]]]);
    expect(parseHistoryCsvFast(file)).toBeNull();
    expect(parseHistoryCsvFull(file).history!.step.length).toBe(1);
  });

  it("csv-proto-metric: metrics named __proto__ and constructor are kept as metrics and summary values", () => {
    const { run, diagnostics } = parseRunFolder("p/a", [{ path: "runs/p/a/history.csv", text: read("csv-proto-metric.csv") }]);
    expect(diagnostics).toEqual([]);
    expect(run!.metrics).toEqual(["__proto__", "constructor"]);
    expect(Object.entries(run!.summary)).toEqual([["__proto__", 3], ["constructor", 4]]);
    // Summaries are keyed by metric names: no prototype, so `__proto__` is data (see ownRecord).
    expect(Object.getPrototypeOf(run!.summary)).toBeNull();
  });

  it("jsonl-proto-metric: a JSONL key __proto__ is a metric like any other", () => {
    const r = parseHistoryJsonl({ path: "h.jsonl", text: read("jsonl-proto-metric.jsonl") });
    expect(r.diagnostics).toEqual([]);
    expect(Object.entries(r.history!.metrics).map(([k, v]) => [k, [...v]])).toEqual([["__proto__", [1, 2]]]);
    expect(Object.entries(r.lastLogged)).toEqual([["__proto__", 2]]);
  });

  // Inputs that took minutes (a re-parse per bad value, an indexOf per column); built here, not committed as 500 KB files.
  it("a JSONL line with 20,000 text values reports the first 20 and a count, each line parsed for positions once", () => {
    const line = `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":"x"`).join(",")}}`;
    const r = parseHistoryJsonl({ path: "h.jsonl", text: `${line}\n` });
    expect(r.diagnostics).toHaveLength(21);
    expect(r.diagnostics[1]).toMatchObject({ line: 1, column: 16, code: "RUN008" });
    expect(r.diagnostics[20]).toMatchObject({ line: 1, column: 1, code: "RUN030", message: "19980 more problem(s) in this file not shown" });
  });

  it("a JSONL row nested 50,000 deep with a null step is RUN040 at the first list past 100 levels, not a throw", () => {
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const r = parseHistoryJsonl({ path: "h.jsonl", text: `{"step": 0, "loss": 1}\n{"step": null, "d": ${deep}}\n` });
    // `d` opens at column 21 (level 2 of the row); level 101 is the 100th bracket.
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual(["2:120 RUN040 value nested more than 100 levels deep"]);
  });

  it("a runs.csv header of 40,000 config columns is read in one pass", () => {
    const n = 40_000;
    const text = `id,${Array.from({ length: n }, (_, i) => `config.k${i}`).join(",")},config.k7\na${",1".repeat(n + 1)}\n`;
    const r = parseRunsTable({ path: "runs/p/runs.csv", text }, "p");
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([`1:${text.indexOf(",config.k7\n") + 2} RUN017 duplicate column "config.k7" (first seen as column 9)`]);
  });

  it("negative zero survives the importers' history writer", () => {
    const text = historyCsv({ metrics: ["x"], rows: [{ step: 0, time: null, values: { x: -0 } }] });
    expect(text).toBe("step,x\n0,-0\n");
    expect(Object.is(parseHistoryCsv({ path: "h.csv", text }).history!.metrics.x![0], -0)).toBe(true);
  });
});

describe("fuzz corpus: run-set expressions", () => {
  it("a chain of 20,000 `and` conditions evaluates without overflowing the stack", () => {
    const r = parseExpression(Array(20_000).fill('name = "a"').join(" and "));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const runs = [makeRun("p/a"), makeRun("p/b")];
    expect(selectRuns(runs, r.expr).map((run) => run.id)).toEqual(["p/a"]);
    expect(referencedFields(r.expr)).toHaveLength(1);
    const or = parseExpression(Array(20_000).fill('name = "b"').join(" or "));
    expect(or.ok && selectRuns(runs, or.expr).map((run) => run.id)).toEqual(["p/b"]);
  });
});

describe("fuzz corpus: importers (tests/fixtures/fuzz/import/<case>/)", () => {
  const imported = (name: string, format: string) => importRuns(filesUnder(path.join(dir, "import", name)), { project: "p", format });
  const codes = (r: ReturnType<typeof importRuns>) => r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`);

  it("mlflow-start-time-out-of-range: a start_time beyond Date's range leaves created empty instead of throwing", () => {
    const r = imported("mlflow-start-time-out-of-range", "mlflow");
    expect(codes(r)).toEqual([]);
    expect(r.runs.map((run) => [run.slug, run.created, run.duration])).toEqual([["abc123", null, null]]);
  });

  it("keras-duplicate-column: the second column of a name is left out with IMP040, not written twice", () => {
    const r = imported("keras-duplicate-column", "keras");
    expect(codes(r)).toEqual(["training.log:1:12 warning IMP040"]);
    expect(r.diagnostics[0]!.message).toBe('duplicate column "loss" (first seen as column 2); this column is not imported');
    expect(r.runs[0]!.history!.metrics).toEqual(["loss"]);
    expect(writeRunFolder(r.runs[0]!)["history.csv"]).toBe("step,loss\n0,1\n1,0.5\n");
  });

  it("keras-constructor-metric: a metric named constructor that a row did not log is an empty cell", () => {
    const r = imported("keras-constructor-metric", "keras");
    expect(codes(r)).toEqual([]);
    expect(writeRunFolder(r.runs[0]!)["history.csv"]).toBe("step,loss,constructor\n0,1,\n1,0.5,7\n");
  });

  it("wandb-csv-proto-metric: a metric named __proto__ is imported as a metric", () => {
    const r = imported("wandb-csv-proto-metric", "wandb-csv");
    expect(codes(r)).toEqual([]);
    expect(writeRunFolder(r.runs[0]!)["history.csv"]).toBe("step,__proto__,loss\n0,1,2\n1,3,\n");
  });

  it("JSON nested 50,000 levels deep is IMP041 for the text importers and a W&B JSON error at the first value past 100 levels, not a stack overflow", () => {
    const deep = `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`;
    const hf = importRuns([{ path: "out/trainer_state.json", text: `{"log_history": [], "x": ${deep}}` }], { project: "p", format: "hf" });
    // `x` opens at column 26 (level 2); each level is 5 characters, so level 101 starts at 26 + 99 × 5.
    expect(codes(hf)).toEqual(["out/trainer_state.json:1:521 error IMP041"]);
    expect(hf.diagnostics[0]!.message).toBe("values nested more than 100 levels deep are not read");
    expect(hf.runs).toEqual([]);
    const w = importWandb([{ path: "run-x-abc/files/wandb-summary.json", bytes: new TextEncoder().encode(`{"x": ${deep}}`) }], { project: "p" });
    expect(w.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual(["run-x-abc/files/wandb-summary.json:1:502 WANDB004"]);
    expect(w.diagnostics[0]!.message).toBe("JSON syntax error: value nested more than 100 levels deep");
  });

  it("dvc-params-alias-bomb: YAML aliases that expand too far are a syntax error at the alias that passes the budget", () => {
    const r = imported("dvc-params-alias-bomb", "dvc");
    // Lines 2 and 3 expand to 110 + 1,110 values, each `*a2` to 1,111: the 8th one on line 4 passes 10,000.
    expect(codes(r)).toEqual(["params.yaml:4:45 error IMP002"]);
    expect(r.diagnostics[0]!.message).toBe("invalid YAML: aliases expand to more than 10000 values at `*a2`");
    expect(r.runs).toEqual([]);
  });
});

describe("fuzz corpus: prototype keys and binary importers", () => {
  const polluted = (): unknown[] => [({} as Record<string, unknown>).polluted, ({} as Record<string, unknown>).x];

  it("runs-csv-proto-columns: config.__proto__.* columns make keys named __proto__, never write into Object.prototype", () => {
    const r = parseRunsTable({ path: "runs/p/runs.csv", text: read("runs-csv-proto-columns.csv") }, "p");
    expect(r.diagnostics).toEqual([]);
    expect(polluted()).toEqual([undefined, undefined]);
    expect(JSON.stringify(r.runs[0]!.config)).toBe('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":2}}}');
    expect(Object.entries(r.runs[0]!.summary)).toEqual([["__proto__", 3]]);
  });

  it("wandb-config-proto-path: nested config keys through __proto__ stay data in the run's config", () => {
    const r = importWandb(filesUnder(path.join(dir, "import/wandb-config-proto-path")), { project: "p" });
    expect(r.diagnostics).toEqual([]);
    expect(polluted()).toEqual([undefined, undefined]);
    const run = r.runs[0]!;
    expect(JSON.stringify(run.config)).toBe('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"lr":0.1,"wandb":{"project":"proj","run_id":"abc123"}}');
    expect(Object.entries(run.summary)).toEqual([["__proto__", 3]]);
  });

  it("wandb-step-nan: a history record whose _step is NaN stops the run with IMP016 at that record", () => {
    const r = importWandb(filesUnder(path.join(dir, "import/wandb-step-nan")), { project: "p" });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(["wandb/run-20240101_000000-abc123/run-abc123.wandb:1:8 error IMP016"]);
    expect(r.diagnostics[0]!.message).toBe('expected a number for "_step" in the history record at byte offset 7, found NaN');
    expect(r.runs).toEqual([]);
  });

  it("tensorboard-wall-time-out-of-range: a wall time of 1e300 leaves created empty instead of throwing", () => {
    const r = importTensorboard(filesUnder(path.join(dir, "import/tensorboard-wall-time-out-of-range")), { project: "p" });
    expect(r.diagnostics).toEqual([]);
    expect(r.runs.map((run) => [run.slug, run.created, run.history!.rows.length])).toEqual([["logs", null, 1]]);
  });

  it("tensorboard-metric-named-time: a tag named time is renamed time_ (IMP warning), not written as a second time column", () => {
    const files = filesUnder(path.join(dir, "import/tensorboard-metric-named-time"));
    const r = importRuns(files, { project: "p", format: "tensorboard", importers: { tensorboard: importTensorboard as ImportFn } });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)).toEqual([
      'logs/events.out.tfevents.1700000000.host:1:1 warning IMP017 metric "time" is written as "time_": "time" is a reserved history column',
    ]);
    expect(writeRunFolder(r.runs[0]!)["history.csv"]).toBe("step,time,time_,loss\n0,1700000000,1.5,0.5\n1,1700000002,2.5,\n");
  });

  it("tensorboard-year-10000: a wall time past year 9999 leaves created empty (the loader reads four-digit years)", () => {
    const r = importTensorboard(filesUnder(path.join(dir, "import/tensorboard-year-10000")), { project: "p" });
    expect(r.diagnostics).toEqual([]);
    expect(r.runs.map((run) => run.created)).toEqual([null]);
  });

  it("tensorboard-hparams-truncated: cut hparams plugin data inside a valid event is TB003 at that record", () => {
    const r = importTensorboard(filesUnder(path.join(dir, "import/tensorboard-hparams-truncated")), { project: "p" });
    expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(["logs/events.out.tfevents.1700000000.host:1:43 error TB003"]);
    expect(r.diagnostics[0]!.message).toBe("undecodable Event record at byte offset 42 (column = offset + 1): hparams plugin data: truncated protobuf: needs 10 more byte(s)");
    expect(r.runs).toEqual([]);
  });
});

describe("fuzz corpus: YAML blocks", () => {
  it("a chart block with 20,000 unknown keys is read in linear time: one diagnostic per key, in order", () => {
    const text = `y: a\n${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join("\n")}`;
    const r = parseBlock("chart", { file: "reports/r.md", text, firstLine: 10, indent: 2 });
    expect(r.diagnostics).toHaveLength(20_000);
    expect(r.diagnostics[19_999]).toMatchObject({ line: 20_010, column: 3, code: "BLOCK003" });
    expect(r.diagnostics[19_999]!.excerpt).toBe("  20010 |   k19999: 1\n            ^^^^^^");
  });

  it("a repeated key is still a syntax error at the second key", () => {
    const r = parseBlock("chart", { file: "reports/r.md", text: "y: a\ntitle: x\ntitle: y\n", firstLine: 5, indent: 0 });
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual(["7:1 BLOCK001 invalid YAML: Map keys must be unique"]);
  });
});
