import { describe, expect, it } from "vitest";
import { renderBoxes, thumbnailSizes } from "./renderMediaGrid.ts";

const fontOf = (svg: string): number => Number(/font-size="([^"]+)"/.exec(svg)![1]);

describe("renderBoxes(boxes, w, h, shownWidth)", () => {
  it("sizes labels about 11 CSS pixels tall at the width the image is shown, enlarged or reduced", () => {
    const box = [{ x: 1, y: 1, w: 10, h: 10, label: "cat", score: 0.5 }];
    // A 32-pixel sample drawn 150 pixels wide: 2.3 of its pixels are 11 CSS pixels.
    expect(fontOf(renderBoxes(box, 32, 32))).toBe(2.3);
    expect(fontOf(renderBoxes(box, 640, 480))).toBe(46.9);
    expect(fontOf(renderBoxes(box, 32, 32, 320))).toBe(1.1);
    expect(renderBoxes(box, 32, 32)).toContain('<text x="2" y="3.3" font-size="2.3">cat 0.50</text>');
  });

  it("ends a label at its box's right side when it would run past the image's edge", () => {
    const right = renderBoxes([{ x: 24, y: 10, w: 6, h: 6, label: "triangle", score: 0.9 }], 32, 32);
    expect(right).toContain('<text x="29" text-anchor="end" y="9.31" font-size="2.3">triangle 0.90</text>');
  });
});

describe("thumbnailSizes(columns)", () => {
  it("asks for the 160-pixel thumbnail in the automatic layout and many columns, the larger for one or two", () => {
    expect([thumbnailSizes(), thumbnailSizes(3), thumbnailSizes(2), thumbnailSizes(1)]).toEqual(["10rem", "10rem", "20rem", "20rem"]);
  });
});
