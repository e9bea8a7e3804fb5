import { existsSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";

/**
 * SVG → PNG with resvg (a Rust renderer shipped prebuilt in the npm package: no browser, no
 * native build). Vega's SVG asks for `sans-serif`: resvg has no system font configuration of its
 * own, so the family is named here. DejaVu Sans (Debian's fonts-dejavu-core, which `.ci/run`
 * installs) is loaded from its file when present — fast, and the same glyphs on every machine;
 * otherwise every system font is loaded and the first sans-serif one found is used.
 */
const DEJAVU_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF"];

let fontOptions: ResvgRenderOptions["font"] | undefined;

export function previewFonts(): NonNullable<ResvgRenderOptions["font"]> {
  if (fontOptions) return fontOptions;
  const dir = DEJAVU_DIRS.find((d) => existsSync(`${d}/DejaVuSans.ttf`));
  fontOptions = dir
    ? {
        loadSystemFonts: false,
        fontFiles: [`${dir}/DejaVuSans.ttf`, ...(existsSync(`${dir}/DejaVuSans-Bold.ttf`) ? [`${dir}/DejaVuSans-Bold.ttf`] : [])],
        defaultFontFamily: "DejaVu Sans",
        sansSerifFamily: "DejaVu Sans",
      }
    : { loadSystemFonts: true, defaultFontFamily: "Liberation Sans", sansSerifFamily: "Liberation Sans" };
  return fontOptions;
}

/** Whether a font for previews was found (the PNGs then show text). */
export function previewFontFound(): boolean {
  return previewFonts().loadSystemFonts === false;
}

export function renderPng(svg: string, width?: number): Uint8Array<ArrayBuffer> {
  const resvg = new Resvg(svg, {
    font: previewFonts(),
    ...(width ? { fitTo: { mode: "width", value: width } } : {}),
    background: "#ffffff",
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  const image = resvg.render();
  const png = image.asPng();
  const out = new Uint8Array(new ArrayBuffer(png.length));
  out.set(png);
  releaseRenders(image.width * image.height * 4);
  return out;
}

/**
 * resvg-js 2.6 keeps each render's pixels (3 MB for a preview card) in Rust until V8 collects
 * the JS objects, and does not tell V8 about that memory, so V8 saw no reason to collect: a cold
 * build grew by 3 MB a run card (1.9 GB at 300 runs, thx/resvg-js#216; fixed upstream only in a
 * pre-release). So after every `PIXEL_BUDGET` bytes of pixels rendered, a full collection is
 * asked for; the objects' finalizers then free the pixels at the next turn of the event loop.
 * About one collection per 40 cards: a few percent of their drawing time.
 */
const PIXEL_BUDGET = 128 * 1024 * 1024;
let pixelsSinceCollection = 0;
let collect: (() => void) | null | undefined;

export function releaseRenders(pixelBytes: number): void {
  pixelsSinceCollection += pixelBytes;
  if (pixelsSinceCollection < PIXEL_BUDGET) return;
  pixelsSinceCollection = 0;
  if (collect === undefined) {
    try {
      // V8's collector as a function: allowed from here on, found in a fresh context.
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
