import { titleCardSvg, type TitleCard } from "../export/previewImage.ts";
import { previewFonts, renderPng } from "../export/renderPng.ts";
import { titleCardPng } from "../export/titleCardPng.ts";
import { buildCache } from "./buildCache.ts";

/**
 * A preview card's PNG through the build cache: drawing one costs milliseconds, composing its SVG
 * almost nothing, so the entry is keyed by the SVG itself (and the fonts it is drawn with; the
 * code version, part of every key, changes with the drawing code). `draw` makes the PNG on a
 * miss: by default resvg draws the SVG whole.
 */
export async function cachedPng(svg: string, draw: () => Uint8Array<ArrayBuffer> = () => renderPng(svg)): Promise<Uint8Array<ArrayBuffer>> {
  const disk = buildCache();
  if (!disk) return draw();
  const key = disk.keyOf("png", [svg, JSON.stringify(previewFonts())]);
  const stored = await disk.get("png", key);
  if (stored) {
    const out = new Uint8Array(new ArrayBuffer(stored.length));
    out.set(stored);
    return out;
  }
  const png = draw();
  await disk.set("png", key, png);
  return png;
}

/** A title card (run pages, reports without a chart), drawn by `titleCardPng`. */
export function cachedTitleCard(card: TitleCard): Promise<Uint8Array<ArrayBuffer>> {
  return cachedPng(titleCardSvg(card), () => titleCardPng(card));
}
