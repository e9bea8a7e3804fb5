import { describe, expect, it } from "vitest";
import type { History, Run } from "../run.ts";
import { runData } from "../explore/runData.ts";
import { decodeRunData, encodeRunData } from "../explore/runDataWire.ts";
import { stableJson } from "../explore/stableJson.ts";
import { HISTORY_CSV_HEADER, historyCsv, runDataCsvChunks } from "./historyCsv.ts";

const run = (id: string, name = id) => ({ id, name }) as Run;
const history = (step: number[], metrics: Record<string, number[]>, time: number[] | null = null): History => ({
  step: Float64Array.from(step),
  time: time ? Float64Array.from(time) : null,
  metrics: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Float64Array.from(v)])),
});

describe("historyCsv(runs, metrics)", () => {
  it("writes every logged point, run by run and metric by metric, skipping points not logged", () => {
    const csv = historyCsv(
      [
        { run: run("p/a", "a"), history: history([0, 10, 20], { loss: [2.5, NaN, 1.25], acc: [0.1, 0.2, 0.3] }, [1700000000, 1700000001.5, NaN]) },
        { run: run("p/b", "=b"), history: history([0, 5], { loss: [3, Infinity] }) },
      ],
      ["loss", "acc"],
    );
    expect(csv).toBe(
      [
        "run,name,metric,step,time,value",
        "p/a,a,loss,0,1700000000,2.5",
        "p/a,a,loss,20,,1.25",
        "p/a,a,acc,0,1700000000,0.1",
        "p/a,a,acc,10,1700000001.5,0.2",
        "p/a,a,acc,20,,0.3",
        `p/b,"'=b",loss,0,,3`,
        `p/b,"'=b",loss,5,,Infinity`,
        "",
      ].join("\n"),
    );
  });

  it("keeps full precision (no rounding as in the plotted points)", () => {
    const csv = historyCsv([{ run: run("r"), history: history([1], { m: [0.30693112345678] }) }], ["m"]);
    expect(csv.trim().split("\n")[1]).toBe("r,r,m,1,,0.30693112345678");
  });
});

describe("runDataCsvChunks(run, history, wanted) from runData(run, history)", () => {
  // What the browser builds from /data/runs/<id>.json: published in the compact form, decoded as in the page.
  const fromJson = (r: Run, h: History, wanted: string[], points?: number) => {
    const data = decodeRunData(JSON.parse(stableJson(encodeRunData(runData({ ...r, metrics: Object.keys(h.metrics) } as Run, h, points)))));
    const chunks = runDataCsvChunks(r, data.history, wanted);
    return chunks && `${HISTORY_CSV_HEADER}\n${chunks.join("")}`;
  };

  it("gives the very bytes of historyCsv when the JSON holds every logged point: gaps, times, precision, odd names", () => {
    const h = history([0, 10, 20, 30], { loss: [2.5, NaN, 1.25, 0.30693112345678], acc: [NaN, 0.2, 0.3, NaN] }, [1700000000, 1700000001.5, NaN, 1700000003]);
    const r = run("p/a b", "=a,\"b\"");
    expect(fromJson(r, h, ["loss", "acc", "absent"])).toBe(historyCsv([{ run: r, history: h }], ["loss", "acc", "absent"]));
    const noTime = history([1, 2], { m: [1e-12, -3] });
    expect(fromJson(run("r"), noTime, ["m"])).toBe(historyCsv([{ run: run("r"), history: noTime }], ["m"]));
  });

  it("writes each row's time once per run when steps never repeat, and per metric when they do", () => {
    const once = runData({ ...run("r"), metrics: ["a", "b"] } as Run, history([0, 1, 2], { a: [1, 2, 3], b: [NaN, 5, 6] }, [10, 11, NaN]));
    expect(once.history.time).toEqual({ step: [0, 1, 2], t: [10, 11, null] });
    expect(once.history.metrics.a!.t).toBeUndefined();
    const repeated = history([0, 1, 1], { a: [1, 2, 3] }, [10, 11, 12]);
    const perMetric = runData({ ...run("r"), metrics: ["a"] } as Run, repeated);
    expect(perMetric.history.time).toBeUndefined();
    expect(perMetric.history.metrics.a!.t).toEqual([10, 11, 12]);
    expect(fromJson(run("r"), repeated, ["a"])).toBe(historyCsv([{ run: run("r"), history: repeated }], ["a"]));
  });

  it("is null when the JSON holds a downsampled line or cannot hold a value (±Infinity)", () => {
    const long = history(Array.from({ length: 50 }, (_, i) => i), { m: Array.from({ length: 50 }, (_, i) => Math.sin(i)) });
    expect(fromJson(run("r"), long, ["m"], 10)).toBeNull();
    expect(fromJson(run("r"), long, ["m"], 50)).toBe(historyCsv([{ run: run("r"), history: long }], ["m"]));
    expect(fromJson(run("r"), history([0, 5], { loss: [3, Infinity] }), ["loss"])).toBeNull();
  });
});
