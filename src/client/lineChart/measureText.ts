import { estimateTextWidth, type TextMeasure } from "../../core/chart/line/textMeasure.ts";

/**
 * Text widths in the font the chart's axis text is drawn in (its computed `font-family`, which
 * the page's stylesheet may set), measured with a canvas and cached: the live frame thins and
 * places labels by what the reader sees, not by the build's estimate.
 */
export function measureTextIn(sample: Element | null): TextMeasure {
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx || !sample) return estimateTextWidth;
  const family = getComputedStyle(sample).fontFamily || "sans-serif";
  const cache = new Map<string, number>();
  return (text, fontSize, weight = "normal") => {
    const key = `${weight} ${fontSize} ${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      ctx.font = `${weight === "bold" ? "bold " : ""}${fontSize}px ${family}`;
      width = ctx.measureText(text).width;
      cache.set(key, width);
    }
    return width;
  };
}
