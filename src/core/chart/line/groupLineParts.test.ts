import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import type { ChartParts } from "../../blocks/blockTypes.ts";
import type { History, Run } from "../../run.ts";
import type { AggregatedSeries } from "../../series/aggregateStream.ts";
import { historyFacts } from "../../series/historyFacts.ts";
import type { GroupAgg, GroupBand } from "../../stats/groupStats.ts";
import { groupedLineSeries, type LineGroup } from "./groupedLineSeries.ts";
import { decodeGroupLine, encodeGroupLine, groupLineInputs } from "./groupLineParts.ts";
import { bits } from "../../../../tests/helpers/bitPatterns.ts";

/** Parts in memory, keyed as chartMemo.ts keys them: the inputs and each run's history "digest" (its version here). */
function memoryParts(version: ReadonlyMap<string, number>) {
  const stored = new Map<string, { meta: string; sections: Uint8Array[] }>();
  const keyOf = (inputs: string, runs: readonly Run[]) => `${inputs}|${runs.map((r) => `${r.id}@${version.get(r.id) ?? 0}`).join(",")}`;
  const parts: ChartParts = {
    async get(inputs, runs) {
      return stored.get(keyOf(inputs, runs)) ?? null;
    },
    async set(inputs, runs, meta, sections) {
      stored.set(keyOf(inputs, runs), { meta, sections: sections.map((s) => s.slice()) });
    },
  };
  return { parts, stored };
}

const line: AggregatedSeries = {
  x: Float64Array.from([0, 1.5, 3]),
  center: Float64Array.from([1, NaN, -0]),
  lower: Float64Array.from([0.5, NaN, -Infinity]),
  upper: Float64Array.from([1.5, NaN, Infinity]),
  count: Int32Array.from([3, 2, 1]),
  ended: [1, 2],
};

describe("groupLineParts: a group's line as a chart part", () => {
  it("gives back the line bit for bit, and refuses a part of another shape", () => {
    const { meta, sections } = encodeGroupLine(line);
    // Sections read back from a file sit at any offset of a larger buffer.
    const shifted = sections.map((s) => {
      const buffer = new Uint8Array(s.length + 3);
      buffer.set(s, 3);
      return buffer.subarray(3);
    });
    expect(bits(decodeGroupLine(meta, shifted, 3))).toEqual(bits(line));
    expect(decodeGroupLine(meta, sections, 4)).toBeNull();
    expect(decodeGroupLine(meta, sections.slice(0, 4), 3)).toBeNull();
    expect(decodeGroupLine("{", sections, 3)).toBeNull();
    expect(decodeGroupLine(JSON.stringify({ points: 3, ended: [3] }), sections, 3)).toBeNull();
    expect(decodeGroupLine(meta, [sections[0]!, sections[1]!.subarray(8), ...sections.slice(2)], 3)).toBeNull();
  });

  it("keys a part by everything its line depends on besides the histories", () => {
    const base = { metric: "loss", x: { kind: "step" } as const, agg: "mean" as const, band: "stderr" as const, gridPoints: 1000, runIds: ["a", "b"], grid: Float64Array.from([0, 1]) };
    const key = groupLineInputs(base);
    const changed = [
      { ...base, metric: "acc" },
      { ...base, x: { kind: "time" } as const },
      { ...base, agg: "median" as const },
      { ...base, band: "none" as const },
      { ...base, gridPoints: 999 },
      { ...base, runIds: ["b", "a"] },
      { ...base, grid: Float64Array.from([0, 1.0000000000000002]) },
      { ...base, grid: Float64Array.from([-0, 1]) },
    ];
    for (const c of changed) expect(groupLineInputs(c)).not.toBe(key);
    expect(groupLineInputs({ ...base, grid: Float64Array.from([0, 1]) })).toBe(key);
  });
});

// Twelve long runs in three groups (the grid has 5 points, every run more), steps ending at different places.
const lrs = ["0.1", "0.01", "0.001"];
const runs = Array.from({ length: 12 }, (_, i) => makeRun(`p/r${i}`, { metrics: i === 5 ? ["loss"] : ["loss", "acc"], config: { lr: lrs[i % 3]! } }));
function historyOf(i: number, extra = 0): History {
  const n = 8 + i + extra;
  const step = Float64Array.from({ length: n }, (_, s) => s * 2 + (i % 4));
  return {
    step,
    time: Float64Array.from(step, (s) => 1.7e9 + s * 0.25 + i),
    metrics: {
      loss: Float64Array.from({ length: n }, (_, s) => (s === 3 && i % 5 === 0 ? NaN : 1 / (s + 1) + i / 100)),
      acc: Float64Array.from({ length: n }, (_, s) => 0.5 + s / 40 - (i % 3) / 10),
    },
  };
}
const group = (agg: GroupAgg, band: GroupBand): LineGroup => ({ label: "lr", keyOf: (r) => String(r.config.lr), keys: lrs, colors: new Map(), agg, band });

async function draw(histories: ReadonlyMap<string, History>, metrics: string[], x: "step" | "time", g: LineGroup, parts?: ChartParts) {
  const reads: string[] = [];
  const readHistory = async (run: Run) => (reads.push(run.id), histories.get(run.id)!);
  const readFacts = async (run: Run) => historyFacts(histories.get(run.id)!);
  const got = await groupedLineSeries({ runs, metrics, x: { kind: x }, readHistory, readFacts }, g, { gridPoints: 5, exactness: true, ...(parts ? { parts } : {}) });
  return { got: bits(got), reads };
}

describe("groupedLineSeries with chart parts", () => {
  it("after one run's history grew, reads only its group's runs and draws what drawing from scratch draws", async () => {
    for (const [metrics, x, agg, band] of [[["loss"], "step", "mean", "stderr"], [["loss", "acc"], "time", "median", "ci95"], [["acc"], "step", "max", "minmax"]] as const) {
      const g = group(agg, band);
      const version = new Map<string, number>();
      const { parts, stored } = memoryParts(version);
      const before = new Map(runs.map((r, i) => [r.id, historyOf(i)]));
      const cold = await draw(before, [...metrics], x, g, parts);
      expect(cold.got).toEqual((await draw(before, [...metrics], x, g)).got);
      expect(stored.size).toBe(3 * metrics.length);
      // Nothing changed: every line from its part, no history read.
      const warm = await draw(before, [...metrics], x, g, parts);
      expect(warm.got).toEqual(cold.got);
      expect(warm.reads).toEqual([]);
      // r4 (lr 0.01) logged 30 more rows: its group's grid moved, the other groups' did not.
      const after = new Map(before).set("p/r4", historyOf(4, 30));
      version.set("p/r4", 1);
      const appended = await draw(after, [...metrics], x, g, parts);
      expect(appended.got).toEqual((await draw(after, [...metrics], x, g)).got);
      expect(appended.got).not.toEqual(cold.got);
      expect(appended.reads).toEqual(runs.filter((r) => r.config.lr === "0.01").map((r) => r.id));
    }
  });

  it("takes the parts of short runs that log every step too (their group's grid is the union of their steps)", async () => {
    // Steps 0…n−1, n of 3 to 5: every group's grid the union of its runs' steps, at most the grid's 5 points.
    const everyStep = (i: number, n = 3 + (i % 3)): History => {
      const step = Float64Array.from({ length: n }, (_, s) => s);
      return { step, time: Float64Array.from(step, (s) => 1.7e9 + s + i), metrics: { loss: Float64Array.from(step, (s) => 1 / (s + 1) + i / 100), acc: Float64Array.from(step, (s) => 0.5 + s / 40) } };
    };
    const g = group("mean", "stderr");
    const version = new Map<string, number>();
    const { parts, stored } = memoryParts(version);
    const before = new Map(runs.map((r, i) => [r.id, everyStep(i)]));
    const cold = await draw(before, ["loss"], "step", g, parts);
    expect(cold.got).toEqual((await draw(before, ["loss"], "step", g)).got);
    // Read once each: the facts gave every grid, as they do for long runs.
    expect(cold.reads).toEqual(runs.map((r) => r.id));
    expect(stored.size).toBe(3);
    expect((await draw(before, ["loss"], "step", g, parts)).reads).toEqual([]);
    // r4 (lr 0.01) logged 3 more steps, past the grid's 5 points: its group's grid is even now.
    const after = new Map(before).set("p/r4", everyStep(4, 7));
    version.set("p/r4", 1);
    const appended = await draw(after, ["loss"], "step", g, parts);
    expect(appended.got).toEqual((await draw(after, ["loss"], "step", g)).got);
    expect(appended.got).not.toEqual(cold.got);
    expect(appended.reads).toEqual(runs.filter((r) => r.config.lr === "0.01").map((r) => r.id));
    // A run whose steps skip one (a gap in the metric): its group's union needs the points, so every
    // run is read (the first pass), not only its group's.
    const skipping = new Map(after).set("p/r3", { ...everyStep(3), metrics: { loss: Float64Array.from([1, NaN, 0.3]), acc: Float64Array.from([0.5, 0.6, 0.7]) } });
    version.set("p/r3", 1);
    const read = await draw(skipping, ["loss"], "step", g, parts);
    expect(read.got).toEqual((await draw(skipping, ["loss"], "step", g)).got);
    expect(read.reads).toEqual(runs.map((r) => r.id));
  });

  it("never takes a stale part: random appends, random groups", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 20 })), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<[GroupAgg, GroupBand]>(["mean", "stderr"], ["median", "none"], ["min", "ci95"]),
        async (appends, [agg, band]) => {
          const g = group(agg, band);
          const version = new Map<string, number>();
          const { parts } = memoryParts(version);
          const histories = new Map(runs.map((r, i) => [r.id, historyOf(i)]));
          await draw(histories, ["loss", "acc"], "step", g, parts);
          for (const [i, extra] of appends) {
            const id = runs[i]!.id;
            histories.set(id, historyOf(i, extra + (version.get(id) ?? 0)));
            version.set(id, (version.get(id) ?? 0) + extra);
            const got = await draw(histories, ["loss", "acc"], "step", g, parts);
            expect(got.got).toEqual((await draw(histories, ["loss", "acc"], "step", g)).got);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
