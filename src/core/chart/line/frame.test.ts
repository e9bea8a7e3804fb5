import { describe, expect, it } from "vitest";
import { layoutLineFrame, lineFrameSvg, textWidth } from "./frame.ts";

const base = { width: 640, height: 320 };

describe("layoutLineFrame", () => {
  it("rounds a linear y axis out to ticks and keeps x at the data's ends", () => {
    const f = layoutLineFrame({ ...base, x: { type: "linear", domain: [3, 997], title: "step" }, y: { type: "linear", domain: [0.23, 0.97], title: "acc" } });
    expect(f.x.domain).toEqual([3, 997]);
    expect(f.y.domain).toEqual([0.2, 1]);
    expect(f.x.scale(3)).toBe(0);
    expect(f.x.scale(997)).toBe(f.plot.width);
    expect(f.y.scale(0.2)).toBe(f.plot.height);
    expect(f.y.scale(1)).toBe(0);
    expect(f.y.ticks.map((t) => t.label)).toEqual(["0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"]);
    expect(f.plot.left + f.plot.width).toBeLessThanOrEqual(640);
    expect(f.plot.top + f.plot.height).toBeLessThan(320);
  });

  it("leaves room on the left for the widest y label", () => {
    const narrow = layoutLineFrame({ ...base, x: { type: "linear", domain: [0, 1], title: "x" }, y: { type: "linear", domain: [0, 1], title: "y" } });
    const wide = layoutLineFrame({ ...base, x: { type: "linear", domain: [0, 1], title: "x" }, y: { type: "linear", domain: [-2_500_000, 2_500_000], title: "y" } });
    expect(wide.plot.left - narrow.plot.left).toBeGreaterThan(textWidth("−2,500,000", 10) - textWidth("0.0", 10) - 6);
  });

  it("uses fewer x ticks when wide labels would collide, and never lets two labels overlap", () => {
    const f = layoutLineFrame({ ...base, x: { type: "linear", domain: [0, 99_999], title: "step" }, y: { type: "linear", domain: [0, 1], title: "y" } });
    const labelled = f.x.ticks.filter((t) => t.label);
    expect(labelled.map((t) => t.label)).toContain("50,000");
    for (let i = 1; i < labelled.length; i++) {
      const prev = labelled[i - 1]!;
      const cur = labelled[i]!;
      expect(cur.at - textWidth(cur.label, 10) / 2).toBeGreaterThan(prev.at + textWidth(prev.label, 10) / 2);
    }
  });

  it("pads a log y axis by 6 px at each end and labels decades", () => {
    const f = layoutLineFrame({ ...base, x: { type: "linear", domain: [0, 10], title: "x" }, y: { type: "log", domain: [0.01, 10], title: "loss" } });
    expect(f.y.scale(10)).toBeCloseTo(6, 6);
    expect(f.y.scale(0.01)).toBeCloseTo(f.plot.height - 6, 6);
    const labels = f.y.ticks.map((t) => t.label).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(["0.01", "0.1", "1", "10"]));
    expect(f.y.text.startsWith("log ")).toBe(true);
  });

  it("writes UTC dates on a time axis", () => {
    const f = layoutLineFrame({ ...base, x: { type: "utc", domain: [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 8)], title: "time" }, y: { type: "linear", domain: [0, 1], title: "y" } });
    expect(f.x.ticks.map((t) => t.label)).toContain("Jan 04");
  });

  it("widens a single value into a usable domain", () => {
    const f = layoutLineFrame({ ...base, x: { type: "linear", domain: [5, 5], title: "x" }, y: { type: "log", domain: [2, 2], title: "y" } });
    expect(f.x.domain[0]).toBeLessThan(5);
    expect(f.x.domain[1]).toBeGreaterThan(5);
    expect(Number.isFinite(f.y.scale(2))).toBe(true);
  });
});

describe("lineFrameSvg", () => {
  it("draws grid, axes, escaped labels and titles, deterministically", () => {
    const f = layoutLineFrame({ ...base, x: { type: "linear", domain: [0, 100], title: "x <&>" }, y: { type: "linear", domain: [0, 1], title: "y\"" } });
    const svg = lineFrameSvg(f);
    expect(svg).toMatch(/^<g class="rf-frame" aria-hidden="true">/);
    expect(svg).toContain('class="rf-grid"');
    expect(svg).toContain(">x &lt;&amp;&gt;</text>");
    expect(svg).toContain(">y&quot;</text>");
    expect(svg).toContain(">50</text>");
    expect(svg).toMatch(/rotate\(-90\)/);
    expect(lineFrameSvg(f)).toBe(svg);
  });
});
