/**
 * The markup contract between the build and the browser: the class names and data attributes
 * that the build writes (`renderChartFigure`, the line chart's SVG and legend, `renderRunsTable`)
 * and the page scripts look for (`src/client/hydrateCharts.ts`, `lineChart/*`, `runsTable.ts`).
 * Both sides import them from here; renaming one here renames it on both sides. Browser-safe:
 * constants only.
 *
 * A chart figure (every chart kind but `scalar`):
 *
 *   <figure class="rf-chart [rf-chart-tools]" id="chart-2" data-runfolio-chart="line|vega">
 *     <figcaption><a class="rf-anchor" href="#chart-2">title</a></figcaption>
 *     <svg class="rf-line-chart" …>          static chart, made live in place (direct child)
 *       <g class="rf-plot"><g class="rf-frame">…</g><g class="rf-lines">…</g></g>
 *     </svg>
 *     <div class="rf-legends"><div class="rf-legend">…</div></div>      line charts
 *     <script type="application/json" class="rf-chart-data">payload</script>
 *     <ul class="rf-chart-notes">…</ul> <p class="rf-chart-full"><a download>…</a></p>
 *     <details class="rf-chart-table">…</details>                        line charts
 *   </figure>
 *
 * An interactive runs table:
 *
 *   <div class="rf-table-wrap" id="table-1" data-runfolio-table>
 *     <div class="rf-table-tools" hidden> .rf-filter-text, .rf-filter-expr, pre.rf-filter-error </div>
 *     <table class="rf-table"> th > button.rf-sort; tbody (tbody.rf-group > tr.rf-group-row,
 *       tr[data-run]…, tr.rf-agg) </table>
 *     <p class="rf-table-status"> <nav class="rf-table-pages"> .rf-page-prev .rf-page-info .rf-page-next
 *     <script type="application/json" class="rf-table-data">TablePayload</script>
 *   </div>
 */

/** Chart figures: `[data-runfolio-chart]` holds who draws it live, `line` or `vega`. */
export const chartMarkup = {
  attribute: "data-runfolio-chart",
  figure: "rf-chart",
  /** The figure reserves a row for the page's toolbar. */
  withToolbar: "rf-chart-tools",
  anchor: "rf-anchor",
  /**
   * The hydration payload: a non-executable JSON script, a direct child of the figure. Empty, with
   * `dataFile` naming the file that holds it, when the build moved it out of the page.
   */
  payload: "rf-chart-data",
  /** On a payload script: the URL of the site's data file that holds its JSON (core/report/blockDataFiles.ts). */
  dataFile: "data-file",
  notes: "rf-chart-notes",
  /** The paragraph offering every logged point (a CSV built in the page, or the source files). */
  fullData: "rf-chart-full",
  /** On a figure whose points load from its run's JSON, and on the full-data paragraph: the site's base path. */
  dataBase: "data-base",
  lineSvg: "rf-line-chart",
  plot: "rf-plot",
  frame: "rf-frame",
  lines: "rf-lines",
  legends: "rf-legends",
  legend: "rf-legend",
  /**
   * On a vega chart's SVG (static and live view) whose spec sets its own size rather than fitting
   * its box (a raw vega-lite spec): shown at that size, scaled down only to fit the column.
   */
  ownSize: "rf-own-size",
  /**
   * A grid of panels has two static pictures (gridVariants.ts): its columns side by side, shown in
   * a box about as wide, and one column otherwise; `data-columns` on each says how many columns.
   */
  gridWide: "rf-grid-wide",
  gridNarrow: "rf-grid-narrow",
  gridColumns: "data-columns",
} as const;

/** Interactive runs tables (`renderRunsTable` with `interactive`), made live by `runsTable.ts`. */
export const tableMarkup = {
  attribute: "data-runfolio-table",
  wrap: "rf-table-wrap",
  table: "rf-table",
  tools: "rf-table-tools",
  filterText: "rf-filter-text",
  filterExpr: "rf-filter-expr",
  filterError: "rf-filter-error",
  sort: "rf-sort",
  group: "rf-group",
  groupRow: "rf-group-row",
  groupCount: "rf-group-n",
  aggregate: "rf-agg",
  status: "rf-table-status",
  pages: "rf-table-pages",
  pagePrev: "rf-page-prev",
  pageNext: "rf-page-next",
  pageInfo: "rf-page-info",
  /** The note under a table whose HTML holds only its first page; the script hides it. */
  more: "rf-table-more",
  /** The rows' run data: a non-executable JSON script. */
  payload: "rf-table-data",
  /** On the payload script of a table whose later rows are in a data file (`TablePayload.more`): its URL. */
  dataFile: "data-file",
  /** On each run row: the run's id. */
  runAttribute: "data-run",
} as const;

/** Class names above that only the scripts use (no stylesheet styles them); every other one is styled. */
export const scriptOnlyClasses: ReadonlySet<string> = new Set<string>([
  chartMarkup.anchor,
  chartMarkup.payload,
  chartMarkup.plot,
  chartMarkup.frame,
  tableMarkup.filterText,
  tableMarkup.group,
  tableMarkup.pagePrev,
  tableMarkup.pageNext,
  tableMarkup.pageInfo,
  tableMarkup.more,
  tableMarkup.payload,
]);
