import { describe, expect, it } from "vitest";
import { fieldColors, sequentialColor } from "./fieldColors.ts";
import { RUN_PALETTE } from "./runColors.ts";

describe("fieldColors(values)", () => {
  it("puts numbers on the sequential ramp, log-spaced over decades", () => {
    const c = fieldColors(new Map<string, unknown>([["a", 1e-4], ["b", 1e-3], ["c", 1e-2], ["d", null]]));
    expect(c.get("a")).toBe(sequentialColor(0));
    expect(c.get("b")).toBe(sequentialColor(0.5));
    expect(c.get("c")).toBe(sequentialColor(1));
    expect(c.get("d")).toBe("#8c8c8c");
  });
  it("uses linear spacing within a decade", () => {
    const c = fieldColors(new Map<string, unknown>([["a", 2], ["b", 3], ["c", 4]]));
    expect(c.get("b")).toBe(sequentialColor(0.5));
  });
  it("gives text values categorical colours in sorted order", () => {
    const c = fieldColors(new Map<string, unknown>([["x", "sgd"], ["y", "adamw"], ["z", "sgd"]]));
    expect(c.get("y")).toBe(RUN_PALETTE[0]);
    expect(c.get("x")).toBe(RUN_PALETTE[1]);
    expect(c.get("z")).toBe(RUN_PALETTE[1]);
  });
  it("interpolates the ramp ends exactly", () => {
    expect(sequentialColor(0)).toBe("#440154");
    expect(sequentialColor(1)).toBe("#fde725");
  });
});
