// What a block renderer gets and gives back: shared by the dispatcher (renderBlock.ts) and every
// kind's renderer, so neither side imports the other for its types.
import type { Diagnostic } from "../diagnostics.ts";
import type { FullDataLinks } from "../render/renderChartFigure.ts";
import type { History, Run } from "../run.ts";
import type { ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import type { TextRegion } from "../yaml/textRegion.ts";

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
  readHistory: (run: Run) => Promise<History>;
  colors: ReadonlyMap<string, string>;
  hrefForRun: (runId: string) => string;
  /**
   * False: check only, as `runfolio check` and the build's first pass do: no HTML; histories are
   * read only where the build's rendering would find a problem in them (line charts' series).
   */
  render: boolean;
  /**
   * How line charts offer every logged point: a CSV the page builds from each run's published
   * JSON, or links to the runs' source files. Absent: not offered (the single-file export, benchmarks).
   */
  fullData?: FullDataLinks;
}

/** What a line chart drew: its runs and metrics. */
export interface LineChartSource {
  id: string;
  runIds: string[];
  metrics: string[];
}

export interface RenderedBlock {
  html: string;
  diagnostics: Diagnostic[];
  lineChart?: LineChartSource;
}
