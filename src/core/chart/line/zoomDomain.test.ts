import { describe, expect, it } from "vitest";
import { brushDomain, pinchDomain } from "./zoomDomain.ts";

// A plot 400 px wide showing x 0–100: 4 px per unit.
const invert = (px: number) => px / 4;

describe("brushDomain(from, to, invert)", () => {
  it("is the x range between the two pixels, either way round", () => {
    expect(brushDomain(40, 200, invert)).toEqual([10, 50]);
    expect(brushDomain(200, 40, invert)).toEqual([10, 50]);
  });

  it("is null for a click (under 4 px) and rounds to six significant digits", () => {
    expect(brushDomain(100, 103, invert)).toBeNull();
    expect(brushDomain(1, 301, (px) => px / 3)).toEqual([0.333333, 100.333]);
  });
});

describe("pinchDomain(from, to, invert, width, full, current)", () => {
  it("keeps the data under each finger: fingers twice as far apart halve the range about their centre", () => {
    // fingers at 150 and 250 px (x 37.5 and 62.5) move to 100 and 300 px
    expect(pinchDomain([150, 250], [100, 300], invert, 400, [0, 100], null)).toEqual([25, 75]);
  });

  it("pans with the fingers when their spread is unchanged", () => {
    // zoomed to x 25–75 (8 px per unit), both fingers move 80 px right: x moves 10 left
    const inv = (px: number) => 25 + px / 8;
    expect(pinchDomain([100, 300], [180, 380], inv, 400, [0, 100], [25, 75])).toEqual([15, 65]);
  });

  it("clamps to the data, and covering all of it is no zoom", () => {
    // fingers at x 5 and 30 move to 100 and 300 px: the plot would show x -7.5 to 42.5
    expect(pinchDomain([20, 120], [100, 300], invert, 400, [0, 100], null)).toEqual([0, 42.5]);
    // fingers move together: the range would be wider than the data
    expect(pinchDomain([100, 300], [150, 250], invert, 400, [0, 100], [25, 75])).toBeNull();
  });

  it("without the data's range, is the unclamped range", () => {
    expect(pinchDomain([100, 300], [150, 250], invert, 400, undefined, null)).toEqual([-50, 150]);
  });

  it("keeps the current zoom while the fingers are too close to measure", () => {
    expect(pinchDomain([100, 105], [100, 300], invert, 400, [0, 100], [10, 20])).toEqual([10, 20]);
    expect(pinchDomain([100, 300], [200, 204], invert, 400, [0, 100], [10, 20])).toEqual([10, 20]);
  });
});
