import { describe, expect, it } from "vitest";
import { mediaPath, publishedMediaFiles, thumbnailPath, thumbnailSize } from "./mediaUrls.ts";
import { stepAtOrBefore } from "./mediaView.ts";
import type { RunMediaItem } from "./runMedia.ts";

const D1 = "a".repeat(64);
const D2 = "b".repeat(64);
const img = (file: string, digest: string, width: number, ext = "png"): RunMediaItem => ({ key: "k", step: 0, file, kind: "image", ext, width, height: width / 2, digest });

describe("content-addressed media names", () => {
  it("names the original by digest and extension, and a thumbnail only for images wider than 320 px (never for SVG)", () => {
    expect(mediaPath(img("runs/p/a/media/k/0.png", D1, 640))).toBe(`media/${"a".repeat(20)}.png`);
    expect(thumbnailPath(img("runs/p/a/media/k/0.png", D1, 640))).toBe(`media/${"a".repeat(20)}-w320.webp`);
    expect(thumbnailPath(img("runs/p/a/media/k/0.png", D1, 320))).toBe(`media/${"a".repeat(20)}.png`);
    expect(thumbnailPath(img("runs/p/a/media/k/0.svg", D1, 2000, "svg"))).toBe(`media/${"a".repeat(20)}.svg`);
    expect(thumbnailSize(img("x", D1, 640))).toEqual({ width: 320, height: 160 });
    expect(thumbnailSize(img("x", D1, 100))).toEqual({ width: 100, height: 50 });
  });

  it("publishes each file once however many runs log the same bytes", () => {
    const runs = [{ media: [img("runs/p/a/media/k/0.png", D1, 640), img("runs/p/a/media/k/1.png", D2, 64)] }, { media: [img("runs/p/b/media/k/0.png", D1, 640)] }, {}];
    expect(publishedMediaFiles(runs)).toEqual([
      { name: `${"a".repeat(20)}-w320.webp`, source: "runs/p/a/media/k/0.png", thumbnail: true },
      { name: `${"a".repeat(20)}.png`, source: "runs/p/a/media/k/0.png", thumbnail: false },
      { name: `${"b".repeat(20)}.png`, source: "runs/p/a/media/k/1.png", thumbnail: false },
    ]);
  });
});

describe("stepAtOrBefore(steps, step)", () => {
  it("finds the last logged step at or before the one asked for", () => {
    expect(stepAtOrBefore([0, 5, 10], 7)).toBe(5);
    expect(stepAtOrBefore([0, 5, 10], 10)).toBe(10);
    expect(stepAtOrBefore([3, 5], 2)).toBeNull();
  });
});
