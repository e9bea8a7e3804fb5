import type { z } from "zod";
import { chartBlockSchema, chartSchemaFor, type ChartBlockInput } from "../chart/kinds/chartBlockSchema.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { compareDiagnostics, didYouMean } from "../diagnostics.ts";
import { describeSchemaIssues, pathLabel, type SchemaProblem } from "../yaml/describeSchemaIssues.ts";
import { parseYamlWithPositions, type ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import { regionDiagnostic, type TextRegion } from "../yaml/textRegion.ts";
import { MAX_ALIAS_VALUES } from "../yaml/yamlToValue.ts";
import { MAX_NESTING } from "../ownRecord.ts";
import { runsBlockSchema, vegaLiteBlockSchema, type BlockLang, type RunsBlockInput, type VegaLiteBlockInput } from "../blocks/blockSchemas.ts";
import { compareBlockSchema, type CompareBlockInput } from "../blocks/compareBlockSchema.ts";
import { mediaBlockSchema, type MediaBlockInput } from "../blocks/mediaBlockSchema.ts";
import { tableBlockSchema, type TableBlockInput } from "../blocks/tableBlockSchema.ts";
import { blockMessages } from "../blocks/messages.ts";

/** Each block language's keys; a chart's come from the chart kinds, which build on blocks/. */
const blockSchemas = { chart: chartBlockSchema, runs: runsBlockSchema, compare: compareBlockSchema, "vega-lite": vegaLiteBlockSchema, media: mediaBlockSchema, table: tableBlockSchema } as const;

/** A chart block's input; `y` is absent only when it was missing or wrong (see `invalid`). */
export type ChartBlockFields = Omit<ChartBlockInput, "y"> & { y?: ChartBlockInput["y"] };

interface BlockParts {
  region: TextRegion;
  yaml: ParsedYaml;
  /**
   * In a `partial` block: top-level keys that were written but rejected (or a required key that
   * is missing). They are left out of `input`; checks that depend on them are skipped, and checks
   * that ask whether a key was written count them as written. Empty in a valid block.
   */
  invalid: ReadonlySet<string>;
}

export type ParsedBlock =
  | ({ lang: "chart"; input: ChartBlockFields } & BlockParts)
  | ({ lang: "runs"; input: RunsBlockInput } & BlockParts)
  | ({ lang: "vega-lite"; input: VegaLiteBlockInput } & BlockParts)
  | ({ lang: "compare"; input: CompareBlockInput } & BlockParts)
  | ({ lang: "media"; input: MediaBlockInput } & BlockParts)
  | ({ lang: "table"; input: Partial<TableBlockInput> } & BlockParts);

export interface ParseBlockResult {
  /** The schema-checked block; null when there is any diagnostic. */
  block: ParsedBlock | null;
  /**
   * When the schema rejected some keys: the rest of the block, so the checks against the runs
   * (metrics, fields, columns) still run on it and one pass lists every problem. Never drawn.
   */
  partial: ParsedBlock | null;
  diagnostics: Diagnostic[];
}

/** YAML body of a fenced block → schema-checked input, or every problem with its position. */
export function parseBlock(lang: BlockLang, region: TextRegion): ParseBlockResult {
  const yaml = parseYamlWithPositions(region.text);
  if (yaml.errors.length) {
    return {
      block: null,
      partial: null,
      diagnostics: yaml.errors.map((e) =>
        regionDiagnostic(
          region,
          e,
          e.kind === "depth" ? blockMessages.tooDeep(MAX_NESTING) : e.kind === "aliases" ? blockMessages.tooManyAliasValues(e.alias ?? "", MAX_ALIAS_VALUES) : blockMessages.yamlSyntax(e.message),
        ),
      ),
    };
  }
  const value = yaml.value ?? {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { block: null, partial: null, diagnostics: [regionDiagnostic(region, undefined, blockMessages.notAMapping(lang, value))] };
  }
  const schema = lang === "chart" ? chartSchemaFor(value as Record<string, unknown>) : blockSchemas[lang];
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = describeSchemaIssues(schema, value, result.error.issues);
    const diagnostics = problems.map((p) => problemDiagnostic(lang, region, yaml, p)).sort(compareDiagnostics);
    const kept = validPart(schema, value as Record<string, unknown>, problems);
    const partial = kept ? ({ lang, input: kept.input, region, yaml: remapLists(yaml, kept.lists), invalid: kept.invalid } as ParsedBlock) : null;
    return { block: null, partial, diagnostics };
  }
  return { block: { lang, input: result.data, region, yaml, invalid: new Set() } as ParsedBlock, partial: null, diagnostics: [] };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, seg) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[seg] : undefined), root);
}

type BlockSchema = (typeof blockSchemas)[BlockLang];
/** A list some items were taken out of: `kept[i]` is the written index of the i-th item left. */
interface ThinnedList {
  path: PropertyKey[];
  kept: number[];
}

/**
 * The block without what the schema rejected, for the checks that still can run: a rejected item
 * of a list (`dims[1]`) or key inside a mapping (`scale.z`) is taken out alone; a rejected
 * top-level value (or a required key that is missing) takes out its key, which is then `invalid`,
 * as does a key whose rest still does not parse (a list left shorter than its minimum).
 */
function validPart(schema: BlockSchema, value: Record<string, unknown>, problems: readonly SchemaProblem[]): { input: unknown; invalid: Set<string>; lists: ThinnedList[] } | null {
  const rest = structuredClone(value);
  const invalid = new Set<string>();
  const items = new Map<string, { path: PropertyKey[]; drop: Set<number> }>();
  for (const { path } of problems) {
    const item = path.findIndex((seg) => typeof seg === "number");
    if (path.length <= 1 || item === 0) {
      if (path.length) invalid.add(String(path[0]));
    } else if (item > 0) {
      const list = path.slice(0, item);
      const key = JSON.stringify(list);
      if (!items.has(key)) items.set(key, { path: list, drop: new Set() });
      items.get(key)!.drop.add(path[item] as number);
    } else {
      const parent = valueAt(rest, path.slice(0, -1));
      if (parent && typeof parent === "object") delete (parent as Record<PropertyKey, unknown>)[path.at(-1)!];
    }
  }
  const lists: ThinnedList[] = [];
  for (const { path, drop } of items.values()) {
    const list = valueAt(rest, path);
    if (!Array.isArray(list)) continue;
    const kept = list.map((_, i) => i).filter((i) => !drop.has(i));
    lists.push({ path, kept });
    const left = kept.map((i) => list[i]);
    list.splice(0, list.length, ...left);
  }
  const partial = schema.partial() as z.ZodType;
  for (let round = 0; round < 3; round++) {
    for (const key of invalid) delete rest[key];
    const parsed = partial.safeParse(rest);
    if (parsed.success) return { input: parsed.data, invalid, lists: lists.filter((l) => !invalid.has(String(l.path[0]))) };
    for (const issue of parsed.error.issues) {
      if (issue.path.length) invalid.add(String(issue.path[0]));
      else if (issue.code === "unrecognized_keys") for (const k of issue.keys) invalid.add(k);
    }
  }
  return null;
}

/** Positions of the thinned block: index i of a thinned list is found at its written index. */
function remapLists(yaml: ParsedYaml, lists: readonly ThinnedList[]): ParsedYaml {
  if (lists.length === 0) return yaml;
  const written = (path: readonly PropertyKey[]): PropertyKey[] => {
    const list = lists.find((l) => path.length > l.path.length && l.path.every((seg, i) => path[i] === seg) && typeof path[l.path.length] === "number");
    if (!list) return [...path];
    const at = list.path.length;
    return [...path.slice(0, at), list.kept[path[at] as number] ?? path[at]!, ...path.slice(at + 1)];
  };
  return {
    ...yaml,
    locateKey: (path) => yaml.locateKey(written(path)),
    locateValue: (path) => yaml.locateValue(written(path)),
    scalarContentOffset: (path) => yaml.scalarContentOffset(written(path)),
  };
}

function problemDiagnostic(lang: BlockLang, region: TextRegion, yaml: ParsedYaml, p: SchemaProblem): Diagnostic {
  switch (p.kind) {
    case "unknownKey": {
      // Inside a mapping (`scale: { z: log }`) the key is named with its place: `scale.z`.
      const parent = pathLabel(p.path.slice(0, -1));
      const within = (k: string) => (parent ? `${parent}.${k}` : k);
      // A key already written is no typo of this one (`z` next to `x` is not a misspelt `x`).
      const written = valueAt(yaml.value, p.path.slice(0, -1));
      const free = p.known.filter((k) => !(written && typeof written === "object" && Object.hasOwn(written, k)));
      const suggestion = didYouMean(p.key, free);
      return regionDiagnostic(
        region,
        yaml.locateKey(p.path),
        blockMessages.unknownKey(lang, within(p.key), suggestion && within(suggestion), p.known.map(within)),
      );
    }
    case "missingKey":
      return regionDiagnostic(region, yaml.locateKey(p.path.slice(0, -1)), blockMessages.missingKey(lang, p.key));
    case "wrongType":
      return regionDiagnostic(region, yaml.locateValue(p.path), blockMessages.wrongType(p.key, p.expected, p.found));
    case "badChoice":
      return regionDiagnostic(
        region,
        yaml.locateValue(p.path),
        blockMessages.badChoice(p.key, p.found, p.options, typeof p.found === "string" ? didYouMean(p.found, p.options) : undefined),
      );
    case "outOfRange":
      return regionDiagnostic(region, yaml.locateValue(p.path), blockMessages.outOfRange(p.key, p.detail, p.found));
  }
}
