/**
 * Whether a fresh render of a run page can be swapped into the open one part by part: the same
 * live parts and chart figures, in the same order. When a metric, a chart group or a part comes
 * or goes, the page's structure changed and it reloads instead (chart state lives in the URL
 * hash, so zoom, hidden series and smoothing survive the reload too).
 */
export interface PageShape {
  /** `data-runfolio-live` names of the parts, in page order. */
  parts: readonly string[];
  /** Ids of the chart figures, in page order. */
  charts: readonly string[];
}

export function sameShape(open: PageShape, fresh: PageShape): boolean {
  return sameList(open.parts, fresh.parts) && sameList(open.charts, fresh.charts) && new Set(open.charts).size === open.charts.length;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
