/**
 * Whether a fresh render of a page can be swapped into the open one part by part: the same live
 * parts, chart figures, runs tables and cited facts, in the same order. When a metric, a chart
 * group, a block or a part comes or goes, the page's structure changed and it reloads instead
 * (chart and table state live in the URL hash, so zoom, hidden series, smoothing, sorting and
 * filters survive the reload too).
 */
export interface PageShape {
  /** `data-runfolio-live` names of the parts, in page order. */
  parts: readonly string[];
  /** Ids of the chart figures, in page order. */
  charts: readonly string[];
  /** Ids of the interactive runs tables, in page order. */
  tables: readonly string[];
  /** How many cited values, claim lists and scalar figures the page shows. */
  facts: number;
}

export function sameShape(open: PageShape, fresh: PageShape): boolean {
  return (
    sameList(open.parts, fresh.parts) &&
    sameList(open.charts, fresh.charts) &&
    new Set(open.charts).size === open.charts.length &&
    sameList(open.tables, fresh.tables) &&
    new Set(open.tables).size === open.tables.length &&
    open.facts === fresh.facts
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
