import { describe, expect, it } from "vitest";
import type { History, Run } from "../run.ts";
import { historyCsv } from "./historyCsv.ts";

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
