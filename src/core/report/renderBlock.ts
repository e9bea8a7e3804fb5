import type { Diagnostic } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import type { ParsedBlock } from "./parseBlock.ts";
import type { Run } from "../run.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import type { BlockContext, RenderedBlock, RunSetSource } from "../blocks/blockTypes.ts";
import { resolveRunSet } from "./resolveRunSet.ts";
import { renderChartBlock } from "./renderChartBlock.ts";
import { renderRunsBlock } from "./renderRunsBlock.ts";
import { renderVegaLiteBlock } from "./renderVegaLiteBlock.ts";
import { renderCompareBlock } from "./renderCompareBlock.ts";
import { renderMediaBlock } from "./renderMediaBlock.ts";
import { renderTableBlock } from "./renderTableBlock.ts";

// The report compiler and the site take the block types from here, with renderBlock itself.
export type { BlockContext, LineChartSource, RenderedBlock } from "../blocks/blockTypes.ts";

/**
 * One parsed block → its HTML, with every problem found on the way. A run set that cannot be
 * known (its expression does not parse, `runs` has the wrong type, or it selects nothing) skips
 * only the checks that look at runs; the block's other checks still run.
 */
export async function renderBlock(block: ParsedBlock, index: number, ctx: BlockContext): Promise<RenderedBlock> {
  const own: RunSetSource | null =
    block.input.runs !== undefined
      ? { expression: block.input.runs, region: block.region, yaml: block.yaml, path: ["runs"] }
      : null;
  const diagnostics: Diagnostic[] = [];
  let runs: Run[] | null = null;
  if (!block.invalid.has("runs")) {
    const runSet = resolveRunSet(own ?? ctx.defaultRunSet, ctx.runs);
    diagnostics.push(...runSet.diagnostics);
    if (runSet.diagnostics.length === 0 && runSet.runs.length === 0) {
      const at = own ? block.yaml.locateValue(["runs"]) : undefined;
      diagnostics.push(regionDiagnostic(block.region, at, blockMessages.emptyRunSet(runSet.expression)), ...runSet.unknownFields);
    } else if (runSet.diagnostics.length === 0) runs = runSet.runs;
  }
  const out = await renderKind(block, index, runs, { ...ctx, render: ctx.render && runs !== null });
  return { ...out, diagnostics: [...diagnostics, ...out.diagnostics] };
}

/** `runs` is null when the run set is unknown: the kind then makes only its checks that need no runs. */
function renderKind(block: ParsedBlock, index: number, runs: Run[] | null, ctx: BlockContext): Promise<RenderedBlock> {
  switch (block.lang) {
    case "chart":
      return renderChartBlock(block, index, runs, ctx);
    case "compare":
      return runs ? renderCompareBlock(block, index, runs, ctx) : Promise.resolve({ html: "", diagnostics: [] });
    case "vega-lite":
      return renderVegaLiteBlock(block, index, runs, ctx);
    case "runs":
      return runs ? renderRunsBlock(block, index, runs, ctx) : Promise.resolve({ html: "", diagnostics: [] });
    case "media":
      return renderMediaBlock(block, index, runs, ctx);
    case "table":
      return renderTableBlock(block, index, runs, ctx);
  }
}
