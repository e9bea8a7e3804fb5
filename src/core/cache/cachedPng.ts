import { previewFonts, renderPng } from "../export/renderPng.ts";
import { buildCache } from "./buildCache.ts";

/**
 * `renderPng(svg)` through the build cache: rasterising a preview card costs ~35 ms, composing its
 * SVG almost nothing, so the entry is keyed by the SVG itself (and the fonts it is drawn with).
 */
export async function cachedPng(svg: string): Promise<Uint8Array<ArrayBuffer>> {
  const disk = buildCache();
  if (!disk) return renderPng(svg);
  const key = disk.keyOf("png", [svg, JSON.stringify(previewFonts())]);
  const stored = await disk.get("png", key);
  if (stored) {
    const out = new Uint8Array(new ArrayBuffer(stored.length));
    out.set(stored);
    return out;
  }
  const png = renderPng(svg);
  await disk.set("png", key, png);
  return png;
}
