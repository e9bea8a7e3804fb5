import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { History } from "../run.ts";
import { exactPoints } from "./exactPoints.ts";
import { prepareRun } from "./grid.ts";
import { asHistoryFacts, historyFacts, packHistoryFacts, seriesFactsOf, unpackHistoryFacts } from "./historyFacts.ts";
import { seriesFromHistory } from "./seriesFromHistory.ts";

const f = (...v: number[]) => Float64Array.from(v);

describe("historyFacts: what a chart knows of a history before reading it", () => {
  it("counts each metric's points and gives the prepared run's range, per x", () => {
    const history: History = { step: f(0, 1, 1, 2, 3, NaN), time: f(10, NaN, 11.5, 12, 13, 14), metrics: { loss: f(1, 2, 3, NaN, Infinity, 5), none: f(NaN, NaN, NaN, NaN, NaN, NaN) } };
    const facts = historyFacts(history);
    expect(facts.rows).toBe(6);
    expect(facts.time).toBe(true);
    // Steps 0, 1, 1 (repeated: one point); step 2 has no value, step 3 an infinite one, the last row no step.
    expect(facts.metrics.loss!.step).toEqual({ points: 3, inOrder: { distinct: 2, lo: 0, hi: 1, integer: true } });
    expect(facts.metrics.loss!.time).toEqual({ points: 3, inOrder: { distinct: 3, lo: 10, hi: 14, integer: false } });
    expect(facts.metrics.none!.step).toEqual({ points: 0, inOrder: null });
    // ±Infinity cannot be published as JSON: not exact.
    expect(facts.metrics.loss!.exact).toBe(false);
    expect(facts.metrics.none!.exact).toBe(true);
    // A column the history lacks is not known to have no points: its reader may add it (system metrics).
    expect(seriesFactsOf(facts, "absent", { kind: "step" })).toBeNull();
    expect(seriesFactsOf(facts, "loss", { kind: "metric", metric: "none" })).toBeNull();
    expect(seriesFactsOf(facts, "loss", { kind: "relative" })).toBe(facts.metrics.loss!.time);
  });

  it("marks x out of order, and −0 at an end, as unknown (the chart then reads the points)", () => {
    const facts = historyFacts({ step: f(0, 2, 1), time: null, metrics: { a: f(1, 1, 1), b: f(NaN, 1, 1) } });
    expect(facts.metrics.a!.step).toEqual({ points: 3, inOrder: null });
    expect(facts.metrics.a!.time).toBeNull();
    expect(historyFacts({ step: f(-0, 1), time: null, metrics: { a: f(1, 1) } }).metrics.a!.step.inOrder).toBeNull();
  });

  it("agrees with seriesFromHistory, prepareRun and exactPoints on random histories", () => {
    const value = fc.oneof({ weight: 8, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) }, { weight: 2, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 3) });
    const x = fc.oneof(fc.integer({ min: -5, max: 40 }), fc.constantFrom(NaN, 2.5, -0, Infinity));
    fc.assert(
      fc.property(fc.array(fc.tuple(x, x, value), { maxLength: 30 }), fc.boolean(), (rows, sortSteps) => {
        const steps = rows.map((r) => r[0]);
        if (sortSteps) steps.sort((a, b) => a - b);
        const history: History = { step: Float64Array.from(steps), time: Float64Array.from(rows, (r) => r[1]), metrics: { m: Float64Array.from(rows, (r) => r[2]) } };
        const facts = historyFacts(history);
        expect(facts.metrics.m!.exact).toBe(exactPoints(history, "m") !== null);
        for (const axis of [{ kind: "step" }, { kind: "time" }] as const) {
          const series = seriesFromHistory(history, axis, "m")!;
          const got = seriesFactsOf(facts, "m", axis)!;
          expect(got.points).toBe(series.x.length);
          const prepared = prepareRun(series.x, series.y);
          const inOrder = series.x.every((v, i) => i === 0 || v >= series.x[i - 1]!);
          const signed = prepared.x.length > 0 && (Object.is(prepared.x[0], -0) || Object.is(prepared.x.at(-1), -0));
          if (!inOrder || series.x.length === 0 || signed) expect(got.inOrder).toBeNull();
          else {
            expect(got.inOrder).not.toBeNull();
            expect(got.inOrder!.distinct).toBe(prepared.x.length);
            expect(Object.is(got.inOrder!.lo, prepared.x[0])).toBe(true);
            expect(Object.is(got.inOrder!.hi, prepared.x.at(-1))).toBe(true);
            expect(got.inOrder!.integer).toBe(prepared.x.every((v) => Number.isInteger(v)));
          }
        }
        // The header's JSON, and the memory's packed form, give the same facts back.
        expect(asHistoryFacts(JSON.parse(JSON.stringify(facts)))).toEqual(facts);
        expect(unpackHistoryFacts(packHistoryFacts(facts))).toStrictEqual(facts);
      }),
      { numRuns: 400 },
    );
  });

  it("packs the facts of several metrics, with and without time, and a metric named __proto__", () => {
    const withTime = historyFacts({ step: f(0, 1, 2), time: f(10, 11.5, 12), metrics: { a: f(1, NaN, 3), b: f(NaN, NaN, NaN) } });
    const withoutTime = historyFacts({ step: f(2, 1), time: null, metrics: JSON.parse('{"__proto__": [1, 2], "c": [5, 6]}', (k, v) => (Array.isArray(v) ? Float64Array.from(v) : v)) });
    for (const facts of [withTime, withoutTime, historyFacts({ step: f(), time: null, metrics: {} })]) {
      const back = unpackHistoryFacts(packHistoryFacts(facts));
      expect(back).toStrictEqual(facts);
      expect(Object.keys(back.metrics)).toEqual(Object.keys(facts.metrics));
    }
    expect(unpackHistoryFacts(packHistoryFacts(withTime)).metrics.a!.time).toEqual({ points: 2, inOrder: { distinct: 2, lo: 10, hi: 12, integer: true } });
  });

  it("takes back only facts of the shape it writes", () => {
    const good = historyFacts({ step: f(0, 1), time: null, metrics: { a: f(1, 2) } });
    expect(asHistoryFacts(JSON.parse(JSON.stringify(good)))).toEqual(good);
    for (const bad of [null, 3, { rows: 2, time: false }, { rows: -1, time: false, metrics: {} }, { ...good, metrics: { a: { ...good.metrics.a, exact: "yes" } } }, { ...good, metrics: { a: { ...good.metrics.a, step: { points: 2, inOrder: { distinct: 2, lo: "0", hi: 1, integer: true } } } } }, { ...good, time: true }]) {
      expect(asHistoryFacts(bad)).toBeNull();
    }
    // A metric named like an Object property is a metric, not the prototype.
    const proto = historyFacts({ step: f(0), time: null, metrics: JSON.parse('{"__proto__": [1]}', (k, v) => (Array.isArray(v) ? Float64Array.from(v) : v)) });
    expect(Object.keys(asHistoryFacts(JSON.parse(JSON.stringify(proto)))!.metrics)).toEqual(["__proto__"]);
  });
});
