import { afterEach, describe, expect, it } from "vitest";
import { MAX_NESTING } from "../ownRecord.ts";
import { parseHistoryCsv } from "./parseHistoryCsv.ts";
import { parseHistoryJsonl } from "./parseHistoryJsonl.ts";
import { parseRunFile, parseRunFolder } from "./parseRunFolder.ts";
import { parseRunsTable } from "./parseRunsTable.ts";
import { fromStoredRun, toStoredRun } from "./storedRun.ts";
import { stableJson } from "../explore/stableJson.ts";

const arr = (a: Float64Array | null | undefined): number[] => Array.from(a ?? []);
const where = (ds: { line: number; column: number; severity: string; code: string }[]): string[] => ds.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);
const HOSTILE = ["__proto__", "constructor", "prototype"];

afterEach(() => {
  // A polluted prototype would leak into every later test: fail loudly, then clean up.
  const leaked = Object.keys(Object.prototype);
  for (const k of leaked) delete (Object.prototype as Record<string, unknown>)[k];
  expect(leaked).toEqual([]);
});

describe("user keys named __proto__, constructor and prototype are ordinary data", () => {
  it("runs.csv: config paths and summary columns never reach Object.prototype", () => {
    const text = "id,config.__proto__.polluted,config.constructor.prototype.x,config.a.__proto__,summary.__proto__,summary.constructor\nr1,yes,1,2,0.5,0.25\n";
    const { runs, diagnostics } = parseRunsTable({ path: "runs/p/runs.csv", text }, "p");
    expect(diagnostics).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const run = runs[0]!;
    expect(Object.keys(run.config)).toEqual(["__proto__", "constructor", "a"]);
    expect(Object.keys(run.config["__proto__"] as object)).toEqual(["polluted"]);
    expect((run.config["__proto__"] as Record<string, unknown>).polluted).toBe("yes");
    expect(((run.config.constructor as unknown as Record<string, unknown>).prototype as Record<string, unknown>).x).toBe(1);
    expect(Object.getOwnPropertyDescriptor(run.config.a, "__proto__")?.value).toBe(2);
    expect(Object.keys(run.summary)).toEqual(["__proto__", "constructor"]);
    expect(run.summary["__proto__"]).toBe(0.5);
    expect(run.summary.constructor).toBe(0.25);
    // Absent keys read as absent, not as inherited members.
    expect(run.summary.toString).toBeUndefined();
  });

  it("run JSON: config, summary and both history forms keep the keys", () => {
    for (const history of [
      '{"step": [0, 1], "__proto__": [1, 2], "constructor": [3, 4], "prototype": [5, 6]}',
      '[{"step": 0, "__proto__": 1, "constructor": 3, "prototype": 5}, {"step": 1, "__proto__": 2, "constructor": 4, "prototype": 6}]',
    ]) {
      const text = `{"config": {"__proto__": {"polluted": true}, "constructor": "c"}, "summary": {"__proto__": 9, "best": {"constructor": 7}}, "history": ${history}}`;
      const { run, history: h, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text });
      expect(diagnostics).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(run!.config)).toContain("__proto__");
      expect((run!.config["__proto__"] as Record<string, unknown>).polluted).toBe(true);
      expect(run!.config.constructor).toBe("c");
      expect(run!.metrics).toEqual([...HOSTILE].sort());
      expect(arr(h!.metrics["__proto__"])).toEqual([1, 2]);
      expect(arr(h!.metrics.constructor as unknown as Float64Array)).toEqual([3, 4]);
      expect(run!.summary["__proto__"]).toBe(9);
      expect(run!.summary["best/constructor"]).toBe(7);
      expect(run!.summary.prototype).toBe(6);
    }
  });

  it("history.csv and history.jsonl keep a metric named __proto__ (and its summary)", () => {
    const csv = parseHistoryCsv({ path: "runs/p/r/history.csv", text: "step,__proto__,constructor\n0,1,3\n1,2,4\n" });
    expect(csv.diagnostics).toEqual([]);
    expect(Object.keys(csv.history!.metrics)).toEqual(["__proto__", "constructor"]);
    expect(arr(csv.history!.metrics["__proto__"])).toEqual([1, 2]);
    const jsonl = parseHistoryJsonl({ path: "runs/p/r/history.jsonl", text: '{"step":0,"__proto__":1}\n{"step":1,"__proto__":2,"constructor":4}\n' });
    expect(jsonl.diagnostics).toEqual([]);
    expect(Object.keys(jsonl.history!.metrics)).toEqual(["__proto__", "constructor"]);
    expect(arr(jsonl.history!.metrics["__proto__"])).toEqual([1, 2]);
    const { run } = parseRunFolder("p/r", [{ path: "runs/p/r/history.jsonl", text: '{"step":0,"__proto__":1}\n{"step":1,"__proto__":2}\n' }]);
    expect(run!.metrics).toEqual(["__proto__"]);
    expect(run!.summary["__proto__"]).toBe(2);
  });
});

describe("a metric with an empty name is ignored with a positioned warning in every form", () => {
  it.each([
    ["JSON columns", "runs/p/r.json", '{"history": {"step": [0], "": [1]}}', ["1:27 warning RUN041"]],
    ["JSON rows", "runs/p/r.json", '{"history": [{"step": 0, "": 1}]}', ["1:26 warning RUN041"]],
    ["summary", "runs/p/r.json", '{"summary": {"a": {"": 1}, "": 2}}', ["1:20 warning RUN041", "1:28 warning RUN041"]],
  ])("%s", (_name, path, text, expected) => {
    const { run, diagnostics } = parseRunFile("p/r", { path, text });
    expect(where(diagnostics)).toEqual(expected);
    expect(run!.metrics).not.toContain("");
    expect(Object.keys(run!.summary)).not.toContain("");
    expect(Object.keys(run!.summary)).not.toContain("a/");
  });

  it("JSONL and CSV", () => {
    const jsonl = parseHistoryJsonl({ path: "runs/p/r/history.jsonl", text: '{"step": 0, "loss": 1}\n{"step": 1, "": 2}\n' });
    expect(where(jsonl.diagnostics)).toEqual(["2:13 warning RUN041"]);
    expect(Object.keys(jsonl.history!.metrics)).toEqual(["loss"]);
    const csv = parseHistoryCsv({ path: "runs/p/r/history.csv", text: "step,,loss\n0,1,2\n" });
    expect(where(csv.diagnostics)).toEqual(["1:6 warning RUN018"]);
    expect(Object.keys(csv.history!.metrics)).toEqual(["loss"]);
  });
});

describe("nesting deeper than MAX_NESTING is a positioned error in run JSON and JSONL", () => {
  it.each([MAX_NESTING + 1, 3_000, 100_000])("config nested %i levels", (depth) => {
    const text = `{\n  "config": ${'{"a": '.repeat(depth)}1${"}".repeat(depth)}\n}`;
    const { run, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text });
    expect(run).toBeNull();
    // The run object is level 1; config's first object level 2; level 101 is the 100th `{"a": `.
    expect(where(diagnostics)).toEqual([`2:${13 + 6 * (MAX_NESTING - 1)} error RUN040`]);
  });

  it("accepts exactly MAX_NESTING levels", () => {
    const depth = MAX_NESTING - 1;
    const text = `{"config": ${'{"a": '.repeat(depth)}1${"}".repeat(depth)}}`;
    expect(parseRunFile("p/r", { path: "runs/p/r.json", text }).diagnostics).toEqual([]);
  });

  it("a runs.csv config column with more path segments than levels", () => {
    const ok = `config.${Array(MAX_NESTING - 1).fill("a").join(".")}`;
    const deep = `config.${Array(5_000).fill("a").join(".")}`;
    expect(parseRunsTable({ path: "runs/p/runs.csv", text: `id,${ok}\nr,1\n` }, "p").diagnostics).toEqual([]);
    const r = parseRunsTable({ path: "runs/p/runs.csv", text: `id,${deep}\nr,1\n` }, "p");
    expect(where(r.diagnostics)).toEqual(["1:4 error RUN040"]);
    expect(r.runs).toEqual([]);
  });

  it("a JSONL line", () => {
    const text = `{"step": 0}\n{"step": 1, "x": ${"[".repeat(5_000)}${"]".repeat(5_000)}}\n`;
    const r = parseHistoryJsonl({ path: "runs/p/r/history.jsonl", text });
    expect(where(r.diagnostics)).toEqual([`2:${18 + MAX_NESTING - 1} error RUN040`]);
  });
});

describe("toStoredRun(run) / fromStoredRun(data)", () => {
  it("round-trips __proto__ keys into objects without a prototype", () => {
    const text = '{"config": {"__proto__": {"polluted": 1}}, "summary": {"__proto__": 2}, "history": {"step": [0], "__proto__": [3]}}';
    const { run } = parseRunFile("p/r", { path: "runs/p/r.json", text });
    const back = fromStoredRun(structuredClone(toStoredRun(run!)))!;
    expect(back).toEqual(run);
    expect(Object.getPrototypeOf(back.config)).toBe(null);
    expect(Object.keys(back.config)).toEqual(["__proto__"]);
    expect(Object.keys(back.summary)).toEqual(["__proto__"]);
    expect(back.metrics).toEqual(["__proto__"]);
    expect(stableJson(back.summary)).toBe('{"__proto__":2}');
  });
});
