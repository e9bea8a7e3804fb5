import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { compareText } from "../../format/compareText.ts";
import { formatNumber } from "../../format/formatValue.ts";
import type { History, Run } from "../../run.ts";
import { aggregateSeries } from "../../series/aggregate.ts";
import type { XAxis } from "../../series/seriesFromHistory.ts";
import type { GroupAgg, GroupBand } from "../../stats/groupStats.ts";
import { groupedLineSeries, type LineGroup, type LineSeries } from "./groupedLineSeries.ts";
import { lineChartProblems } from "./lineChartProblems.ts";
import { lineChartSeries } from "./renderLineChart.ts";
import { historyFacts } from "../../series/historyFacts.ts";
import { bits } from "../../../../tests/helpers/bitPatterns.ts";

const f = (...v: number[]) => Float64Array.from(v);

/**
 * The grouped lines as renderLineChart drew them before streaming: every run's series read at
 * once (lineChartSeries), bucketed by group and metric, each bucket aggregated whole.
 */
async function allAtOnce(runs: readonly Run[], metrics: string[], x: XAxis, histories: ReadonlyMap<string, History>, group: LineGroup, gridPoints?: number) {
  const { series, missing, problems, histories: read } = await lineChartSeries({ runs, metrics, x, readHistory: async (run) => histories.get(run.id)!, colors: new Map() });
  const notes: string[] = [];
  const buckets = new Map<string, { key: string; metric: string; members: LineSeries[] }>();
  for (const s of series) {
    const key = group.keyOf(runs.find((r) => r.id === s.runId)!);
    const id = `${key}\u0000${s.metric}`;
    const bucket = buckets.get(id) ?? { key, metric: s.metric, members: [] };
    bucket.members.push(s);
    buckets.set(id, bucket);
  }
  const rank = (key: string) => group.keys.indexOf(key);
  const out: LineSeries[] = [];
  for (const { key, metric, members } of [...buckets.values()].sort((a, b) => rank(a.key) - rank(b.key) || compareText(a.metric, b.metric))) {
    const agg = aggregateSeries(members, { agg: group.agg, band: group.band, ...(gridPoints ? { gridPoints } : {}) });
    const label = `${group.label}=${key} (n=${members.length})`;
    for (const i of agg.ended) notes.push(`${label}${metrics.length > 1 ? ` ${metric}` : ""}: n drops from ${agg.count[i - 1]} to ${agg.count[i]} after x = ${formatNumber(agg.x[i - 1]!)}, the band narrows there.`);
    out.push({ runId: `group:${key}`, runName: label, metric, color: group.colors.get(key) ?? "#888888", x: agg.x, y: agg.center, ...(group.band !== "none" ? { band: { lower: agg.lower, upper: agg.upper } } : {}), count: agg.count, legendOrder: rank(key) });
  }
  return { series: out, notes, missing, problems, read: read.map((h) => h !== null) };
}

function groupBy(field: (run: Run) => string, keys: string[], agg: GroupAgg, band: GroupBand): LineGroup {
  return { label: "lr", keyOf: field, keys, colors: new Map(keys.map((k, i) => [k, `#00000${i}`])), agg, band };
}

async function expectSameAsAllAtOnce(runs: Run[], metrics: string[], x: XAxis, histories: Map<string, History>, group: LineGroup) {
  await expectSameWithFacts(runs, metrics, x, histories, group);
  const want = bits(await allAtOnce(runs, metrics, x, histories, group));
  const reads: string[] = [];
  const readHistory = async (run: Run) => {
    reads.push(run.id);
    return histories.get(run.id)!;
  };
  for (const keepBytes of [undefined, 0, 200]) {
    reads.length = 0;
    const got = await groupedLineSeries({ runs, metrics, x, readHistory }, group, keepBytes === undefined ? {} : { keepBytes });
    const { exact: _exact, ...rest } = got;
    expect(bits(rest), `keepBytes ${keepBytes}`).toEqual(want);
    // Kept runs are read once; with nothing kept, the runs that drew a line are read again.
    if (keepBytes === undefined) expect(new Set(reads).size).toBe(reads.length);
    if (keepBytes === 0 && got.series.length) expect(reads.length).toBeGreaterThan(new Set(reads).size);
  }
}

/**
 * With the runs' history facts and a grid of 3 points (so these short runs are "long"): the same
 * lines. Returns how many reads it took with nothing kept between the passes.
 */
async function expectSameWithFacts(runs: Run[], metrics: string[], x: XAxis, histories: Map<string, History>, group: LineGroup): Promise<number> {
  const gridPoints = 3;
  const want = bits(await allAtOnce(runs, metrics, x, histories, group, gridPoints));
  const reads: string[] = [];
  const readHistory = async (run: Run) => {
    reads.push(run.id);
    return histories.get(run.id)!;
  };
  const readFacts = async (run: Run) => historyFacts(histories.get(run.id)!);
  const got = await groupedLineSeries({ runs, metrics, x, readHistory, readFacts }, group, { gridPoints, keepBytes: 0, exactness: true });
  const { exact, ...rest } = got;
  expect(bits(rest)).toEqual(want);
  // Nothing kept between passes: two passes read a run that draws twice, the facts' one pass once.
  expect(reads.every((id) => reads.filter((r) => r === id).length <= 2)).toBe(true);
  const count = reads.length;
  const plain = await groupedLineSeries({ runs, metrics, x, readHistory: async (run) => histories.get(run.id)! }, group, { gridPoints, exactness: true });
  expect(exact).toBe(plain.exact);
  return count;
}

// Nine runs in three groups: different step ranges, gaps (NaN, ±Infinity), a run lacking a metric,
// one without wall time, one logging nothing the chart draws.
const lrs = ["0.1", "0.01", "0.001"];
const fixtureRuns = Array.from({ length: 9 }, (_, i) => makeRun(`p/r${i}`, { metrics: i === 7 ? ["other"] : i === 4 ? ["loss"] : ["loss", "acc"], config: { lr: lrs[i % 3]! } }));
const fixtureHistories = new Map<string, History>(
  fixtureRuns.map((run, i) => {
    const n = 4 + i * 3;
    const step = Float64Array.from({ length: n }, (_, s) => s * (1 + (i % 2)) + i);
    const loss = Float64Array.from({ length: n }, (_, s) => (s === 2 && i % 3 === 0 ? NaN : s === 3 && i === 5 ? Infinity : 1 / (s + 1) + i / 100));
    const acc = Float64Array.from({ length: n }, (_, s) => 0.5 + s / 50 - (i % 4) / 10);
    return [run.id, { step, time: i === 8 ? null : Float64Array.from(step, (s) => 1.7e9 + s * 0.37 + i), metrics: { loss, acc, other: f(...step) } }];
  }),
);
const byLr = (agg: GroupAgg, band: GroupBand) => groupBy((r) => String(r.config.lr), lrs, agg, band);

describe("groupedLineSeries: a grouped chart's lines, one run at a time", () => {
  const cases: [string, string[], XAxis][] = [
    ["step", ["loss"], { kind: "step" }],
    ["two metrics", ["loss", "acc"], { kind: "step" }],
    ["wall time (a run without it)", ["loss", "acc"], { kind: "time" }],
    ["a metric on x", ["loss"], { kind: "metric", metric: "acc" }],
    ["a metric nobody logs", ["loss", "nope"], { kind: "step" }],
  ];
  for (const [name, metrics, x] of cases) {
    it(`draws what aggregating every member at once drew, bit for bit: ${name}`, async () => {
      for (const [agg, band] of [["mean", "stderr"], ["median", "ci95"], ["mean", "minmax"], ["max", "none"], ["min", "stddev"]] as const) {
        await expectSameAsAllAtOnce(fixtureRuns, metrics, x, fixtureHistories, byLr(agg, band));
      }
    });
  }

  it("finds the problems lineChartSeries finds, one run at a time (what a check asks)", async () => {
    const readHistory = async (run: Run) => fixtureHistories.get(run.id)!;
    const readFacts = async (run: Run) => historyFacts(fixtureHistories.get(run.id)!);
    for (const [, metrics, x] of cases) {
      const want = (await lineChartSeries({ runs: fixtureRuns, metrics, x, readHistory, colors: new Map() })).problems;
      expect(await lineChartProblems({ runs: fixtureRuns, metrics, x, readHistory })).toEqual(want);
      // From the facts, reading no history where x is step or time.
      let reads = 0;
      const counted = async (run: Run) => (reads++, readHistory(run));
      expect(await lineChartProblems({ runs: fixtureRuns, metrics, x, readHistory: counted, readFacts })).toEqual(want);
      expect(reads === 0).toBe(x.kind !== "metric");
    }
    const timeProblems = await lineChartProblems({ runs: fixtureRuns, metrics: ["loss", "nope"], x: { kind: "time" }, readHistory });
    expect(timeProblems).toEqual([{ kind: "noTime", runs: ["r8"] }, { kind: "noPoints", metric: "nope" }]);
  });

  it("reads at most 8 histories at once, and fails with the first failing run in run order", async () => {
    const runs = Array.from({ length: 40 }, (_, i) => makeRun(`p/r${i}`, { metrics: ["loss"], config: { lr: "1" } }));
    let open = 0;
    let most = 0;
    const readHistory = async (run: Run): Promise<History> => {
      most = Math.max(most, ++open);
      await new Promise((resolve) => setTimeout(resolve, run.id === "p/r3" ? 15 : 1));
      open--;
      if (run.id === "p/r3" || run.id === "p/r5") throw new Error(`cannot read ${run.id}`);
      return { step: f(0, 1), time: null, metrics: { loss: f(1, 2) } };
    };
    const group = groupBy(() => "1", ["1"], "mean", "stderr");
    await expect(groupedLineSeries({ runs, metrics: ["loss"], x: { kind: "step" }, readHistory }, group)).rejects.toThrow("cannot read p/r3");
    expect(most).toBe(8);
    const fine = await groupedLineSeries({ runs: runs.slice(6), metrics: ["loss"], x: { kind: "step" }, readHistory }, group);
    expect(Array.from(fine.series[0]!.count!)).toEqual([34, 34]);
    expect(most).toBe(8);
  });

  it("reads each run once when the facts give every group's grid, and twice when one group's grid is a union of short runs", async () => {
    const runs = fixtureRuns.slice(0, 6);
    const histories = new Map([...fixtureHistories].filter(([id]) => runs.some((r) => r.id === id)));
    const group = byLr("mean", "stderr");
    expect(await expectSameWithFacts(runs, ["loss", "acc"], { kind: "step" }, histories, group)).toBe(runs.length);
    // r0 and r3 (lr 0.1) both shortened to 3 points: their group's grid is their union.
    const short = new Map(histories);
    for (const id of ["p/r0", "p/r3"]) {
      const h = short.get(id)!;
      short.set(id, { step: h.step.slice(0, 3), time: h.time!.slice(0, 3), metrics: Object.fromEntries(Object.entries(h.metrics).map(([m, c]) => [m, c.slice(0, 3)])) });
    }
    // r4 logs no acc: five runs, each read twice.
    expect(await expectSameWithFacts(runs, ["acc"], { kind: "step" }, short, group)).toBe(2 * 5);
  });

  it("reads the runs when their reader serves a column their facts do not know (system metrics)", async () => {
    const runs = fixtureRuns.slice(0, 6).map((r) => ({ ...r, metrics: [...r.metrics, "system/gpu"] }));
    const withSystem = new Map([...fixtureHistories].map(([id, h]) => [id, { ...h, metrics: { ...h.metrics, "system/gpu": h.metrics.loss! } }]));
    const readHistory = async (run: Run) => withSystem.get(run.id)!;
    // The facts are the history's own, without the system column.
    const readFacts = async (run: Run) => historyFacts(fixtureHistories.get(run.id)!);
    const group = byLr("mean", "stderr");
    for (const x of [{ kind: "step" }, { kind: "time" }] as const) {
      const want = await groupedLineSeries({ runs, metrics: ["system/gpu"], x, readHistory }, group, { gridPoints: 3 });
      const got = await groupedLineSeries({ runs, metrics: ["system/gpu"], x, readHistory, readFacts }, group, { gridPoints: 3 });
      expect(bits(got)).toEqual(bits(want));
      expect(want.series.length).toBeGreaterThan(0);
      expect(await lineChartProblems({ runs, metrics: ["system/gpu"], x, readHistory, readFacts })).toEqual(await lineChartProblems({ runs, metrics: ["system/gpu"], x, readHistory }));
    }
  });

  it("says whether every history holds each logged point exactly, only when asked", async () => {
    const runs = fixtureRuns.slice(0, 3);
    const read = async (run: Run) => fixtureHistories.get(run.id)!;
    const group = byLr("mean", "stderr");
    // r0's loss has a NaN (a gap, still exact); r0's history is finite at every step.
    expect((await groupedLineSeries({ runs, metrics: ["loss"], x: { kind: "step" }, readHistory: read }, group, { exactness: true })).exact).toBe(true);
    expect((await groupedLineSeries({ runs, metrics: ["loss"], x: { kind: "step" }, readHistory: read }, group)).exact).toBe(false);
    const withInfinity = fixtureRuns.slice(5, 6);
    expect((await groupedLineSeries({ runs: withInfinity, metrics: ["loss"], x: { kind: "step" }, readHistory: read }, group, { exactness: true })).exact).toBe(false);
  });

  it("draws what aggregating every member at once drew, on random runs and groups", async () => {
    const value = fc.oneof({ weight: 9, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -0) });
    const history = fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom(2.5, NaN, -0)), value, value), { maxLength: 25 }).map((rows) => ({
      step: Float64Array.from(rows, (r) => r[0]),
      time: null,
      metrics: { loss: Float64Array.from(rows, (r) => r[1]), acc: Float64Array.from(rows, (r) => r[2]) },
    }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(history, fc.constantFrom("a", "b", "c"), fc.constantFrom<string[]>(["loss"], ["loss", "acc"], ["acc"])), { minLength: 1, maxLength: 10 }),
        fc.constantFrom<[GroupAgg, GroupBand]>(["mean", "stderr"], ["median", "none"], ["mean", "minmax"], ["min", "ci95"]),
        fc.constantFrom<string[]>(["loss"], ["loss", "acc"]),
        async (spec, [agg, band], metrics) => {
          const runs = spec.map(([, key, logged], i) => makeRun(`p/r${i}`, { metrics: logged, config: { lr: key } }));
          const histories = new Map(spec.map(([h], i) => [`p/r${i}`, h]));
          await expectSameAsAllAtOnce(runs, metrics, { kind: "step" }, histories, groupBy((r) => String(r.config.lr), ["c", "a", "b"], agg, band));
        },
      ),
      { numRuns: 150 },
    );
  });
});
