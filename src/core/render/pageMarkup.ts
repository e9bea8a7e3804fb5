/**
 * The markup contract of the site's page scripts, as `markup.ts` is for chart figures and runs
 * tables: every class name, id and data attribute that a page (an .astro view or component)
 * writes and a script in `src/client/` looks for. Both sides import them from here. Browser-safe:
 * constants only. Keys ending in `Id` are element ids, values starting with `data-` attributes,
 * the rest class names (the stylesheets style them unless `scriptOnlyPageClasses` says not).
 */

/** The runs page (`src/pages/runs/index.astro`, `ExplorerControls.astro`), made live by `explorer.ts`. */
export const explorerMarkup = {
  rootId: "rf-explorer",
  root: "rf-explorer",
  /** On the root: the site's base path, under which the script fetches `data/explorer.json`. */
  base: "data-base",
  /** On the root, set by the script: `loading`, `ready` or `failed`, whether the runs' config, git and other metrics are in (`data/explorer-fields.json`). */
  fieldsState: "data-fields",
  /** Hidden until the script runs (useless without it). */
  controls: "rf-explorer-controls",
  /** The server-rendered tables, one per project, which the script replaces. */
  tables: "rf-explorer-tables",
  filter: "rf-explorer-filter",
  queryId: "rf-q",
  queryErrorId: "rf-q-error",
  queryError: "rf-q-error",
  bar: "rf-explorer-bar",
  facet: "rf-facet",
  /** On each facet's fieldset: the run field it filters (`project`, `state`). */
  facetAttribute: "data-facet",
  columnPicker: "rf-column-picker",
  columnList: "rf-column-list",
  columnsReset: "rf-columns-reset",
  actions: "rf-explorer-actions",
  count: "rf-explorer-count",
  compareSelected: "rf-compare-selected",
  clearSelection: "rf-clear-selection",
} as const;

/** The compare page (`src/pages/compare/index.astro`), filled by `compare.ts`. */
export const compareMarkup = {
  rootId: "rf-compare",
  dataId: "rf-compare-data",
  base: "data-base",
  /** The lede that says what to do before runs are chosen, then what was compared. */
  status: "rf-compare-status",
  /** The section of overlaid metric charts. */
  metrics: "rf-compare-metrics",
  /**
   * On the metrics section: `loading` while the runs' histories load and the charts are drawn,
   * then `ready` (every chart drawn and live, or marked as failed), `empty` (no shared metric) or
   * `error` (the histories could not be loaded). Tests and screenshot tools wait on it.
   */
  state: "data-state",
} as const;

export type CompareChartsState = "loading" | "ready" | "empty" | "error";

/** The search page (`src/pages/search/index.astro`), run by `search.ts`. */
export const searchMarkup = {
  /** On the search form: the script takes over the form that carries it. */
  formAttribute: "data-rf-search",
  form: "rf-search-form",
  /** On the form: the search index's URL. */
  index: "data-index",
  /** Set on the form once the index is loaded. */
  ready: "data-ready",
  inputId: "rf-search-input",
  status: "rf-search-status",
  results: "rf-search-results",
} as const;

/** The run page's config tree (`ConfigExplorer.astro`, `ConfigTree.astro`), searched by `runPage.ts`. */
export const configMarkup = {
  attribute: "data-runfolio-config",
  /** Hidden until the script runs. */
  search: "rf-config-search",
  searchInputId: "rf-config-q",
  count: "rf-config-count",
  tree: "config-tree",
  key: "key",
  value: "val",
} as const;

/** Class names above that only the scripts use (no stylesheet styles them); every other one is styled. */
export const scriptOnlyPageClasses: ReadonlySet<string> = new Set([
  explorerMarkup.root,
  explorerMarkup.tables,
  explorerMarkup.columnsReset,
  explorerMarkup.clearSelection,
  compareMarkup.status,
  compareMarkup.metrics,
  configMarkup.count,
]);
