import { describe, expect, it } from "vitest";
import { contrastRatio, deltaE, simulateColorVision } from "./colorDifference.ts";
import { RUN_PALETTE, runColors } from "./runColors.ts";

/** The page backgrounds of the light and the dark theme (src/styles/site.css `--bg`). */
const BACKGROUNDS = { light: "#ffffff", dark: "#11151b" };

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

  it("has 20 distinct colours with ≥ 3:1 contrast on the light and the dark page", () => {
    expect(new Set(RUN_PALETTE).size).toBe(20);
    for (const [theme, bg] of Object.entries(BACKGROUNDS)) {
      for (const c of RUN_PALETTE) expect(contrastRatio(c, bg), `${c} on ${theme}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("keeps the first ten colours ΔE2000 ≥ 20 apart, and from each page background", () => {
    const ten = RUN_PALETTE.slice(0, 10);
    let closest = Infinity;
    for (let i = 0; i < ten.length; i++) for (let j = i + 1; j < ten.length; j++) closest = Math.min(closest, deltaE(ten[i]!, ten[j]!));
    expect(closest).toBeGreaterThanOrEqual(20);
    for (const bg of Object.values(BACKGROUNDS)) for (const c of ten) expect(deltaE(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(20);
  });

  it("keeps the first six colours ΔE2000 ≥ 15 apart for protanopes and deuteranopes", () => {
    const six = RUN_PALETTE.slice(0, 6);
    for (const vision of ["protanopia", "deuteranopia"] as const) {
      const seen = six.map((c) => simulateColorVision(c, vision));
      for (let i = 0; i < seen.length; i++) for (let j = i + 1; j < seen.length; j++) {
        expect(deltaE(seen[i]!, seen[j]!), `${six[i]} vs ${six[j]} (${vision})`).toBeGreaterThanOrEqual(15);
      }
    }
  });
});
