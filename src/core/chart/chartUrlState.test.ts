import { describe, expect, it } from "vitest";
import { chartStateParts, hashEntryParts, parseChartState, withHashEntry } from "./chartUrlState.ts";

describe("parseChartState(hash, id)", () => {
  it("reads smoothing, zoom, hidden series and log y of the chart's entry only", () => {
    expect(parseChartState("#chart-1=s0.6,x100-900,h3.5,ly&chart-2=s0.1", "chart-1")).toEqual({ smooth: 0.6, x: [100, 900], hidden: new Set([3, 5]), logY: true });
    expect(parseChartState("#chart-2=lin", "chart-2")).toEqual({ logY: false });
    expect(parseChartState("#chart-2", "chart-2")).toEqual({});
    expect(parseChartState("", "chart-2")).toEqual({});
  });

  it("reads exponents and negative ranges, and ignores malformed parts", () => {
    expect(parseChartState("#c=x-1.5e3-2e-1", "c")).toEqual({ x: [-1500, 0.2] });
    expect(parseChartState("#c=x9-1,sfoo,s,hx.2.y,q", "c")).toEqual({ hidden: new Set([2]) });
  });

  it("decodes an encoded id and parts", () => {
    expect(parseChartState("#my%20chart=s%32", "my chart")).toEqual({ smooth: 2 });
  });
});

describe("chartStateParts(state, defaults)", () => {
  const defaults = { smooth: 0.6, logY: false };
  it("writes only what differs from the chart's defaults, hidden series sorted", () => {
    expect(chartStateParts({ smooth: 0.6, x: null, hidden: new Set(), logY: false }, defaults)).toEqual([]);
    expect(chartStateParts({ smooth: 0.9, x: [10, 20.5], hidden: new Set([5, 1]), logY: true }, defaults)).toEqual(["s0.9", "x10-20.5", "h1.5", "ly"]);
    expect(chartStateParts({ x: null, hidden: new Set(), logY: false }, { smooth: 0, logY: true })).toEqual(["lin"]);
  });

  it("reads back what it writes", () => {
    const state = { smooth: 0.25, x: [-3, 7e-7] as [number, number], hidden: new Set([0, 4]), logY: true };
    expect(parseChartState(withHashEntry("", "c", chartStateParts(state, defaults)), "c")).toEqual(state);
  });
});

describe("withHashEntry(hash, id, parts) and hashEntryParts(hash, id)", () => {
  it("sets the entry last, keeping other entries and plain anchors", () => {
    expect(withHashEntry("#top&a=s1&b=h2", "a", ["s2"])).toBe("#top&b=h2&a=s2");
    expect(withHashEntry("", "a b", ["x,y"])).toBe("#a%20b=x%2Cy");
    expect(hashEntryParts("#a%20b=x%2Cy", "a b")).toEqual(["x,y"]);
  });

  it("removes the entry when there is nothing to keep", () => {
    expect(withHashEntry("#top&a=s1", "a", [])).toBe("#top");
    expect(withHashEntry("#a=s1", "a", [])).toBe("");
    expect(hashEntryParts("#top", "a")).toBeNull();
  });
});
