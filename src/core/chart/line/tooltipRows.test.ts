import { describe, expect, it } from "vitest";
import { TOOLTIP_PLOT_SHARE, TOOLTIP_ROW_PX, tooltipRows } from "./tooltipRows.ts";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, v: i, dy: Math.abs(i - 5) }));

describe("tooltipRows(rows, plotHeight)", () => {
  it("lists every series, highest value first, when they fit", () => {
    const r = tooltipRows(rows(4), 300);
    expect(r.more).toBe(0);
    expect(r.rows.map((x) => x.id)).toEqual([3, 2, 1, 0]);
  });
  it("keeps the rows nearest the pointer on a short plot, and counts the rest", () => {
    const r = tooltipRows(rows(12), 120);
    const height = (r.rows.length + 2) * TOOLTIP_ROW_PX; // header and "+n more"
    expect(height).toBeLessThanOrEqual(120 * TOOLTIP_PLOT_SHARE);
    expect(r.rows.length + r.more).toBe(12);
    expect(r.rows.map((x) => x.id)).toContain(5);
    expect(r.rows.every((x) => Math.abs(x.id - 5) <= 2)).toBe(true);
    expect(r.rows.map((x) => x.v)).toEqual([...r.rows.map((x) => x.v)].sort((a, b) => b - a));
  });
  it("still shows two rows and a count on a tiny plot", () => {
    const r = tooltipRows(rows(12), 40);
    expect(r.rows.length).toBe(2);
    expect(r.more).toBe(10);
  });
});
