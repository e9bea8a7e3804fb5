import type { MatchExpr } from "./ast.ts";
import type { UserRegex } from "./compileRegex.ts";

/**
 * The compiled pattern of each parsed `~` condition, kept beside the AST (which stays plain data)
 * so that evaluating needs no regex engine of its own: the browser loads RE2 only for `~`.
 */
const compiled = new WeakMap<MatchExpr, UserRegex>();

export function rememberRegex(node: MatchExpr, regex: UserRegex): void {
  compiled.set(node, regex);
}

/** The pattern compiled when `node` was parsed; undefined for an AST built by hand. */
export function regexOf(node: MatchExpr): UserRegex | undefined {
  return compiled.get(node);
}
