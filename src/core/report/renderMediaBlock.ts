/**
 * A ` ```media ` block over its selected runs: check the key (did-you-mean over the keys the runs
 * have) and the step, then render the grid (core/media/renderMediaGrid.ts) with the payload the
 * page script swaps steps from.
 */
import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import type { BlockContext, RenderedBlock } from "../blocks/blockTypes.ts";
import type { MediaBlockInput } from "../blocks/mediaBlockSchema.ts";
import { mediaBlockMessages } from "../blocks/mediaBlockMessages.ts";
import { mediaKeys } from "../media/runMedia.ts";
import { mediaPayload, unionSteps, type MediaViewRun } from "../media/mediaView.ts";
import { renderMediaGrid } from "../media/renderMediaGrid.ts";
import type { Run } from "../run.ts";
import type { ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import { regionDiagnostic, type TextRegion } from "../yaml/textRegion.ts";

export const MEDIA_DEFAULTS = { limit: 48, maxRuns: 8 } as const;

/** The steps of `steps` nearest `step`, at most three, ascending. */
function nearestSteps(steps: readonly number[], step: number): number[] {
  return [...steps].sort((a, b) => Math.abs(a - step) - Math.abs(b - step) || a - b).slice(0, 3).sort((a, b) => a - b);
}

export async function renderMediaBlock(
  block: { input: MediaBlockInput; region: TextRegion; yaml: ParsedYaml; invalid: ReadonlySet<string> },
  index: number,
  runs: Run[] | null,
  ctx: BlockContext,
): Promise<RenderedBlock> {
  const { input } = block;
  const diagnostics: Diagnostic[] = [];
  if (!runs || block.invalid.has("key")) return { html: "", diagnostics };
  const withKey = runs.filter((r) => r.media?.some((i) => i.key === input.key));
  if (withKey.length === 0) {
    const known = [...new Set(runs.flatMap((r) => mediaKeys(r.media ?? [])))].sort();
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["key"]), mediaBlockMessages.unknownKey(input.key, didYouMean(input.key, known), known)));
    return { html: "", diagnostics };
  }
  const maxRuns = input.max_runs ?? MEDIA_DEFAULTS.maxRuns;
  const shown = withKey.slice(0, maxRuns);
  const viewRuns: MediaViewRun[] = shown.map((r) => {
    const color = ctx.colors.get(r.id);
    return { id: r.id, name: r.name, href: ctx.hrefForRun(r.id), ...(color ? { color } : {}), items: r.media!.filter((i) => i.key === input.key) };
  });
  const steps = unionSteps(viewRuns);
  if (input.step !== undefined && !block.invalid.has("step") && !steps.includes(input.step)) {
    diagnostics.push(regionDiagnostic(block.region, block.yaml.locateValue(["step"]), mediaBlockMessages.stepNotLogged(input.step, input.key, nearestSteps(steps, input.step))));
  }
  if (diagnostics.length || !ctx.render) return { html: "", diagnostics };
  const step = input.step ?? steps[steps.length - 1]!;
  const limit = input.limit ?? MEDIA_DEFAULTS.limit;
  const id = `media-${index + 1}`;
  const payload = mediaPayload(input.key, viewRuns, step, limit, input.columns);
  const missing = runs.length - withKey.length;
  const notes = [
    shown.length < withKey.length ? `Showing ${shown.length} of ${withKey.length} runs with this key (raise max_runs to show more).` : "",
    missing > 0 ? `${missing} selected run${missing === 1 ? " has" : "s have"} no ${input.key} media.` : "",
  ].filter(Boolean);
  const html = renderMediaGrid({
    id,
    title: input.title ?? input.key,
    key: input.key,
    runs: viewRuns,
    steps,
    step,
    limit,
    ...(input.columns ? { columns: input.columns } : {}),
    base: ctx.mediaBase ?? "/",
    payload,
    ...(notes.length ? { note: notes.join(" ") } : {}),
  });
  return { html, diagnostics, shows: { id, title: input.title ?? input.key, runIds: shown.map((r) => r.id), svg: "", payload, script: "media" } };
}
