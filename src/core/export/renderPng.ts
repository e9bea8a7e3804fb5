import { existsSync } from "node:fs";
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
  const png = resvg.render().asPng();
  const out = new Uint8Array(new ArrayBuffer(png.length));
  out.set(png);
  return out;
}
