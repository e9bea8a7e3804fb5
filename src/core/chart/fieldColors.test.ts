import { describe, expect, it } from "vitest";
import { deltaE } from "./colorDifference.ts";
import { fieldColors, hueFamily, isDiscreteNumbers, levelColors, sequentialColor } from "./fieldColors.ts";
import { RUN_PALETTE } from "./runColors.ts";

describe("fieldColors(values)", () => {
  it("puts numbers on the sequential ramp, log-spaced over decades", () => {
    const lrs = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2].map((v, i) => [`r${i}`, v] as const);
    const c = fieldColors(new Map<string, unknown>([...lrs, ["gap", null]]));
    expect(c.get("r0")).toBe(sequentialColor(0));
    expect(c.get("r2")).toBe(sequentialColor(0.5));
    expect(c.get("r4")).toBe(sequentialColor(1));
    expect(c.get("gap")).toBe("#8c8c8c");
  });
  it("uses linear spacing within a decade", () => {
    const c = fieldColors(new Map<string, unknown>([["a", 2.5], ["b", 3.5], ["c", 4.5], ["d", 5.5], ["e", 6.5]]));
    expect(c.get("c")).toBe(sequentialColor(0.5));
  });
  it("gives text values categorical colours in sorted order", () => {
    const c = fieldColors(new Map<string, unknown>([["x", "sgd"], ["y", "adamw"], ["z", "sgd"]]));
    expect(c.get("y")).toBe(RUN_PALETTE[0]);
    expect(c.get("x")).toBe(RUN_PALETTE[1]);
    expect(c.get("z")).toBe(RUN_PALETTE[1]);
  });
  it("gives seeds one categorical colour each, not a gradient", () => {
    const c = fieldColors(new Map<string, unknown>([["a", 1], ["b", 2], ["c", 3]]));
    expect([c.get("a"), c.get("b"), c.get("c")]).toEqual(RUN_PALETTE.slice(0, 3));
  });
  it("gives a grid sweep one hue per value, numbers in numeric order, shaded per run with families", () => {
    const runs = new Map<string, unknown>();
    for (const lr of [3e-3, 1e-4, 1e-3, 3e-4]) for (const seed of [1, 2, 3]) runs.set(`lr-${lr}-s${seed}`, lr);
    const flat = fieldColors(runs);
    expect(flat.get("lr-0.0001-s1")).toBe(RUN_PALETTE[0]);
    expect(flat.get("lr-0.0003-s2")).toBe(RUN_PALETTE[1]);
    expect(flat.get("lr-0.003-s3")).toBe(RUN_PALETTE[3]);
    const shaded = fieldColors(runs, { families: true });
    const family = ["s1", "s2", "s3"].map((s) => shaded.get(`lr-0.001-${s}`)!);
    expect(family).toEqual(hueFamily(RUN_PALETTE[2]!, 3));
    expect(new Set(family).size).toBe(3);
    // Shades stay closer to their own hue than to any other level's.
    for (const shade of family) for (const other of [0, 1, 3]) expect(deltaE(shade, RUN_PALETTE[2]!)).toBeLessThan(deltaE(shade, RUN_PALETTE[other]!));
  });
  it("interpolates the ramp ends exactly", () => {
    expect(sequentialColor(0)).toBe("#440154");
    expect(sequentialColor(1)).toBe("#fde725");
  });
});

describe("isDiscreteNumbers(values)", () => {
  it("treats seeds, small integer sets, repeated sweep values and ≤ 4 values as levels", () => {
    expect(isDiscreteNumbers([1, 2, 3])).toBe(true);
    expect(isDiscreteNumbers([0, 1, 2, 3, 4, 5, 6, 7])).toBe(true);
    expect(isDiscreteNumbers([1e-4, 1e-4, 3e-4, 3e-4, 1e-3, 1e-3, 3e-3, 0.01, 0.01])).toBe(true);
    expect(isDiscreteNumbers([0.1, 0.2, 0.35])).toBe(true);
  });
  it("treats many distinct or unrepeated fractional values as a continuum", () => {
    expect(isDiscreteNumbers([0.11, 0.23, 0.35, 0.42, 0.57])).toBe(false);
    expect(isDiscreteNumbers(Array.from({ length: 11 }, (_, i) => i))).toBe(false);
    expect(isDiscreteNumbers([])).toBe(false);
  });
});

describe("hueFamily(base, count) / levelColors(levels)", () => {
  it("returns the base alone, or darker to lighter shades around it", () => {
    expect(hueFamily("#4b4bff", 1)).toEqual(["#4b4bff"]);
    const [dark, mid, light] = hueFamily("#4b4bff", 3);
    expect(mid).toBe("#4b4bff");
    expect(deltaE(dark!, light!)).toBeGreaterThan(10);
  });
  it("colours levels in the order given", () => {
    expect([...levelColors(["1e-4", "3e-4", "1e-3"])]).toEqual([["1e-4", RUN_PALETTE[0]], ["3e-4", RUN_PALETTE[1]], ["1e-3", RUN_PALETTE[2]]]);
  });
});
