import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import type { CompareBlockInput } from "../blocks/compareBlockSchema.ts";
import { compareRuns } from "../compare/compareRuns.ts";
import { compareMessages } from "../compare/messages.ts";
import { renderCompareTable } from "../compare/renderCompareTable.ts";
import type { Run } from "../run.ts";
import type { ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import { regionDiagnostic, type TextRegion } from "../yaml/textRegion.ts";
import type { BlockContext, RenderedBlock } from "../blocks/blockTypes.ts";
import { compileGlob } from "../query/compileGlob.ts";

const DEFAULT_MAX_RUNS = 20;

/**
 * A `compare` block over its selected runs (already resolved, in run-id order): check there are
 * two or more and every `keys` glob matches something, then render the static comparison table.
 */
export async function renderCompareBlock(
  block: { input: CompareBlockInput; region: TextRegion; yaml: ParsedYaml },
  index: number,
  runs: Run[],
  ctx: BlockContext,
): Promise<RenderedBlock> {
  const { input } = block;
  const diagnostics: Diagnostic[] = [];
  if (runs.length < 2) {
    const at = input.runs !== undefined ? block.yaml.locateValue(["runs"]) : block.yaml.locateKey([]);
    diagnostics.push(regionDiagnostic(block.region, at, compareMessages.tooFewRuns(runs.length, input.runs ?? ctx.defaultRunSet?.expression ?? null)));
  }
  const maxRuns = input.max_runs ?? DEFAULT_MAX_RUNS;
  const shown = runs.slice(0, maxRuns);
  const globs = input.keys === undefined ? undefined : typeof input.keys === "string" ? [input.keys] : input.keys;
  const every = compareRuns(shown);
  if (globs) {
    const known = every.rows.filter((r) => r.section !== "run").map((r) => r.key);
    globs.forEach((glob, i) => {
      const re = compileGlob(glob);
      if (every.rows.some((r) => r.section !== "run" && (re.test(r.key) || re.test(r.label)))) return;
      const at = block.yaml.locateValue(typeof input.keys === "string" ? ["keys"] : ["keys", i]);
      diagnostics.push(regionDiagnostic(block.region, at, compareMessages.keyMatchesNothing(glob, didYouMean(glob, known))));
    });
  }
  if (diagnostics.length || !ctx.render) return { html: "", diagnostics };
  const result = globs ? compareRuns(shown, { keys: globs.map(compileGlob) }) : every;
  const id = `compare-${index + 1}`;
  const html = renderCompareTable(result, {
    id,
    ...(input.title ? { caption: input.title } : {}),
    show: input.show ?? "differing",
    hrefForRun: ctx.hrefForRun,
    ...(shown.length < runs.length ? { note: `Showing ${shown.length} of ${runs.length} selected runs (raise \`max_runs\` to compare more).` } : {}),
  });
  return { html, diagnostics, shows: { id, title: input.title ?? "", runIds: shown.map((r) => r.id), svg: "", payload: null, script: null } };
}
