import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, oddName, oddNumber, PROPERTY_TIMEOUT } from "../../../tests/unit/fuzz/fuzz.ts";
import { ownRecord } from "../ownRecord.ts";
import type { Run } from "../run.ts";
import type { MetricSeries, RunData } from "./runData.ts";
import { decodeRunData, encodeRunData } from "./runDataWire.ts";
import { stableJson } from "./stableJson.ts";

// Values as histories log them: decimals of a few digits (what the integer-delta form is for),
// any double, gaps and non-finite values (published as gaps).
const decimal = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 12 })).map(([i, k]) => Number((i / 10 ** k).toFixed(k)));
const value = fc.oneof(
  { weight: 5, arbitrary: decimal },
  { weight: 2, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, Number.NaN, Infinity, -Infinity) },
);
const column = fc.array(value, { maxLength: 40 });
const stepColumn = fc.oneof(
  fc.tuple(fc.integer({ min: -5, max: 1e6 }), fc.integer({ min: 1, max: 1000 }), fc.nat({ max: 40 })).map(([start, step, n]) => Array.from({ length: n }, (_, i) => start + i * step)),
  fc.array(fc.oneof(fc.integer(), oddNumber), { maxLength: 40 }),
);
const series = fc.tuple(stepColumn, column, fc.option(column, { nil: undefined }), fc.nat()).map(([x, y, t, logged]): MetricSeries => {
  const ys = Array.from(x, (_, i) => y[i] ?? null);
  const s: MetricSeries = { x, y: ys, logged };
  if (t) s.t = Array.from(x, (_, i) => t[i] ?? null);
  return s;
});
const runData = fc.tuple(fc.array(fc.tuple(oddName, series), { maxLength: 6 }), fc.option(fc.tuple(stepColumn, column), { nil: undefined })).map(([entries, time]): RunData => {
  const metrics = ownRecord<MetricSeries>();
  for (const [name, s] of entries) metrics[name] = s;
  const run = { id: "p/r", name: "r" } as unknown as Run;
  return { run, history: { x: "step", points: 1000, metrics, ...(time ? { time: { step: time[0], t: Array.from(time[0], (_, i) => time[1][i] ?? null) } } : {}) } };
});

/** What a reader of the plain form got: the JSON of the data (non-finite numbers as null), parsed. */
const plainRead = (data: RunData): unknown => JSON.parse(stableJson(data));

describe("encodeRunData / decodeRunData", () => {
  it(
    "the published form reads back as exactly the plain form's numbers, gaps and names",
    () => {
      assertProperty(runData, (data) => {
        const published = stableJson(encodeRunData(data));
        expect(JSON.parse(stableJson(decodeRunData(JSON.parse(published))))).toEqual(plainRead(data));
      });
    },
    PROPERTY_TIMEOUT,
  );

  it("reads a file in the plain form (arrays) as itself", () => {
    const data: RunData = { run: { id: "p/r" } as Run, history: { x: "step", points: 10, metrics: { loss: { x: [0, 1, 2], y: [0.5, null, 0.25], logged: 2 } } } };
    expect(decodeRunData(JSON.parse(stableJson(data)))).toEqual(data);
  });

  it("writes a step grid and short decimals compactly", () => {
    const data: RunData = { run: { id: "p/r" } as Run, history: { x: "step", points: 10, metrics: { loss: { x: [0, 1, 2, 3], y: [1.00873, 0.963175, null, 0.9], logged: 3 } } } };
    expect(encodeRunData(data).history.metrics.loss).toEqual({ x: { a: [0, 1, 4] }, y: { e: -6, d: "1008730,-45555,,-63175" }, logged: 3 });
  });

  it("keeps a metric named __proto__ as data", () => {
    const metrics = ownRecord<MetricSeries>();
    metrics["__proto__"] = { x: [1], y: [2], logged: 1 };
    const back = decodeRunData(JSON.parse(stableJson(encodeRunData({ run: { id: "p/r" } as Run, history: { x: "step", points: 1, metrics } }))));
    expect(Object.hasOwn(back.history.metrics, "__proto__")).toBe(true);
    expect(back.history.metrics["__proto__"]!.y).toEqual([2]);
  });

  it("rejects what is not a run's published data", () => {
    expect(() => decodeRunData(null)).toThrow(/not a run's published data/);
    expect(() => decodeRunData({ run: {}, history: {} })).toThrow(/not a run's published data/);
    expect(() => decodeRunData({ run: {}, history: { metrics: { a: { y: [1], logged: 1 } } } })).toThrow(/no column for a/);
    expect(() => decodeRunData({ run: {}, history: { metrics: { a: { x: [null], y: [1], logged: 1 } } } })).toThrow(/step that is not a number/);
  });
});
