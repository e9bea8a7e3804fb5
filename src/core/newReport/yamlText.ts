/**
 * Text that goes into a generated report's YAML (front matter and block bodies) and into its
 * run-set expressions. Run data is arbitrary text (metric names with `/`, `:` or `#`, project
 * folders with quotes), so nothing from it is written without going through these functions.
 */
import { stringify } from "yaml";

/**
 * A YAML scalar for a `key: value` line or a `- item` line in block style: plain when YAML reads
 * it back as the same string (`val/loss`, `project = "nanogpt"`), quoted otherwise (`"a: b"`,
 * `"1e-4"`, `"true"`). The `yaml` package decides, as the project's parser is the same package.
 * Never folded over lines and never a block scalar, so it always fits on its line.
 */
export function yamlScalar(text: string): string {
  return stringify(text, { lineWidth: 0, minContentWidth: 0, blockQuote: false }).replace(/\n$/, "");
}

/**
 * A string literal of the expression language. JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`) are a
 * subset of the language's, so JSON.stringify always gives a literal that reads back as `text`.
 */
export function expressionString(text: string): string {
  return JSON.stringify(text);
}
