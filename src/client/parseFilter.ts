/**
 * Run-set expressions typed in the page (explorer, runs tables). The RE2 engine behind `~` is
 * about 46 KB gzipped, so it is fetched the first time a filter contains `~`, not with the page.
 */
import type { ParseResult } from "../core/query/ast.ts";
import type { RegexCompiler } from "../core/query/compileRegex.ts";
import { parseExpressionWith } from "../core/query/parser.ts";

let compiler: RegexCompiler | undefined;
let loading: Promise<void> | undefined;

/** Only reached for a `~` pattern, and a source with `~` waits for the engine first. */
const notLoaded: RegexCompiler = () => {
  throw new Error("the regular expression engine is not loaded");
};

/**
 * The parse of `source`, or null while the engine for its `~` patterns loads; `onReady` then
 * runs once it has, to parse again. `parse`: a run-set expression, or another language's (table rows).
 */
export function parseFilter(source: string, onReady: () => void, parse: (source: string, compiler: RegexCompiler) => ParseResult = parseExpressionWith): ParseResult | null {
  if (compiler === undefined && source.includes("~")) {
    loading ??= import("../core/query/compileRegex.ts").then((m) => {
      compiler = m.compileRegex;
    });
    void loading.then(onReady);
    return null;
  }
  return parse(source, compiler ?? notLoaded);
}
