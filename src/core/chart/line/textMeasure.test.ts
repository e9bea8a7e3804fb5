import { describe, expect, it } from "vitest";
import { estimateTextWidth, fitText } from "./textMeasure.ts";

describe("estimateTextWidth(text, fontSize, weight)", () => {
  it("adds DejaVu Sans advances: digits 0.636 em, comma 0.318 em, bold digits 0.696 em", () => {
    expect(estimateTextWidth("1,600", 10)).toBeCloseTo(4 * 6.36 + 3.18, 6);
    expect(estimateTextWidth("0", 10, "bold")).toBeCloseTo(6.96, 6);
    expect(estimateTextWidth("−1", 10)).toBeCloseTo(8.38 + 6.36, 6);
  });
});

describe("fitText(text, max, fontSize, measure)", () => {
  const mono = (t: string, size: number) => [...t].length * size;
  it("returns text that fits unchanged", () => {
    expect(fitText("loss", 40, 10, mono)).toEqual({ text: "loss", cut: false });
  });
  it("cuts to the longest prefix that fits with an ellipsis", () => {
    expect(fitText("train/grad_norm", 80, 10, mono)).toEqual({ text: "train/g…", cut: true });
    expect(fitText("ab", 5, 10, mono)).toEqual({ text: "…", cut: true });
  });
});
