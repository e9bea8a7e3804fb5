/**
 * Text widths for vega at build time. Without a canvas vega guesses 0.8 em a character, so a
 * static picture that sizes itself (a grid of confusion matrices, whose axis labels set its
 * width) came out ~20 % wider than the page then draws it. The build measures with the advance
 * widths of DejaVu Sans instead (`estimateTextWidth`, as line charts do): the font `sans-serif`
 * names on most Linux systems, and the widest common fallback elsewhere. Node only.
 */
import * as vega from "vega";
import { estimateTextWidth } from "./line/textMeasure.ts";

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/** vega's `textMetrics.width(item, text)`: the width of the text as drawn (cut at `limit`). */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? +item.fontSize || 0 : 11;
  const value = text == null ? "" : String(text).trim();
  if (size <= 0 || !value) return 0;
  const weight = item.fontWeight === "bold" || item.fontWeight === "bolder" || Number(item.fontWeight) >= 600 ? "bold" : "normal";
  const width = estimateTextWidth(value, size, weight);
  // A label cut to its limit (with an ellipsis) is at most that wide.
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}

let installed = false;

/** Makes vega (in this process) measure text with `vegaTextWidth`. */
export function useBuildTextMetrics(): void {
  if (installed) return;
  installed = true;
  // vega-scenegraph's `textMetrics` (re-exported by vega, missing from its typings) takes a user width function.
  (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics.width = vegaTextWidth;
}
