import type { z } from "zod";
import type { Diagnostic } from "../../diagnostics.ts";
import type { FieldPath } from "../../query/index.ts";
import type { BlockContext, RenderedBlock } from "../../blocks/blockTypes.ts";
import type { Run } from "../../run.ts";
import type { ParsedYaml } from "../../yaml/parseYamlWithPositions.ts";
import type { TextRegion } from "../../yaml/textRegion.ts";

/** A chart block as a kind sees it: `y` is absent only when it was missing or wrong (see `invalid`). */
export type KindInput<T extends { y: unknown }> = Omit<T, "y"> & { y?: T["y"] };

export interface KindBlock<I> {
  input: I;
  region: TextRegion;
  yaml: ParsedYaml;
  /** Keys written but rejected by the schema (see `ParsedBlock`): their checks are skipped. */
  invalid: ReadonlySet<string>;
}

/** What the dispatcher resolved before handing a block to its kind; every kind reports into `diagnostics`. */
export interface KindRenderArgs<I> {
  block: KindBlock<I>;
  /** `chart-<n>`, the figure's id and anchor. */
  id: string;
  title: string;
  /** The selected runs capped at `max_runs`; null when the run set is unknown. */
  runs: Run[] | null;
  /** Notes shown under the chart (runs left out by `max_runs`). */
  notes: string[];
  ctx: BlockContext;
  diagnostics: Diagnostic[];
  /** A field's syntax is always checked; whether a run has it only when the runs are known. */
  field: (text: string, path: PropertyKey[]) => FieldPath | null;
  /** `x` or `y` as one field, reporting it when missing; `what` describes it in that message. */
  oneField: (key: "x" | "y", what: string) => FieldPath | null;
}

/** One chart kind: the keys it takes (zod, with defaults and bounds) and its render step. */
export interface ChartKindModule {
  /** The kind's schemas of the keys it takes besides the common ones. */
  shape: z.ZodRawShape;
  /** Checks against the runs → compile → static SVG/HTML and the page's payload. */
  render: (args: KindRenderArgs<never>) => Promise<RenderedBlock>;
}
