import type { Spec as VegaSpec } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export type { VegaSpec };

/**
 * vega-lite → vega, once at build time: pages ship the compiled vega spec, so the browser loads
 * the vega runtime only and never vega-lite.
 */
export function compileChart(vegaLite: TopLevelSpec): VegaSpec {
  return compile(vegaLite).spec;
}
