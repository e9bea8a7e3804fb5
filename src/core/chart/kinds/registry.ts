import { barKind } from "./bar.ts";
import type { ChartKindModule } from "./chartKind.ts";
import { confusionKind } from "./confusion.ts";
import { prKind, rocKind } from "./curves.ts";
import { distributionKind } from "./distribution.ts";
import { histogramKind } from "./histogram.ts";
import { importanceKind } from "./importance.ts";
import { lineKind } from "./line.ts";
import { parallelKind } from "./parallel.ts";
import { scalarKind } from "./scalar.ts";
import { scatterKind } from "./scatter.ts";

/** Every chart kind, in the order messages list them; `line` is the default. */
export const CHART_KIND_MODULES = {
  line: lineKind,
  scatter: scatterKind,
  bar: barKind,
  parallel: parallelKind,
  histogram: histogramKind,
  scalar: scalarKind,
  importance: importanceKind,
  confusion: confusionKind,
  pr: prKind,
  roc: rocKind,
  distribution: distributionKind,
} as const satisfies Record<string, ChartKindModule>;

export type ChartKind = keyof typeof CHART_KIND_MODULES;
export const CHART_KINDS = Object.keys(CHART_KIND_MODULES) as [ChartKind, ...ChartKind[]];
export const DEFAULT_CHART_KIND: ChartKind = "line";

/** Keys every kind takes, in the order a kind's key list starts with. */
const COMMON_KEYS = ["kind", "title", "runs", "y", "height", "max_runs"] as const;

/** Keys each chart kind takes; any other key is an error for that kind (`BLOCK015`). */
export const CHART_KIND_KEYS: Record<ChartKind, readonly string[]> = {
  line: kindKeys("line"),
  scatter: kindKeys("scatter"),
  bar: kindKeys("bar"),
  parallel: kindKeys("parallel"),
  histogram: kindKeys("histogram"),
  scalar: kindKeys("scalar"),
  importance: kindKeys("importance"),
  confusion: kindKeys("confusion", { y: false }),
  pr: kindKeys("pr", { y: false }),
  roc: kindKeys("roc", { y: false }),
  distribution: kindKeys("distribution", { y: false }),
};

/** The evaluation kinds draw a named plot or histogram file, not a field: they take no `y`. */
function kindKeys(kind: ChartKind, options: { y: boolean } = { y: true }): readonly string[] {
  return [...COMMON_KEYS.filter((k) => options.y || k !== "y"), ...Object.keys(CHART_KIND_MODULES[kind].shape)];
}
