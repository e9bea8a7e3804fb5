/**
 * Permanent codes for problems in a `runs` block's columns, highlight and grouping (the block's
 * schema and run-set problems are BLOCK codes). A code is never reused for a different problem.
 */
import type { Message } from "../diagnostics.ts";

export const tableMessages = {
  badColumn: (found: string): Message => ({
    code: "TABLE001",
    message: `a column is a field path, \`label: field\` or a mapping with \`field\` or \`sparkline\`, found ${found}`,
    hint: "e.g. `- summary.val/acc`, `- lr: config.optimizer.lr` or `- { field: summary.val/acc, format: percent }`",
  }),
  unknownColumnKey: (key: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "TABLE002",
    message: `unknown key \`${key}\` in a column`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : `a column takes: ${known.join(", ")}`,
  }),
  globNoMatch: (glob: string, suggestion: string | undefined): Message => ({
    code: "TABLE003",
    message: `\`${glob}\` matches no field of the selected runs`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : undefined,
  }),
  globRoot: (glob: string): Message => ({
    code: "TABLE004",
    message: `\`${glob}\`: globs work on config and summary keys only`,
    hint: "write `config.*`, `config.optimizer.*` or `summary.val/*`",
  }),
  oneColumnOnly: (what: string, glob: string): Message => ({
    code: "TABLE005",
    message: `\`${what}\` names one column, but \`${glob}\` is a glob`,
    hint: "list the fields one by one to name them",
  }),
  fieldOrSparkline: (both: boolean): Message => ({
    code: "TABLE006",
    message: both ? "a column has `field` or `sparkline`, not both" : "a column mapping needs `field` or `sparkline`",
    hint: both ? undefined : "e.g. `{ field: summary.val/acc, format: percent }`",
  }),
  highlightNotAColumn: (text: string, suggestion: string | undefined): Message => ({
    code: "TABLE007",
    message: `\`${text}\` in \`highlight\` is not a column of this table`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : "highlight names a field (or label) listed in `columns`",
  }),
  highlightNotNumeric: (text: string): Message => ({
    code: "TABLE008",
    message: `\`${text}\` in \`highlight\` has no numeric value in the selected runs`,
  }),
  sparklineNotSortable: (text: string): Message => ({
    code: "TABLE009",
    message: `\`${text}\` is a sparkline column: it cannot be highlighted or sorted`,
  }),
} as const;
