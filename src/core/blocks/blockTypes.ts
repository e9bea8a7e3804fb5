// What a block renderer gets and gives back: shared by the dispatcher (renderBlock.ts) and every
// kind's renderer, so neither side imports the other for its types.
import type { Diagnostic } from "../diagnostics.ts";
import type { FullDataLinks } from "../render/renderChartFigure.ts";
import type { History, Run, TableData } from "../run.ts";
import type { HistoryFacts } from "../series/historyFacts.ts";
import type { RunDataReader } from "../plots/runData.ts";
import type { ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import type { TextRegion } from "../yaml/textRegion.ts";
import type { MediaLink } from "../media/mediaUrls.ts";

/** Where a run-set expression was written: a YAML value in a block or in front matter. */
export interface RunSetSource {
  expression: string;
  region: TextRegion;
  yaml: ParsedYaml;
  path: readonly PropertyKey[];
}

export interface BlockContext {
  /** Every run that loaded. */
  runs: readonly Run[];
  /** The report's front-matter `runs`, used when a block has none. */
  defaultRunSet: RunSetSource | null;
  /** A run's history; with `metrics`, it may hold only those (and step and time). */
  readHistory: (run: Run, metrics?: readonly string[]) => Promise<History>;
  /**
   * What a run's history holds, per metric, without reading its columns (historyFacts.ts); null
   * when not known. Absent: charts read histories to find it.
   */
  readFacts?: (run: Run) => Promise<HistoryFacts | null>;
  /** A run's histograms and system samples, read when a chart draws them. Absent: charts of them report that they cannot. */
  readRunData?: RunDataReader;
  colors: ReadonlyMap<string, string>;
  hrefForRun: (runId: string) => string;
  /** A run's page as a site path, for links that scripts read from JSON (see RunsTableInput.sitePathForRun). */
  sitePathForRun?: (runId: string) => string;
  /**
   * False: check only, as `runfolio check` and the build's first pass do: no HTML; histories are
   * read only where the build's rendering would find a problem in them (line charts' series).
   */
  render: boolean;
  /**
   * How line charts offer every logged point: a CSV the page builds from each run's published
   * JSON, or links to the runs' source files. Absent: not offered (the single-file export, benchmarks).
   */
  /**
   * Draws a chart through a cache: `inputs` is everything the drawing reads besides the histories
   * of `runs`, which the cache keys by their files' digests. Absent, a chart is drawn every time.
   */
  memoChart?: ChartMemo;
  fullData?: FullDataLinks;
  /** The site's base path, which media files (`media/<digest>.<ext>`) are published under. __Default:__ `/`. */
  mediaBase?: string;
  /** A run's per-example table by name (`table` blocks). Absent: table blocks are checked against the runs alone. */
  readTable?: (run: Run, name: string) => Promise<TableData>;
  /** Where a `table` block's rows are published as a file (large tables). Absent: the rows are inline. */
  tableRowsHref?: (blockId: string) => string;
  /**
   * Publishes data a block's page script reads (a large chart's payload, a long `runs` table's
   * later rows) as a file and returns its URL. Absent: the data stay inline (the single-file export).
   */
  dataFile?: (text: string) => string;
  /** The URL of a media file a table cell names. Absent: the cell shows its path. */
  tableMediaHref?: (run: Run, path: string) => string | MediaLink;
}

/** What a line chart drew: its runs and metrics. */
export interface LineChartSource {
  id: string;
  runIds: string[];
  metrics: string[];
}

/** Which page script brings a block to life: the line chart, vega, the runs table; null: static HTML. */
export type BlockScript = "line" | "vega" | "table" | "media" | "rows" | null;

/** What a rendered block shows, as data (the compiled report lists it beside the block's HTML). */
export interface BlockShows {
  /** The anchor id (`chart-2`, `table-1`, `compare-3`): its name in links and embed URLs. */
  id: string;
  title: string;
  /** The runs it shows, in its order: drawn, reduced, listed or compared. */
  runIds: string[];
  /** A chart's build-time SVG; "" for blocks without one (tables, compare, scalar). */
  svg: string;
  /**
   * What the page's script brings the block to life from, as its HTML carries it: a chart's compact
   * data or vega spec and datasets, a runs table's `TablePayload`; null for static blocks.
   */
  payload: unknown;
  script: BlockScript;
}

export interface RenderedBlock {
  html: string;
  diagnostics: Diagnostic[];
  lineChart?: LineChartSource;
  /** Set whenever `html` is. */
  shows?: BlockShows;
}

/**
 * See `BlockContext.memoChart`; the result must be plain JSON data. `draw` gets the chart's parts
 * memo: pieces of the drawing kept in the cache on their own (a grouped chart's line per group),
 * so that a chart drawn again because one run changed reuses what did not change.
 */
export type ChartMemo = <T>(kind: string, inputs: unknown, runs: readonly Run[], draw: (parts: ChartParts) => Promise<T>) => Promise<T>;

/**
 * Binary pieces of one chart's drawing, each keyed by `inputs` (everything it depends on besides
 * the histories of `runs`) and the digests of those runs' history files: a meta text and sections.
 */
export interface ChartParts {
  get(inputs: string, runs: readonly Run[]): Promise<{ meta: string; sections: Uint8Array[] } | null>;
  set(inputs: string, runs: readonly Run[], meta: string, sections: readonly Uint8Array[]): Promise<void>;
}
