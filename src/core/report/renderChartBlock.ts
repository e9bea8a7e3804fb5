import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import type { ParsedBlock } from "./parseBlock.ts";
import type { KindRenderArgs } from "../chart/kinds/chartKind.ts";
import { DEFAULT_MAX_RUNS } from "../chart/kinds/chartKeys.ts";
import { CHART_KIND_KEYS, CHART_KIND_MODULES, DEFAULT_CHART_KIND, type ChartKind } from "../chart/kinds/registry.ts";
import type { FieldPath } from "../query/index.ts";
import type { Run } from "../run.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import type { BlockContext, RenderedBlock } from "../blocks/blockTypes.ts";
import { hasField, knownFields, parseChartField } from "./runFields.ts";

type ChartBlock = Extract<ParsedBlock, { lang: "chart" }>;

/**
 * A `chart` block of any kind, in order: check the keys the kind takes, cap the run set at
 * `max_runs` (a grouped line chart caps its groups instead), then hand the block to its kind (`chart/kinds/`), which resolves its fields against
 * the selected runs, builds, compiles and renders. Every check runs, so a block lists all its
 * problems at once; with `selected` null (the run set is unknown) or a key in `block.invalid`,
 * only the checks that depend on them are skipped.
 */
export async function renderChartBlock(block: ChartBlock, index: number, selected: Run[] | null, ctx: BlockContext): Promise<RenderedBlock> {
  const input = block.input;
  // Without a valid `kind` there is no telling which keys apply or what `y` names.
  if (block.invalid.has("kind")) return { html: "", diagnostics: [] };
  const kind: ChartKind = input.kind ?? DEFAULT_CHART_KIND;
  const at = (path: PropertyKey[]) => block.yaml.locateValue(path);
  const diagnostics: Diagnostic[] = [];
  const allowed = CHART_KIND_KEYS[kind];
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([key]), blockMessages.keyNotForKind(key, kind, allowed)));
  }

  const maxRuns = input.max_runs ?? DEFAULT_MAX_RUNS;
  // A grouped line chart draws one line per group from every selected run (streamed, so its cost
  // is one run at a time): there `max_runs` caps the groups drawn (line.ts), as W&B's "max runs or groups".
  const capsGroups = kind === "line" && (input as { group?: unknown }).group !== undefined && !block.invalid.has("group");
  const runs = selected ? (capsGroups ? selected : selected.slice(0, maxRuns)) : null;
  const notes = selected && !capsGroups && selected.length > maxRuns ? [`Showing ${maxRuns} of ${selected.length} selected runs (raise \`max_runs\` to draw more).`] : [];
  const known = runs ? knownFields(runs) : [];
  const field = (text: string, path: PropertyKey[]): FieldPath | null => {
    const parsed = parseChartField(text);
    if (!parsed.ok) {
      const { code, message, hint } = parsed.error;
      diagnostics.push(regionDiagnostic(block.region, at(path), { code, message, ...(hint ? { hint } : {}) }));
      return null;
    }
    if (!runs) return null;
    if (!hasField(runs, parsed.path)) {
      diagnostics.push(regionDiagnostic(block.region, at(path), blockMessages.unknownColumn(text, didYouMean(text, known))));
      return null;
    }
    return parsed.path;
  };
  const oneField = (key: "y" | "x", what: string): FieldPath | null => {
    const v = input[key];
    if (v === undefined) {
      // Written but wrong: the schema already said so.
      if (!block.invalid.has(key)) diagnostics.push(regionDiagnostic(block.region, block.yaml.locateKey([]), blockMessages.needsKey(kind, key, what)));
      return null;
    }
    if (typeof v !== "string") {
      diagnostics.push(regionDiagnostic(block.region, at([key]), blockMessages.oneField(key, kind)));
      return null;
    }
    return field(v, [key]);
  };
  const title = input.title ?? (input.y === undefined ? (input.plot ?? "") : typeof input.y === "string" ? input.y : input.y.join(", "));
  const args: KindRenderArgs<typeof input> = { block, id: `chart-${index + 1}`, title, runs, notes, ctx, diagnostics, field, oneField };
  // The key check above reported keys the kind does not take; its render step reads only its own.
  return CHART_KIND_MODULES[kind].render(args as KindRenderArgs<never>);
}
