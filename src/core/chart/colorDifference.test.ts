import { describe, expect, it } from "vitest";
import { ciede2000, contrastRatio, deltaE, hexToLab, simulateColorVision } from "./colorDifference.ts";

describe("ciede2000(lab1, lab2)", () => {
  // Pairs and expected values from Sharma, Wu & Dalal (2005), table 1.
  const cases: [number[], number[], number][] = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [[50, -1.3802, -84.2814], [50, 0, -82.7485], 1.0],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
    [[50, 2.5, 0], [56, -27, -3], 31.903],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
    [[2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082],
  ];
  it.each(cases)("%j vs %j → %d", (a, b, expected) => {
    expect(ciede2000(a as [number, number, number], b as [number, number, number])).toBeCloseTo(expected, 3);
  });
});

describe("hexToLab / deltaE / contrastRatio", () => {
  it("maps white and black to L* 100 and 0", () => {
    expect(hexToLab("#ffffff")[0]).toBeCloseTo(100, 2);
    expect(hexToLab("#000000")[0]).toBeCloseTo(0, 5);
    expect(deltaE("#ffffff", "#000000")).toBeCloseTo(100, 0);
  });
  it("gives WCAG's 21:1 for black on white", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
  });
});

describe("simulateColorVision(hex, vision)", () => {
  it("collapses red and green for a deuteranope but not for normal vision", () => {
    expect(deltaE("#d62728", "#2ca02c")).toBeGreaterThan(50);
    expect(deltaE(simulateColorVision("#cc6600", "deuteranopia"), simulateColorVision("#669900", "deuteranopia"))).toBeLessThan(10);
  });
  it("leaves greys grey", () => {
    expect(deltaE(simulateColorVision("#777777", "protanopia"), "#777777")).toBeLessThan(1.5);
  });
});
