import { describe, expect, it } from "vitest";
import { layoutLineFrame, lineFrameSvg, textWidth, type FrameTick } from "./frame.ts";
import type { TextMeasure } from "./textMeasure.ts";

/** Pixel extent of a drawn x label, from its anchor. */
function span(t: FrameTick, measure: TextMeasure): [number, number] {
  const w = measure(t.label, 10);
  return t.anchor === "start" ? [t.at, t.at + w] : t.anchor === "end" ? [t.at - w, t.at] : [t.at - w / 2, t.at + w / 2];
}

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

describe("layoutLineFrame: y domain", () => {
  it("fits a short plot's y domain to the data instead of rounding 4–11 out to 0–20", () => {
    for (const height of [80, 120, 200, 320]) {
      const f = layoutLineFrame({ width: 350, height, x: { type: "linear", domain: [0, 6000], title: "step" }, y: { type: "linear", domain: [4.02, 10.98], title: "val/loss" } });
      const [a, b] = f.y.domain;
      expect(a, `${height}px`).toBeGreaterThanOrEqual(3);
      expect(b, `${height}px`).toBeLessThanOrEqual(12);
      expect((b - a) / (10.98 - 4.02)).toBeLessThanOrEqual(1.25);
      expect(f.y.ticks.filter((t) => t.label).length, `${height}px`).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("layoutLineFrame with measured text", () => {
  // A font twice as wide as the estimate: thinning must follow the measure, not the estimate.
  const wide: TextMeasure = (text, size, weight) => 2 * textWidth(text, size) * (weight === "bold" ? 1.1 : 1);

  it("keeps every pair of x labels apart by the measured widths, anchors included, at any width", () => {
    for (const width of [260, 350, 390, 640, 1200]) {
      for (const measure of [wide, undefined]) {
        const f = layoutLineFrame({ width, height: 200, x: { type: "linear", domain: [0, 1999], title: "step" }, y: { type: "linear", domain: [0, 1], title: "y" }, ...(measure ? { measure } : {}) });
        const m = measure ?? ((t: string, s: number) => textWidth(t, s));
        const spans = f.x.ticks.filter((t) => t.label).map((t) => span(t, m)).sort((a, b) => a[0] - b[0]);
        expect(spans.length, `${width}px`).toBeGreaterThanOrEqual(2);
        for (let i = 1; i < spans.length; i++) expect(spans[i]![0], `${width}px`).toBeGreaterThanOrEqual(spans[i - 1]![1] + 6);
        for (const [from, to] of spans) {
          expect(from).toBeGreaterThanOrEqual(0);
          expect(to).toBeLessThanOrEqual(f.plot.width + 0.001);
        }
      }
    }
  });

  it("keeps fewer labels in a wider font", () => {
    const args = { width: 350, height: 200, x: { type: "linear" as const, domain: [0, 6000] as [number, number], title: "step" }, y: { type: "linear" as const, domain: [0, 1] as [number, number], title: "y" } };
    const estimated = layoutLineFrame(args).x.ticks.filter((t) => t.label).length;
    const measured = layoutLineFrame({ ...args, measure: wide }).x.ticks.filter((t) => t.label).length;
    expect(measured).toBeLessThan(estimated);
  });

  it("cuts a y title to the plot's height with an ellipsis and keeps the full title in <title>", () => {
    const f = layoutLineFrame({ width: 350, height: 110, x: { type: "linear", domain: [0, 1], title: "step" }, y: { type: "linear", domain: [0, 1], title: "train/grad_norm_before_clipping" } });
    expect(f.titles.y.cut).toBe(true);
    expect(f.titles.y.text.endsWith("…")).toBe(true);
    expect(textWidth(f.titles.y.text, 11) * 1.1).toBeLessThanOrEqual(f.plot.height + 1);
    const svg = lineFrameSvg(f);
    expect(svg).toContain("<title>train/grad_norm_before_clipping</title>");
    const roomy = layoutLineFrame({ width: 640, height: 320, x: { type: "linear", domain: [0, 1], title: "step" }, y: { type: "linear", domain: [0, 1], title: "train/grad_norm" } });
    expect(roomy.titles.y).toEqual({ text: "train/grad_norm", cut: false });
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

  it("draws grid and axis lines 1 px wide however the static SVG is scaled (no 2 px lines that read as marks)", () => {
    const svg = lineFrameSvg(layoutLineFrame({ ...base, x: { type: "linear", domain: [0, 100], title: "x" }, y: { type: "linear", domain: [0, 1], title: "y" } }));
    expect(svg).toMatch(/<path class="rf-grid" [^>]*vector-effect="non-scaling-stroke"/);
    expect(svg).toMatch(/<path class="rf-axis-line" [^>]*vector-effect="non-scaling-stroke"/);
  });
});
