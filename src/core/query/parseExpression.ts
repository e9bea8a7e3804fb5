import type { ParseResult } from "./ast.ts";
import { compileRegex } from "./compileRegex.ts";
import { parseExpressionWith } from "./parser.ts";

/** Parses a run-set expression; `~` patterns compile with RE2 (see compileRegex.ts). */
export function parseExpression(source: string): ParseResult {
  return parseExpressionWith(source, compileRegex);
}
