import { describe, expect, it } from "vitest";
import { readImageSize } from "./imageSize.ts";
import { gifHeader, jpegHeader, pngHeader, svgText, webpHeader } from "./testImages.ts";

describe("readImageSize(bytes, ext)", () => {
  it("reads the size from each format's header", () => {
    expect(readImageSize(pngHeader(640, 480), "png")).toEqual({ ok: true, width: 640, height: 480 });
    expect(readImageSize(gifHeader(33, 17), "gif")).toEqual({ ok: true, width: 33, height: 17 });
    expect(readImageSize(webpHeader(300, 200), "webp")).toEqual({ ok: true, width: 300, height: 200 });
    expect(readImageSize(jpegHeader(1024, 768), "jpg")).toEqual({ ok: true, width: 1024, height: 768 });
    expect(readImageSize(jpegHeader(1024, 768), "jpeg")).toEqual({ ok: true, width: 1024, height: 768 });
  });

  it("swaps width and height for an Exif orientation that turns the picture", () => {
    expect(readImageSize(jpegHeader(1024, 768, 6), "jpg")).toEqual({ ok: true, width: 768, height: 1024 });
    expect(readImageSize(jpegHeader(1024, 768, 3), "jpg")).toEqual({ ok: true, width: 1024, height: 768 });
  });

  it("reads an SVG's width and height, or its viewBox, keeping proportions when one side is given", () => {
    expect(readImageSize(svgText('width="120" height="80px"'), "svg")).toEqual({ ok: true, width: 120, height: 80 });
    expect(readImageSize(svgText('viewBox="0 0 50 25"'), "svg")).toEqual({ ok: true, width: 50, height: 25 });
    expect(readImageSize(svgText('width="100" viewBox="0 0 50 25"'), "svg")).toEqual({ ok: true, width: 100, height: 50 });
    expect(readImageSize(svgText('width="50%"'), "svg")).toEqual({ ok: false, problem: "its <svg> element has neither a width and height in pixels nor a viewBox" });
  });

  it("says what is wrong with a file that is not what its extension says", () => {
    expect(readImageSize(jpegHeader(10, 10), "png")).toEqual({ ok: false, problem: "it holds a JPEG image, not PNG" });
    expect(readImageSize(new TextEncoder().encode("hello"), "png")).toEqual({ ok: false, problem: "its first bytes are not those of a PNG image" });
    expect(readImageSize(new Uint8Array(), "gif")).toEqual({ ok: false, problem: "the file is empty" });
    expect(readImageSize(pngHeader(10, 10).subarray(0, 20), "png")).toEqual({ ok: false, problem: "its header is cut short (no IHDR chunk)" });
    expect(readImageSize(pngHeader(0, 10), "png")).toEqual({ ok: false, problem: "its header gives a size of 0×10 pixels" });
    expect(readImageSize(jpegHeader(10, 10).subarray(0, 24), "jpg")).toEqual({ ok: false, problem: "no frame header was found before its image data" });
  });
});
