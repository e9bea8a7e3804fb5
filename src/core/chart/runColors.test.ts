import { describe, expect, it } from "vitest";
import { RUN_PALETTE, runColors } from "./runColors.ts";

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(n >> 16) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe("runColors(allRunIds)", () => {
  it("assigns palette colours in sorted id order, independent of input order and duplicates", () => {
    const a = runColors(["p/c", "p/a", "p/b"]);
    const b = runColors(["p/b", "p/c", "p/a", "p/a"]);
    expect([...a]).toEqual([
      ["p/a", RUN_PALETTE[0]],
      ["p/b", RUN_PALETTE[1]],
      ["p/c", RUN_PALETTE[2]],
    ]);
    expect([...b]).toEqual([...a]);
  });

  it("sorts by code units, not locale", () => {
    const colors = runColors(["p/b", "p/B", "p/a"]);
    expect([...colors.keys()]).toEqual(["p/B", "p/a", "p/b"]);
  });

  it("adding a run keeps the colours of runs sorting before it and shifts those after it by one", () => {
    const ids = ["x/a", "x/c", "x/e", "x/g"];
    const before = runColors(ids);
    const after = runColors([...ids, "x/d"]);
    expect(after.get("x/a")).toBe(before.get("x/a"));
    expect(after.get("x/c")).toBe(before.get("x/c"));
    expect(after.get("x/d")).toBe(before.get("x/e"));
    expect(after.get("x/e")).toBe(before.get("x/g"));
    expect(after.get("x/g")).toBe(RUN_PALETTE[4]);
    // Appending a run that sorts last changes nothing else.
    const appended = runColors([...ids, "x/z"]);
    for (const id of ids) expect(appended.get(id)).toBe(before.get(id));
  });

  it("wraps around after 20 runs", () => {
    const ids = Array.from({ length: 25 }, (_, i) => `p/run-${String(i).padStart(2, "0")}`);
    const colors = runColors(ids);
    expect(colors.get("p/run-20")).toBe(RUN_PALETTE[0]);
    expect(colors.get("p/run-24")).toBe(RUN_PALETTE[4]);
  });

  it("has 20 distinct colours with ≥ 3:1 contrast on white and on #121212", () => {
    expect(new Set(RUN_PALETTE).size).toBe(20);
    const white = luminance("#ffffff");
    const dark = luminance("#121212");
    for (const c of RUN_PALETTE) {
      expect(contrast(luminance(c), white), `${c} on white`).toBeGreaterThanOrEqual(3);
      expect(contrast(luminance(c), dark), `${c} on #121212`).toBeGreaterThanOrEqual(3);
    }
  });
});
