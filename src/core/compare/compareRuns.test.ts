import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { compileGlob } from "../query/compileGlob.ts";
import { compareRuns, formatDelta } from "./compareRuns.ts";
import { formatCompareState, parseCompareState } from "./compareState.ts";
import { compareChartData } from "./compareChartData.ts";
import { renderCompareTable } from "./renderCompareTable.ts";
import type { Run } from "../run.ts";

const a = makeRun("p/a", {
  config: { optimizer: { name: "adamw", lr: 0.0003, betas: [0.9, 0.95] }, seed: 1, only_a: true },
  summary: { "val/loss": 3.0, acc: 0, same: 7 },
});
const b = makeRun("p/b", {
  config: { optimizer: { name: "adamw", lr: 0.001, betas: [0.9, 0.95] }, seed: 2 },
  summary: { "val/loss": 2.7, acc: 0.5, same: 7 },
});
const c = makeRun("p/c", {
  state: "crashed",
  config: { optimizer: { name: "lion", lr: 0.0003, betas: [0.9, 0.99] }, seed: 3 },
  summary: { "val/loss": null, acc: 0, same: 7 },
});

const row = (result: ReturnType<typeof compareRuns>, key: string) => result.rows.find((r) => r.key === key)!;

describe("compareRuns(runs, opts)", () => {
  it("flattens nested config into paths and marks only differing keys", () => {
    const result = compareRuns([a, b, c]);
    const differing = result.rows.filter((r) => r.differs).map((r) => r.key);
    expect(differing).toEqual([
      "state",
      "config.only_a",
      "config.optimizer.betas",
      "config.optimizer.lr",
      "config.optimizer.name",
      "config.seed",
      "summary.acc",
      "summary.val/loss",
    ]);
    expect(row(result, "summary.same").differs).toBe(false);
    expect(row(result, "project").differs).toBe(false);
    expect(row(result, "config.optimizer.lr").label).toBe("optimizer.lr");
  });

  it("compares two runs with equal lists and values as not differing", () => {
    const result = compareRuns([a, b]);
    expect(row(result, "config.optimizer.betas").differs).toBe(false);
    expect(row(result, "config.optimizer.name").differs).toBe(false);
  });

  it("keeps missing keys apart from null values", () => {
    const result = compareRuns([a, b, c]);
    expect(row(result, "config.only_a").values).toEqual([true, undefined, undefined]);
    expect(row(result, "summary.val/loss").values).toEqual([3, 2.7, null]);
  });

  it("gives numeric deltas against the first run, absolute and in percent", () => {
    const result = compareRuns([a, b, c]);
    const lr = row(result, "config.optimizer.lr");
    expect(lr.deltas[0]).toBeNull();
    expect(lr.deltas[1]!.abs).toBeCloseTo(0.0007);
    expect(lr.deltas[1]!.pct).toBeCloseTo(233.333, 2);
    expect(lr.deltas[2]).toBeNull(); // same value: no delta
    expect(row(result, "summary.val/loss").deltas[2]).toBeNull(); // gap: no delta
    // Reference 0: absolute only.
    expect(row(result, "summary.acc").deltas[1]).toEqual({ abs: 0.5, pct: null });
    expect(formatDelta(lr.deltas[1]!)).toBe("+7e-4 (+233%)");
    expect(formatDelta({ abs: -0.3, pct: -10 })).toBe("\u22120.3 (\u221210%)");
    expect(formatDelta({ abs: 0.5, pct: null })).toBe("+0.5");
  });

  it("writes a duration's delta as a duration, not as seconds", () => {
    const slow = makeRun("p/slow", { duration: 1708.5 });
    const fast = makeRun("p/fast", { duration: 1139 });
    const result = compareRuns([slow, fast]);
    const duration = row(result, "duration");
    expect(formatDelta(duration.deltas[1]!, "duration")).toBe("\u22129m 30s (\u221233.3%)");
    expect(formatDelta({ abs: 7260, pct: 50 }, "duration")).toBe("+2h 01m (+50%)");
    expect(formatDelta({ abs: -569.5, pct: -33.33 })).toBe("\u2212569.5 (\u221233.3%)");
  });

  it("limits config and summary rows to keys matching the globs", () => {
    const result = compareRuns([a, b], { keys: ["config.optimizer.*", "val/*"].map(compileGlob) });
    expect(result.rows.filter((r) => r.section !== "run").map((r) => r.key)).toEqual([
      "config.optimizer.betas",
      "config.optimizer.lr",
      "config.optimizer.name",
      "summary.val/loss",
    ]);
  });

  it("backticks config keys that are not plain", () => {
    const r1 = makeRun("p/x", { config: { "a.b": 1, "lr-schedule": "cos" } });
    const r2 = makeRun("p/y", { config: { "a.b": 2, "lr-schedule": "cos" } });
    expect(compareRuns([r1, r2]).rows.filter((r) => r.section === "config").map((r) => r.key)).toEqual(["config.`a.b`", "config.`lr-schedule`"]);
  });
});

describe("renderCompareTable(result, opts)", () => {
  it("renders differing rows only by default, every row with show: all, names as text", () => {
    const evil = makeRun("p/evil", { name: "<img src=x onerror=alert(1)>", config: { k: "<b>x</b>" } });
    const plain = makeRun("p/plain", { config: { k: "y" } });
    const html = renderCompareTable(compareRuns([evil, plain]), { id: "c", show: "differing", hrefForRun: (id) => `/runs/${id}/` });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(html).not.toContain(">project<");
    const all = renderCompareTable(compareRuns([evil, plain]), { id: "c", show: "all", hrefForRun: (id) => `/runs/${id}/` });
    expect(all).toContain(">project<");
  });
});

describe("parseCompareState(search) / formatCompareState(state)", () => {
  it("round-trips run ids, commas inside ids and the show flag", () => {
    const state = { runs: ["nanogpt/lr-3e-4-seed1", "odd/a,b c"], show: "all" as const };
    const q = formatCompareState(state);
    expect(q).toBe("?runs=nanogpt/lr-3e-4-seed1,odd/a%2Cb%20c&show=all");
    expect(parseCompareState(q)).toEqual(state);
    expect(parseCompareState("?runs=a,b,a")).toEqual({ runs: ["a", "b"], show: "differing" });
    expect(parseCompareState("")).toEqual({ runs: [], show: "differing" });
  });
});

describe("compareChartData(id, metric, runs, histories, colors)", () => {
  const run = (id: string, name: string) => ({ id, name }) as Run;
  it("makes one series per run that logged the metric, in the runs' order and colours", () => {
    const data = compareChartData(
      "compare-1",
      "loss",
      [run("p/a", "a"), run("q/a", "a"), run("p/b", "b")],
      [{ loss: { x: [0, 1, 2, 3], y: [1, 2, null, 4] } }, { acc: { x: [0], y: [1] } }, { loss: { x: [0, 3], y: [0, 1] } }],
      { "p/a": "#f00", "p/b": "#00f" },
    )!;
    expect(data.series.map((s) => [s.run, s.name, s.color])).toEqual([
      ["p/a", "a", "#f00"],
      ["p/b", "b", "#00f"],
    ]);
    expect(data.domain).toEqual({ x: [0, 3], y: [0, 4] });
    expect([data.xLabel, data.yLabel, data.id]).toEqual(["step", "loss", "compare-1"]);
  });
  it("names runs that share a name by id, and gives up on no finite point", () => {
    const same = compareChartData("c", "v", [run("p/a", "a"), run("q/a", "a")], [{ v: { x: [0], y: [1] } }, { v: { x: [0], y: [2] } }], {})!;
    expect(same.series.map((s) => s.name)).toEqual(["p/a", "q/a"]);
    expect(same.series[0]!.color).toBe("#888888");
    expect(compareChartData("c", "v", [run("p/a", "a")], [{ v: { x: [1], y: [null] } }], {})).toBeNull();
  });
});
