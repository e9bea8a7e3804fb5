import { describe, expect, it } from "vitest";
import { scale } from "vega";

interface VegaScale {
  (v: number): number;
  invert(px: number): number;
  domain(): number[];
  domain(d: number[]): VegaScale;
  range(): number[];
  range(r: number[]): VegaScale;
}
const scaleLinear = () => scale("linear")() as VegaScale;
const scaleLog = () => scale("log")() as VegaScale;
import { formatFrameScale, parseFrameScale } from "./frameScale.ts";

describe("parseFrameScale(formatFrameScale(…))", () => {
  it("maps and inverts like d3's linear and log scales (which vega uses)", () => {
    const lin = scaleLinear().domain([1, 100]).range([0, 383]);
    const s = parseFrameScale(formatFrameScale("linear", lin.domain(), lin.range()))!;
    for (const v of [1, 3.5, 50, 100, 120]) expect(s(v)).toBeCloseTo(lin(v), 9);
    for (const px of [0, 17, 383]) expect(s.invert(px)).toBeCloseTo(lin.invert(px), 9);

    const log = scaleLog().domain([0.0016703090827232868, 2.989996972211503]).range([218, 0]);
    const l = parseFrameScale(formatFrameScale("log", log.domain(), log.range()))!;
    for (const v of [0.002, 0.1, 1, 2.9]) expect(l(v)).toBeCloseTo(log(v), 9);
    for (const px of [0, 100, 218]) expect(l.invert(px)).toBeCloseTo(log.invert(px), 9);
  });

  it("reads time domains written as dates (ms)", () => {
    const t = parseFrameScale(formatFrameScale("utc", [new Date(1_700_000_000_000), new Date(1_700_000_360_000)], [0, 360]))!;
    expect(t(1_700_000_180_000)).toBe(180);
  });

  it("refuses what it cannot map", () => {
    for (const bad of [null, "", "band 0 1 0 1", "linear 1 1 0 10", "linear 0 1 0", "log 0 10 0 100", "linear a b c d"]) {
      expect(parseFrameScale(bad)).toBeNull();
    }
  });
});
