/**
 * Every regular expression a user writes (`~` in run-set expressions, the log importer's
 * `--pattern`) is compiled here, with RE2 semantics (re2js, a pure-JS port of RE2): matching time
 * is linear in the input, so no pattern can hang a build or freeze a browser tab (ReDoS). RE2 gets
 * there by leaving out what needs backtracking — backreferences, lookaround, atomic groups,
 * possessive quantifiers — and each of those is reported with its position and what to write
 * instead. Browser-safe: no `node:` or DOM imports.
 */
import { RE2JS, RE2JSSyntaxException } from "re2js";
import type { Message } from "../diagnostics.ts";
import { exprMessages } from "./messages.ts";

/** A compiled pattern: `test(text)` searches anywhere in the text (unanchored, like `RegExp.test`). */
export type UserRegex = Pick<RE2JS, "test" | "matcher" | "namedGroups">;

/** A pattern that does not compile. `offset`/`length` locate the offending text in the pattern (UTF-16 units). */
export interface RegexError extends Message {
  offset: number;
  length: number;
}

export type CompileRegexResult = { ok: true; regex: UserRegex } | { ok: false; error: RegexError };

export type RegexCompiler = (pattern: string) => CompileRegexResult;

/**
 * Compiles `pattern` with RE2 syntax. Inline flags are part of the pattern: `(?i)` ignores case,
 * `(?s)` lets `.` match a newline, `(?m)` makes `^`/`$` match at lines, `(?U)` makes quantifiers
 * lazy; `(?i:…)` scopes a flag to a group, as JavaScript's modifier groups do.
 */
export function compileRegex(pattern: string): CompileRegexResult {
  try {
    return { ok: true, regex: RE2JS.compile(pattern) };
  } catch (e) {
    if (!(e instanceof RE2JSSyntaxException)) {
      // Compile-time limits (program too large) rather than syntax.
      const reason = e instanceof Error ? e.message : String(e);
      return { ok: false, error: { ...exprMessages.invalidRegex(reason), offset: 0, length: pattern.length } };
    }
    return { ok: false, error: explain(pattern, e.error, e.input ?? null) };
  }
}

const ERR = {
  escape: "invalid escape sequence",
  namedCapture: "invalid named capture",
  perlOp: "invalid or unsupported Perl syntax",
  repeatOp: "invalid nested repetition operator",
  missingParen: "missing closing )",
  unexpectedParen: "unexpected )",
  trailingBackslash: "trailing backslash at end of expression",
} as const;

const NO_BACKTRACKING = "RE2 never backtracks";

function explain(pattern: string, error: string, input: string | null): RegexError {
  const at = (offset: number, length: number, message: Message): RegexError => ({ ...message, offset, length: Math.max(1, length) });
  if (error === ERR.trailingBackslash) return at(pattern.length - 1, 1, exprMessages.invalidRegex(error));
  if (error === ERR.missingParen) return at(parens(pattern).unclosed, 1, exprMessages.invalidRegex("missing closing ) for this ("));
  if (error === ERR.unexpectedParen) return at(parens(pattern).unmatched, 1, exprMessages.invalidRegex("unexpected ) with no ( to close"));
  const offset = input === null ? -1 : locate(pattern, input);
  const located = offset >= 0;
  const start = located ? offset : 0;
  const length = located ? input!.length : pattern.length;
  const unsupported = input !== null ? unsupportedConstruct(pattern, start, error, input) : undefined;
  if (unsupported) return at(start, unsupported.length, exprMessages.unsupportedRegex(unsupported.construct, unsupported.instead));
  return at(start, length, exprMessages.invalidRegex(input !== null ? `${error}: ${input}` : error));
}

interface Unsupported {
  construct: string;
  instead: string;
  length: number;
}

/** The JavaScript/PCRE feature behind an RE2 error, with what to write instead. */
function unsupportedConstruct(pattern: string, offset: number, error: string, input: string): Unsupported | undefined {
  if (error === ERR.escape) return unsupportedEscape(pattern, offset, input);
  if (error === ERR.namedCapture) {
    if (input.startsWith("(?<=")) return lookaround(`lookbehind '(?<='`, 4, "(?<=a)b → ab");
    if (input.startsWith("(?<!")) return lookaround(`negative lookbehind '(?<!'`, 4, "(?<!a)b → b and a condition that rejects ab");
    return undefined;
  }
  if (error === ERR.perlOp) {
    if (input.startsWith("(?=")) return lookaround(`lookahead '(?='`, 3, "a(?=b) → ab");
    if (input.startsWith("(?!")) return lookaround(`negative lookahead '(?!'`, 3, "a(?!b) → a and a condition that rejects ab");
    if (input.startsWith("(?>")) return { construct: "atomic group '(?>'", instead: `write a plain group (?:…): ${NO_BACKTRACKING}, so it needs no atomic groups`, length: 3 };
    if (input.startsWith("(?#")) return { construct: "comment group '(?#'", instead: "remove the comment", length: 3 };
    if (input.startsWith("(?|")) return { construct: "branch reset group '(?|'", instead: "write a plain group (?:…) with separately named groups", length: 3 };
    if (/^\(\?(?:R|[+-]?\d|&|P>)/.test(input)) return { construct: `recursion '${input.slice(0, 3)}'`, instead: "write the nesting out to the depth you need", length: 3 };
    if (input.startsWith("(?(")) return { construct: "conditional group '(?('", instead: "write the alternatives with |", length: 3 };
    return undefined;
  }
  if (error === ERR.repeatOp && /^(?:[*+?]|\{\d*(?:,\d*)?\})\+$/.test(input)) {
    const plain = input.slice(0, -1);
    return { construct: `possessive quantifier '${input}'`, instead: `write ${plain}: ${NO_BACKTRACKING}, so a plain quantifier cannot blow up`, length: input.length };
  }
  return undefined;
}

function lookaround(construct: string, length: number, example: string): Unsupported {
  return {
    construct,
    instead: `RE2 has no lookaround: match the text itself (${example}), or in an expression combine two conditions, e.g. name ~ "a" and name !~ "ab"`,
    length,
  };
}

function unsupportedEscape(pattern: string, offset: number, input: string): Unsupported | undefined {
  const rest = pattern.slice(offset);
  const letter = input.slice(1);
  const backref = /^\\(?:[1-9]\d*|k<[^>]*>)/.exec(rest);
  if (backref) {
    return {
      construct: `backreference '${backref[0]}'`,
      instead: "RE2 cannot match again what a group matched: write the text out again ((ab)\\1 → (ab)ab) or list the cases with |",
      length: backref[0].length,
    };
  }
  if (letter === "u") {
    const hex = /^\\u(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{4}))/.exec(rest);
    const code = hex ? (hex[1] ?? hex[2])! : "00E9";
    return { construct: `JavaScript escape '${hex ? hex[0] : "\\u"}'`, instead: `write \\x{${code}} (or the character itself)`, length: hex ? hex[0].length : 2 };
  }
  if (letter === "c") {
    const ctl = /^\\c([A-Za-z])/.exec(rest);
    const hex = ctl ? (ctl[1]!.toUpperCase().charCodeAt(0) - 64).toString(16).padStart(2, "0").toUpperCase() : "01";
    return { construct: `control escape '${ctl ? ctl[0] : "\\c"}'`, instead: `write \\x${hex}`, length: ctl ? 3 : 2 };
  }
  if (letter === "b") return { construct: "backspace escape '[\\b]'", instead: "write \\x08", length: 2 };
  if (letter === "Z") return { construct: "escape '\\Z'", instead: "write \\z (end of text) or $", length: 2 };
  if (letter === "e") return { construct: "escape '\\e'", instead: "write \\x1B", length: 2 };
  if (letter === "G" || letter === "K") return { construct: `escape '${input}'`, instead: `remove it: it steers a backtracking engine, and ${NO_BACKTRACKING}`, length: 2 };
  return undefined;
}

/** Offset of `input` at a token start of `pattern` (never inside an escape), or -1. */
function locate(pattern: string, input: string): number {
  for (let i = 0; i < pattern.length; i += pattern[i] === "\\" ? 2 : 1) {
    if (pattern.startsWith(input, i)) return i;
  }
  return -1;
}

/** The last `(` that no `)` closes and the first `)` that closes nothing, skipping escapes and character classes. */
function parens(pattern: string): { unclosed: number; unmatched: number } {
  const open: number[] = [];
  let unmatched = -1;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
      if (pattern[i + 1] === "^") i++;
      if (pattern[i + 1] === "]") i++;
    } else if (c === "(") open.push(i);
    else if (c === ")" && open.pop() === undefined && unmatched < 0) unmatched = i;
  }
  return { unclosed: open.at(-1) ?? 0, unmatched: Math.max(0, unmatched) };
}
