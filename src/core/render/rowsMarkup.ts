/**
 * The markup contract of per-example tables (`table` blocks, a run page's tables) between the
 * build (`core/runTables/renderRowsTable.ts`) and the page script (`src/client/rowsTable.ts`).
 * Browser-safe: constants only.
 *
 *   <div class="rf-rows" id="table-3" data-runfolio-rows [data-rows-src="…/rows.json"]>
 *     <p class="rf-rows-caption">title</p>
 *     <div class="rf-rows-tools" hidden> input.rf-rows-filter, label.rf-rows-only-label > input.rf-rows-only,
 *       pre.rf-rows-error </div>
 *     <p class="rf-rows-status">…</p>
 *     <div class="rf-rows-scroll"><table class="rf-table rf-rows-table"> th > button.rf-rows-sort[data-col]
 *       (span.rf-rows-run); td.rf-rows-differs; a > img.rf-rows-thumb </table></div>
 *     <nav class="rf-rows-pages" hidden> .rf-rows-prev .rf-rows-page-info .rf-rows-next </nav>
 *     <script type="application/json" class="rf-rows-data">RowsPayload</script>   (small tables)
 *   </div>
 */
export const rowsMarkup = {
  attribute: "data-runfolio-rows",
  /** The URL of the rows' JSON file, fetched on the first interaction (large tables). */
  source: "data-rows-src",
  /** On a sort button: the column's index in the payload. */
  column: "data-col",
  root: "rf-rows",
  caption: "rf-rows-caption",
  tools: "rf-rows-tools",
  filter: "rf-rows-filter",
  onlyLabel: "rf-rows-only-label",
  only: "rf-rows-only",
  error: "rf-rows-error",
  status: "rf-rows-status",
  scroll: "rf-rows-scroll",
  table: "rf-rows-table",
  sort: "rf-rows-sort",
  run: "rf-rows-run",
  differs: "rf-rows-differs",
  thumb: "rf-rows-thumb",
  pages: "rf-rows-pages",
  prev: "rf-rows-prev",
  next: "rf-rows-next",
  pageInfo: "rf-rows-page-info",
  payload: "rf-rows-data",
} as const;
