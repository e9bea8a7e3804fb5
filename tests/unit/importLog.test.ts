import { describe, expect, it } from "vitest";
import { compileLogPattern, importLog } from "../../src/core/import/log.ts";
import { column, fixtureFiles, haveFixture, steps } from "./importFixtureFiles.ts";

const RECORDS = "plain_logs/modded-nanogpt/records";
/** llm.c's `-o` log: `s:N trl:X lr:Y norm:Z` train lines and `s:N tel:X` val lines. */
const LLMC = String.raw`s:(?<step>\d+) (?:trl:(?<train__loss>[\d.]+)(?: lr:(?<lr>[\d.]+) norm:(?<norm>[\d.]+))?|tel:(?<val__loss>[\d.]+))`;
/** modded-nanogpt's own log lines. */
const MODDED = String.raw`step:(?<step>\d+)/\d+ (?:train_loss:(?<train__loss>[\d.]+)|val_loss:(?<val__loss>[\d.]+)) train_time:(?<train_time_ms>\d+)ms step_avg:(?<step_avg_ms>nan|[\d.]+)ms`;

describe.skipIf(!haveFixture(RECORDS))("importLog(files, options): llm.c logs", () => {
  it("reads the 2024-10-13 llm.c main.log: 19,560 train lines and 80 val lines on 19,561 steps", () => {
    const result = importLog(fixtureFiles(`${RECORDS}/track_1_short/2024-10-13_llmc`), { project: "llmc", rootName: "2024-10-13_llmc", pattern: LLMC });
    expect(result.diagnostics).toEqual([]);
    const run = result.runs[0]!;
    expect(run.slug).toBe("2024-10-13_llmc");
    expect(run.history!.metrics).toEqual(["train/loss", "lr", "norm", "val/loss"]);
    expect(run.history!.rows).toHaveLength(19561);
    expect(column(run.history, "train/loss")).toHaveLength(19560);
    expect(column(run.history, "val/loss")).toHaveLength(80);
    expect(column(run.history, "train/loss")[0]).toBe(11.0091);
    expect(column(run.history, "norm")[0]).toBe(15.37);
    expect(column(run.history, "val/loss")[0]).toBe(11.0092);
    expect(steps(run.history, "val/loss").at(-1)).toBe(19560);
    expect(column(run.history, "val/loss").at(-1)).toBe(3.2722);
    // README.md is prose, not a log; every line of main.log matches.
    expect(result.skipped).toEqual([]);
  });

  it("reads the AdamW baseline (no lr/norm fields) and the validation-only medium log", () => {
    const adamw = importLog(fixtureFiles(`${RECORDS}/track_1_short/2024-06-06_AdamW`), { project: "p", pattern: LLMC }).runs[0]!;
    expect(adamw.slug).toBe("f66d43d7-e449-4029-8adf-e8537bab49ea");
    expect(adamw.history!.metrics).toEqual(["train/loss", "val/loss"]);
    expect(adamw.history!.rows).toHaveLength(9537);
    expect(column(adamw.history, "train/loss")).toHaveLength(9536);
    expect(column(adamw.history, "val/loss")).toHaveLength(76);
    expect(column(adamw.history, "val/loss").at(-1)).toBe(3.275959);
    const medium = importLog(fixtureFiles(`${RECORDS}/track_2_medium/2025-01-18`), { project: "p", rootName: "2025-01-18", pattern: LLMC }).runs[0]!;
    expect(medium.history!.metrics).toEqual(["val/loss"]);
    expect(medium.history!.rows).toHaveLength(241);
    expect(steps(medium.history).at(-1)).toBe(60000);
    expect(column(medium.history, "val/loss").at(-1)).toBe(2.9282);
  });

  it("reads the modded-nanogpt Muon log: nan step_avg kept as logged NaN, 59 other lines skipped", () => {
    const result = importLog(fixtureFiles(`${RECORDS}/track_1_short/2024-10-10_Muon`), { project: "p", pattern: MODDED });
    const run = result.runs[0]!;
    expect(column(run.history, "train/loss")).toHaveLength(6200);
    expect(column(run.history, "val/loss")).toHaveLength(51);
    expect(column(run.history, "step_avg_ms").filter(Number.isNaN)).toHaveLength(13);
    expect(column(run.history, "train_time_ms").slice(10, 12)).toEqual([77676, 214]);
    expect(result.skipped).toEqual([{ run: run.slug, what: "line", reason: "does not match --pattern", count: 59 }]);
  });
});

describe("compileLogPattern(pattern)", () => {
  it("needs a step group and a valid regular expression", () => {
    expect(compileLogPattern("loss:(?<loss>\\d+)")).toMatchObject({ error: expect.stringContaining("no named group `step`") });
    expect(compileLogPattern("(?<step>\\d+")).toMatchObject({ error: expect.any(String) });
    expect(compileLogPattern("(?<step>\\d+) (?<val__loss>\\S+)")).toMatchObject({ metrics: [{ group: "val__loss", metric: "val/loss" }] });
  });
  it("makes a pattern without a step group an IMP011 error", () => {
    const result = importLog([{ path: "a.log", text: "x" }], { project: "p", pattern: "loss:(?<loss>\\d+)" });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: "IMP011", severity: "error" })]);
  });

  it("reports a syntax error in the pattern at its column in --pattern", () => {
    const result = importLog([{ path: "a.log", text: "x" }], { project: "p", pattern: "s:(?<step>\\d+" });
    expect(result.diagnostics).toEqual([
      {
        file: "--pattern",
        line: 1,
        column: 3,
        severity: "error",
        code: "EXPR016",
        message: "invalid regular expression: missing closing ) for this (",
        hint: "--pattern uses RE2 syntax with named groups (?<name>…); see docs/importing.md",
        excerpt: `  1 | s:(?<step>\\d+\n${" ".repeat(8)}^`,
      },
    ]);
    expect(result.runs).toEqual([]);
  });

  it("reports a backreference or lookahead as EXPR024 at its column, naming what to write instead", () => {
    const backref = importLog([{ path: "a.log", text: "x" }], { project: "p", pattern: "(?<step>\\d+) (a)\\2" }).diagnostics[0]!;
    expect(backref).toMatchObject({
      file: "--pattern",
      column: 17,
      code: "EXPR024",
      message: "unsupported in regular expressions: backreference '\\2' (patterns use RE2 syntax, which matches in linear time)",
    });
    expect(backref.excerpt).toBe(`  1 | (?<step>\\d+) (a)\\2\n${" ".repeat(22)}^^`);
    const ahead = importLog([{ path: "a.log", text: "x" }], { project: "p", pattern: "s:(?<step>\\d+)(?= )" }).diagnostics[0]!;
    expect(ahead).toMatchObject({ column: 15, code: "EXPR024", message: expect.stringContaining("lookahead '(?='") });
  });

  it("reads lines with a catastrophic-backtracking pattern correctly", () => {
    // ((?:\d+)+)x backtracks exponentially on a long digit run with no x; RE2 needs one pass.
    const text = `step ${"1".repeat(40)}!\nstep 7 x loss 0.5\nstep 8 x loss 0.25\n`;
    const result = importLog([{ path: "train.log", text }], { project: "p", rootName: "r", pattern: "step (?<step>(?:\\d+)+) x loss (?<loss>[\\d.]+)" });
    expect(result.diagnostics).toEqual([]);
    expect(result.runs[0]!.history!.rows).toEqual([
      { step: 7, time: null, values: { loss: 0.5 } },
      { step: 8, time: null, values: { loss: 0.25 } },
    ]);
    expect(result.skipped).toEqual([{ run: "r", what: "line", reason: "does not match --pattern", count: 1 }]);
  });

  it("takes RE2's (?P<name>…) groups as well as (?<name>…), in pattern order", () => {
    expect(compileLogPattern("(?P<step>\\d+) (?<b>x) (?P<a>y)")).toMatchObject({ metrics: [{ group: "b" }, { group: "a" }] });
  });
});

describe("importLog(files, options): logs with the same name in different folders", () => {
  it("names them by their path instead of a silent -2", () => {
    const pattern = String.raw`step (?<step>\d+) loss (?<loss>[\d.]+)`;
    const r = importLog([
      { path: "runA/seed0/main.log", text: "step 0 loss 1\n" },
      { path: "runB/seed0/main.log", text: "step 0 loss 2\n" },
      { path: "x/train_a.log", text: "step 0 loss 3\n" },
      { path: "y/train_a.log", text: "step 0 loss 4\n" },
    ], { project: "p", pattern });
    expect(r.runs.map((x) => [x.slug, x.name])).toEqual([
      ["runA-seed0", "runA/seed0"],
      ["runB-seed0", "runB/seed0"],
      ["x-train_a", "x/train_a"],
      ["y-train_a", "y/train_a"],
    ]);
  });
});
