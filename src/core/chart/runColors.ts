import { compareText } from "../format/compareText.ts";

/**
 * Twenty categorical colours for runs. Every entry keeps at least 3:1 contrast (WCAG's bar for
 * graphical objects) against both the light page (#ffffff) and the dark one (#11151b), so one
 * colour serves both themes. The first ten are at least ΔE 20 (CIEDE2000) apart from each other;
 * the first six stay at least ΔE 15 apart for protanopes and deuteranopes (runColors.test.ts
 * checks both). They were chosen by a search over the sRGB colours meeting the contrast bar.
 */
export const RUN_PALETTE: readonly string[] = [
  "#4b4bff", // blue
  "#00a51e", // green
  "#c37887", // rose
  "#875a3c", // brown
  "#5a96c3", // sky
  "#785a87", // plum
  "#f0690f", // orange
  "#0f7869", // teal
  "#f01ee1", // magenta
  "#96872d", // olive
  "#d2002d", // red
  "#c30078", // raspberry
  "#9687c3", // lavender
  "#0069a5", // ocean
  "#5a783c", // moss
  "#0fa587", // jade
  "#a51ec3", // violet
  "#ff0069", // crimson
  "#b4875a", // tan
  "#f05a4b", // coral
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
