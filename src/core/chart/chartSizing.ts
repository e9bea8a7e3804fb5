/**
 * How a vega chart takes its place in the page. The chart kinds compile with `autosize: fit`: their
 * live view is laid out at the static picture's box, text at its own size. A spec that sizes itself
 * (a raw vega-lite spec: vega-lite's step-sized bands, its default 300 px views; a grid of panels
 * such as confusion matrices) keeps that size before and after it turns live, so its box never
 * changes; it is only scaled down to fit the column. Browser-safe.
 */
import type { Spec as VegaSpec } from "vega";
import { chartMarkup } from "../render/markup.ts";

/** True when the compiled spec fits whatever size it is given (`autosize: fit`). */
export function fitsItsBox(spec: VegaSpec): boolean {
  const autosize = spec.autosize;
  const type = typeof autosize === "string" ? autosize : autosize && typeof autosize === "object" && "type" in autosize ? autosize.type : undefined;
  return type === "fit";
}

/**
 * True when the spec decides its own size: it does not fit its box, or it is a grid of panels (a
 * facet or concatenation: no top-level width, so vega lays out each panel at its own size). Its
 * static picture and its live view are then both drawn at that size and scaled down alike.
 */
export function sizesItself(spec: VegaSpec): boolean {
  return !fitsItsBox(spec) || !("width" in spec);
}

/** A static picture (`renderChartSvg`'s, `width="100%"`) at its own width, marked as sized by its spec. */
export function ownSizeSvg(svg: string): string {
  const viewBox = /^<svg [^>]*viewBox="0 0 ([\d.]+) [\d.]+"/.exec(svg);
  if (!viewBox) return svg;
  return svg.replace(/^<svg ([^>]*?)width="100%"/, `<svg $1width="${viewBox[1]}"`).replace(/^<svg ([^>]*?)class="([^"]*)"/, `<svg $1class="$2 ${chartMarkup.ownSize}"`);
}
