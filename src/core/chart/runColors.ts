/**
 * Twenty categorical colours for runs. Every entry has a relative luminance between 0.12 and 0.30,
 * so it keeps at least 3:1 contrast (WCAG's bar for graphical objects) against both a white and a
 * near-black (#121212) page: the same colour works in light and dark mode. Neighbours in the list
 * are far apart in hue because neighbours in sorted id order are often sibling runs (seeds).
 */
import { compareText } from "../format/compareText.ts";

export const RUN_PALETTE: readonly string[] = [
  "#1f77b4", // blue
  "#e6550d", // orange
  "#2ca02c", // green
  "#d62728", // red
  "#9467bd", // purple
  "#0f9bb0", // cyan
  "#8c564b", // brown
  "#e0609e", // pink
  "#7a9a01", // olive
  "#5b6fd6", // indigo
  "#c8740a", // amber
  "#00a087", // teal
  "#a05195", // plum
  "#6b7f99", // slate
  "#e15759", // coral
  "#3a8fd9", // sky
  "#b8860b", // goldenrod
  "#7b4fd6", // violet
  "#6a8f2d", // moss
  "#c23b80", // raspberry
];

/**
 * A colour per run id, stable across every page of one build: ids are de-duplicated and sorted by
 * UTF-16 code units (locale-independent), then take palette entries in order, wrapping after 20.
 * Pass every run id of the build, not only a page's runs, so a run has one colour everywhere.
 * Adding a run shifts the colours of the runs that sort after it (see docs/charts.md).
 */
export function runColors(allRunIds: readonly string[]): Map<string, string> {
  const ids = [...new Set(allRunIds)].sort(compareText);
  const colors = new Map<string, string>();
  ids.forEach((id, i) => colors.set(id, RUN_PALETTE[i % RUN_PALETTE.length]!));
  return colors;
}
