import type { Diagnostic } from "../diagnostics.ts";
import { compareDiagnostics, didYouMean } from "../diagnostics.ts";
import { describeSchemaIssues, type SchemaProblem } from "../yaml/describeSchemaIssues.ts";
import { parseYamlWithPositions, type ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import { regionDiagnostic, type TextRegion } from "../yaml/textRegion.ts";
import { MAX_ALIAS_VALUES } from "../yaml/yamlToValue.ts";
import { MAX_NESTING } from "../ownRecord.ts";
import { blockSchemas, type BlockLang, type ChartBlockInput, type RunsBlockInput, type VegaLiteBlockInput } from "./blockSchemas.ts";
import type { CompareBlockInput } from "./compareBlockSchema.ts";
import { blockMessages } from "./messages.ts";

export type ParsedBlock =
  | { lang: "chart"; input: ChartBlockInput; region: TextRegion; yaml: ParsedYaml }
  | { lang: "runs"; input: RunsBlockInput; region: TextRegion; yaml: ParsedYaml }
  | { lang: "vega-lite"; input: VegaLiteBlockInput; region: TextRegion; yaml: ParsedYaml }
  | { lang: "compare"; input: CompareBlockInput; region: TextRegion; yaml: ParsedYaml };

export interface ParseBlockResult {
  block: ParsedBlock | null;
  diagnostics: Diagnostic[];
}

/** YAML body of a fenced block → schema-checked input, or every problem with its position. */
export function parseBlock(lang: BlockLang, region: TextRegion): ParseBlockResult {
  const yaml = parseYamlWithPositions(region.text);
  if (yaml.errors.length) {
    return {
      block: null,
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
    return { block: null, diagnostics: [regionDiagnostic(region, undefined, blockMessages.notAMapping(lang, value))] };
  }
  const schema = blockSchemas[lang];
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = describeSchemaIssues(schema, value, result.error.issues);
    const diagnostics = problems.map((p) => problemDiagnostic(lang, region, yaml, p));
    return { block: null, diagnostics: diagnostics.sort(compareDiagnostics) };
  }
  return { block: { lang, input: result.data, region, yaml } as ParsedBlock, diagnostics: [] };
}

function problemDiagnostic(lang: BlockLang, region: TextRegion, yaml: ParsedYaml, p: SchemaProblem): Diagnostic {
  switch (p.kind) {
    case "unknownKey":
      return regionDiagnostic(
        region,
        yaml.locateKey(p.path),
        blockMessages.unknownKey(lang, p.key, didYouMean(p.key, p.known), p.known),
      );
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
