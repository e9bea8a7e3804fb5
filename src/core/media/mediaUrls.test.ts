import { describe, expect, it } from "vitest";
import { hiDpiThumbnailOf, mediaPath, publishedMediaFiles, thumbnail2x, thumbnailPath, thumbnailSize } from "./mediaUrls.ts";
import { stepAtOrBefore } from "./mediaView.ts";
import type { RunMediaItem } from "./runMedia.ts";

const D1 = "a".repeat(64);
const D2 = "b".repeat(64);
const img = (file: string, digest: string, width: number, ext = "png"): RunMediaItem => ({ key: "k", step: 0, file, kind: "image", ext, width, height: width / 2, digest });

describe("content-addressed media names", () => {
  it("names the original by digest and extension, and thumbnails only for images wider than 160 px (never for SVG)", () => {
    const a = "a".repeat(20);
    expect(mediaPath(img("runs/p/a/media/k/0.png", D1, 640))).toBe(`media/${a}.png`);
    expect(thumbnailPath(img("runs/p/a/media/k/0.png", D1, 640))).toBe(`media/${a}-w160.webp`);
    expect(thumbnail2x(img("runs/p/a/media/k/0.png", D1, 640))).toEqual({ path: `media/${a}-w320.webp`, width: 320 });
    // Between one and two thumbnail widths: the high-DPI one keeps the image's own width.
    expect(thumbnail2x(img("runs/p/a/media/k/0.png", D1, 250))).toEqual({ path: `media/${a}-w320.webp`, width: 250 });
    expect(thumbnailPath(img("runs/p/a/media/k/0.png", D1, 160))).toBe(`media/${a}.png`);
    expect(thumbnail2x(img("runs/p/a/media/k/0.png", D1, 160))).toBeNull();
    expect(thumbnailPath(img("runs/p/a/media/k/0.svg", D1, 2000, "svg"))).toBe(`media/${a}.svg`);
    expect(thumbnail2x(img("runs/p/a/media/k/0.svg", D1, 2000, "svg"))).toBeNull();
    expect(thumbnailPath(img("runs/p/a/media/k/0.gif", D1, 400, "gif"))).toBe(`media/${a}-w160.webp`);
    expect(thumbnailSize(img("x", D1, 640))).toEqual({ width: 160, height: 80 });
    // Grids derive the high-DPI thumbnail from the one they show; a file shown as itself has none.
    expect(hiDpiThumbnailOf(`media/${a}-w160.webp`, 1000)).toEqual({ path: `media/${a}-w320.webp`, width: 320 });
    expect(hiDpiThumbnailOf(`media/${a}.png`, 1000)).toBeNull();
    expect(hiDpiThumbnailOf("data:image/webp;base64,AAAA", 1000)).toBeNull();
    expect(thumbnailSize(img("x", D1, 100))).toEqual({ width: 100, height: 50 });
  });

  it("publishes each file once however many runs log the same bytes, with both thumbnails of a large image", () => {
    const runs = [{ media: [img("runs/p/a/media/k/0.png", D1, 640), img("runs/p/a/media/k/1.png", D2, 64)] }, { media: [img("runs/p/b/media/k/0.png", D1, 640)] }, {}];
    expect(publishedMediaFiles(runs)).toEqual([
      { name: `${"a".repeat(20)}-w160.webp`, source: "runs/p/a/media/k/0.png", digest: D1, thumbnail: 160 },
      { name: `${"a".repeat(20)}-w320.webp`, source: "runs/p/a/media/k/0.png", digest: D1, thumbnail: 320 },
      { name: `${"a".repeat(20)}.png`, source: "runs/p/a/media/k/0.png", digest: D1, thumbnail: null },
      { name: `${"b".repeat(20)}.png`, source: "runs/p/a/media/k/1.png", digest: D2, thumbnail: null },
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
