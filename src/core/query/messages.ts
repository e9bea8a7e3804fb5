/**
 * Message catalog for run-set expressions and field paths. Codes are permanent: a code is never
 * reused for a different problem. Each entry says what was expected and what was found; the hint
 * says what to do or offers a did-you-mean.
 */
import type { Message } from "../diagnostics.ts";
import { RUN_STATES } from "../run.ts";

export const OPERATOR_LIST = "=, !=, <, <=, >, >=, in, not in, ~, !~, has";
const STATES = RUN_STATES.map((s) => `"${s}"`).join(", ");

function withHint(message: Omit<Message, "hint">, hint: string | undefined): Message {
  return hint === undefined ? message : { ...message, hint };
}

export const exprMessages = {
  emptyExpression: (): Message => ({
    code: "EXPR001",
    message: "empty expression: expected a condition",
    hint: 'write a condition such as project = "nanogpt" and tags has "baseline"',
  }),
  unexpectedCharacter: (char: string, hint?: string): Message =>
    withHint({ code: "EXPR002", message: `unexpected character '${char}'` }, hint),
  unterminatedString: (quote: string): Message => ({
    code: "EXPR003",
    message: `unterminated string: expected a closing ${quote}, found end of input`,
    hint: `close the string with ${quote}; write \\${quote} for a ${quote} inside it`,
  }),
  unterminatedName: (): Message => ({
    code: "EXPR004",
    message: "unterminated name: expected a closing `, found end of input",
    hint: "close the backticked name with `; write \\` for a backtick inside it",
  }),
  invalidEscape: (sequence: string): Message => ({
    code: "EXPR005",
    message: `unknown escape '${sequence}' in string`,
    hint: "escapes are \\\\ \\\" \\' \\` \\/ \\b \\f \\n \\r \\t \\uXXXX \\u{X…}; write \\\\ for a backslash",
  }),
  invalidNumber: (text: string): Message => ({
    code: "EXPR006",
    message: `invalid number '${text}'`,
    hint: 'numbers look like 3, -0.5, .5 or 1e-4; quote text: "…"',
  }),
  numberTooLarge: (text: string): Message => ({
    code: "EXPR006",
    message: `invalid number '${text}': too large for a number (the largest is about 1.8e308)`,
    hint: "a comparison with it would match every value or none; write a finite number",
  }),
  unknownOperator: (text: string, suggestion: string | undefined): Message => ({
    code: "EXPR007",
    message: `unknown operator '${text}'`,
    hint: suggestion !== undefined ? `did you mean '${suggestion}'?` : `operators are ${OPERATOR_LIST}, and, or, not`,
  }),
  /** `after` is already quoted, e.g. `'>='`. */
  expected: (expected: string, found: string, after?: string, hint?: string): Message =>
    withHint({ code: "EXPR008", message: `expected ${expected}${after !== undefined ? ` after ${after}` : ""}, found ${found}` }, hint),
  unclosedParenthesis: (): Message => ({
    code: "EXPR009",
    message: "unclosed '(': expected ')' before end of input",
    hint: "add ')' to close the group that starts here",
  }),
  unmatchedParenthesis: (): Message => ({
    code: "EXPR010",
    message: "unexpected ')' with no matching '('",
    hint: "remove it, or add the '(' it should close",
  }),
  trailingInput: (found: string, insideParentheses: boolean, suggestion: string | undefined): Message => ({
    code: "EXPR011",
    message: `expected 'and', 'or' or ${insideParentheses ? "')'" : "end of input"}, found ${found}`,
    hint: suggestion !== undefined ? `did you mean '${suggestion}'?` : "join conditions with and / or",
  }),
  unknownField: (name: string, suggestion: string | undefined): Message => ({
    code: "EXPR012",
    message: `unknown field '${name}'`,
    hint:
      suggestion !== undefined
        ? `did you mean ${suggestion}?`
        : "fields are id, project, name, group, tags, state, created, duration, notes, steps, git.<key>, " +
          "config.<key> (alias params.<key>) and summary.<metric> (alias metrics.<metric>)",
  }),
  fieldNeedsKey: (root: string): Message => ({
    code: "EXPR013",
    message: `'${root}' needs a key: expected ${root}.<key>`,
    hint: root === "git" ? "git fields are git.commit, git.branch, git.dirty, git.remote" : "for example config.lr, config.optimizer.lr or summary.val/loss",
  }),
  fieldHasNoKeys: (root: string): Message => ({
    code: "EXPR014",
    message: `'${root}' is a plain field and has no keys`,
    hint: `write ${root} alone, or quote a key with backticks under config. or summary.`,
  }),
  unknownGitKey: (key: string, suggestion: string | undefined): Message => ({
    code: "EXPR015",
    message: `unknown git field '${key}'`,
    hint: suggestion !== undefined ? `did you mean git.${suggestion}?` : "git fields are git.commit, git.branch, git.dirty, git.remote",
  }),
  invalidRegex: (reason: string): Message => ({
    code: "EXPR016",
    message: `invalid regular expression: ${reason}`,
    hint: "patterns use RE2 syntax, taken verbatim between the quotes (\\d, \\. and \\\\ mean what they mean in /…/); see docs/expressions.md",
  }),
  /** A backtracking-only feature; RE2 leaves these out so that matching stays linear in the input. */
  unsupportedRegex: (construct: string, instead: string): Message => ({
    code: "EXPR024",
    message: `unsupported in regular expressions: ${construct} (patterns use RE2 syntax, which matches in linear time)`,
    hint: instead,
  }),
  invalidDate: (text: string): Message => ({
    code: "EXPR017",
    message: `expected a date such as "2026-01-01" or "2026-01-01T12:00:00Z", found ${text}`,
    hint: "created compares with a quoted ISO date; a shorter date compares at its precision (\"2026-01\" is the whole month)",
  }),
  unknownState: (value: string, suggestion: string | undefined): Message => ({
    code: "EXPR018",
    message: `unknown run state "${value}"; expected one of ${STATES}`,
    ...(suggestion !== undefined ? { hint: `did you mean "${suggestion}"?` } : {}),
  }),
  operatorNotApplicable: (op: string, field: string, hint: string): Message => ({
    code: "EXPR019",
    message: `'${op}' does not apply to ${field}`,
    hint,
  }),
  fieldAsValue: (op: string, field: string): Message => ({
    code: "EXPR020",
    message: `expected a value after '${op}', found field ${field}`,
    hint: "a condition compares a field with a literal; comparing two fields is not supported",
  }),
  unquotedText: (op: string, text: string): Message => ({
    code: "EXPR021",
    message: `expected a value after '${op}', found '${text}'`,
    hint: `quote text values: "${text}"`,
  }),
  emptyName: (): Message => ({
    code: "EXPR022",
    message: "empty name in backticks",
    hint: "write the key between the backticks, e.g. summary.`val loss`",
  }),
  tooDeep: (limit: number): Message => ({
    code: "EXPR023",
    message: `expression nested too deeply: more than ${limit} levels of 'not' and parentheses`,
    hint: "simplify the expression; a list test (x in [a, b, …]) replaces long or-chains",
  }),
  noRunHasField: (field: string, suggestions: readonly string[]): Message => ({
    code: "EXPR025",
    message: `no run has the field \`${field}\``,
    hint: suggestions.length
      ? `did you mean ${suggestions.map((s) => `\`${s}\``).join(" or ")}?`
      : "the runs page's column picker lists every field the runs have",
  }),
  unknownColumn: (name: string, suggestion: string | undefined, columns: readonly string[]): Message => ({
    code: "EXPR026",
    message: `the table has no column \`${name}\``,
    hint: suggestion !== undefined ? `did you mean \`${suggestion}\`?` : `its columns: ${columns.slice(0, 20).join(", ")}${columns.length > 20 ? ", …" : ""}; quote names with other characters in backticks`,
  }),
  hasInTable: (): Message => ({
    code: "EXPR027",
    message: "`has` looks inside lists; a table cell holds one value",
    hint: 'compare the cell instead: pred = "cat", or pred ~ "^ca"',
  }),
} as const;
