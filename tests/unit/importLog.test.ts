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
  it("makes a bad pattern an IMP011 error", () => {
    const result = importLog([{ path: "a.log", text: "x" }], { project: "p", pattern: "(" });
    expect(result.diagnostics[0]).toMatchObject({ code: "IMP011", severity: "error" });
  });
});
