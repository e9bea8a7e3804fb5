import type { z } from "zod";
import type { Diagnostic } from "../diagnostics.ts";
import { compareDiagnostics, didYouMean } from "../diagnostics.ts";
import { describeSchemaIssues, pathLabel, type SchemaProblem } from "../yaml/describeSchemaIssues.ts";
import { parseYamlWithPositions, type ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import { regionDiagnostic, type TextRegion } from "../yaml/textRegion.ts";
import { blockSchemas, type BlockLang, type ChartBlockInput, type RunsBlockInput, type VegaLiteBlockInput } from "./blockSchemas.ts";
import type { CompareBlockInput } from "./compareBlockSchema.ts";
import { blockMessages } from "./messages.ts";

/** A chart block's input; `y` is absent only when it was missing or wrong (see `invalid`). */
export type ChartBlockFields = Omit<ChartBlockInput, "y"> & { y?: ChartBlockInput["y"] };

interface BlockParts {
  region: TextRegion;
  yaml: ParsedYaml;
  /**
   * Top-level keys that were written but failed their schema (or a required key that is missing).
   * They are left out of `input`; checks that depend on them are skipped, and checks that ask
   * whether a key was written count them as written.
   */
  invalid: ReadonlySet<string>;
}

export type ParsedBlock =
  | ({ lang: "chart"; input: ChartBlockFields } & BlockParts)
  | ({ lang: "runs"; input: RunsBlockInput } & BlockParts)
  | ({ lang: "vega-lite"; input: VegaLiteBlockInput } & BlockParts)
  | ({ lang: "compare"; input: CompareBlockInput } & BlockParts);

export interface ParseBlockResult {
  /**
   * The block's keys that passed the schema, so later checks (run set, metrics, fields) still
   * run on them; null only when the YAML does not parse or is not a mapping. The block renders
   * only when `diagnostics` is empty.
   */
  block: ParsedBlock | null;
  diagnostics: Diagnostic[];
}

/** YAML body of a fenced block → schema-checked input, or every problem with its position. */
export function parseBlock(lang: BlockLang, region: TextRegion): ParseBlockResult {
  const yaml = parseYamlWithPositions(region.text);
  if (yaml.errors.length) {
    return {
      block: null,
      diagnostics: yaml.errors.map((e) => regionDiagnostic(region, e, blockMessages.yamlSyntax(e.message))),
    };
  }
  const value = yaml.value ?? {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { block: null, diagnostics: [regionDiagnostic(region, undefined, blockMessages.notAMapping(lang, value))] };
  }
  const schema = blockSchemas[lang];
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = describeSchemaIssues(schema, value, result.error.issues);
    const diagnostics = problems.map((p) => problemDiagnostic(lang, region, yaml, p)).sort(compareDiagnostics);
    const kept = validPart(schema, value as Record<string, unknown>, result.error.issues);
    if (!kept) return { block: null, diagnostics };
    return { block: { lang, input: kept.input, region, yaml, invalid: kept.invalid } as ParsedBlock, diagnostics };
  }
  return { block: { lang, input: result.data, region, yaml, invalid: new Set() } as ParsedBlock, diagnostics: [] };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, seg) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[seg] : undefined), root);
}

type BlockSchema = (typeof blockSchemas)[BlockLang];

/**
 * The block without what the schema rejected, for the checks that still can run: a rejected
 * key inside a mapping (`scale.z`, `highlight.best`) is dropped alone; anything else (a list item,
 * a wrong top-level value, a missing required key) drops its top-level key, which is then `invalid`.
 * Null when even the rest does not parse.
 */
function validPart(schema: BlockSchema, value: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): { input: unknown; invalid: Set<string> } | null {
  const rejected: PropertyKey[][] = issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys.map((k) => [...i.path, k]) : [i.path]));
  const attempt = (deep: boolean) => {
    const invalid = new Set<string>();
    const rest = structuredClone(value);
    for (const path of rejected) {
      if (path.length === 0) continue;
      if (deep && path.length > 1 && path.every((seg) => typeof seg === "string")) {
        const parent = valueAt(rest, path.slice(0, -1));
        if (parent && typeof parent === "object") delete (parent as Record<string, unknown>)[path.at(-1) as string];
      } else invalid.add(String(path[0]));
    }
    for (const key of invalid) delete rest[key];
    const parsed = (schema.partial() as z.ZodType).safeParse(rest);
    return parsed.success ? { input: parsed.data, invalid } : null;
  };
  // Dropping nested keys can leave a mapping without a key it needs (`smooth: { weight }`).
  return attempt(true) ?? attempt(false);
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
