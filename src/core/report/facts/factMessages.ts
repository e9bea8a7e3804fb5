/**
 * Message catalog for values cited in prose (`{{ … }}`) and for `check` blocks' claims. Codes are
 * permanent: a code is never reused for a different problem.
 */
import type { Message } from "../../diagnostics.ts";

const withHint = (m: Omit<Message, "hint">, hint: string | undefined): Message => (hint === undefined ? m : { ...m, hint });
const suggest = (word: string | undefined) => (word === undefined ? undefined : `did you mean \`${word}\`?`);

export const AGGREGATES = ["count", "min", "max", "mean", "median", "sum"] as const;
export const CITE_OPTIONS = ["run", "runs", "format", "digits"] as const;

export const factMessages = {
  badCitation: (expected: string, found: string, hint?: string): Message =>
    withHint({ code: "REPORT025", message: `cited value: expected ${expected}, found ${found}` }, hint ?? "write {{ summary.val/loss | run: project/run }}, {{ count }} or {{ mean summary.val/loss | runs: <expression> }} (docs/blocks.md)"),
  unknownCiteOption: (name: string, suggestion: string | undefined): Message =>
    withHint({ code: "REPORT026", message: `cited value: unknown option \`${name}\`; expected one of ${CITE_OPTIONS.map((o) => `\`${o}\``).join(", ")}` }, suggest(suggestion)),
  unknownRun: (id: string, suggestion: string | undefined): Message =>
    withHint({ code: "REPORT027", message: `no run has the id \`${id}\`` }, suggest(suggestion) ?? "a run id is its path under runs/ without the extension, e.g. nanogpt/lr-3e-4-seed1"),
  runLacksField: (field: string, id: string, suggestion: string | undefined): Message =>
    withHint({ code: "REPORT028", message: `run \`${id}\` has no \`${field}\`` }, suggest(suggestion)),
  noNumbers: (what: string, field: string, runs: number): Message => ({
    code: "REPORT029",
    message: `${what}: none of the ${runs} selected run${runs === 1 ? "" : "s"} has a number for \`${field}\``,
    hint: "choose a numeric field (summary.*, config.* numbers, duration, steps), or change the run set",
  }),
  emptyRunSet: (what: string, expression: string | null): Message => ({
    code: "REPORT030",
    message: `${what}: the run set ${expression === null ? "(every run)" : `\`${expression}\``} selects no run`,
    hint: "check the expression against the runs' fields; `runfolio check` lists what each run has",
  }),
  claimFails: (claim: string, detail: string): Message => ({ code: "REPORT031", message: `claim does not hold: ${claim}: ${detail}` }),
  badClaim: (expected: string, found: string, hint?: string): Message =>
    withHint({ code: "REPORT032", message: `check block: expected ${expected}, found ${found}` }, hint),
  missingRunId: (id: string, suggestion: string | undefined): Message =>
    withHint({ code: "REPORT034", message: `the run set names the run \`${id}\`, which no run has (renamed or deleted?)` }, suggest(suggestion) ?? "update the expression, or remove the id"),
  badInlineClaim: (expected: string, found: string, hint?: string): Message =>
    withHint(
      { code: "REPORT035", message: `inline claim: expected ${expected}, found ${found}` },
      hint ?? "write {{ check: (mean val/loss | runs: <expression>) < (mean val/loss | runs: <expression>) by 2% }} or {{ check: every <condition> | runs: <expression> }} (docs/blocks.md)",
    ),
  claimSideNotNumber: (what: string, found: string): Message => ({
    code: "REPORT036",
    message: `inline claim: ${what} is ${found}, not a number to compare`,
    hint: "compare numeric fields (summary.*, config.* numbers, duration, steps), counts or aggregates; `every`/`none` test other fields",
  }),
  unknownClaimKey: (key: string, suggestion: string | undefined, known: readonly string[]): Message =>
    withHint({ code: "REPORT033", message: `check block: unknown key \`${key}\`` }, suggest(suggestion) ?? `a claim takes ${known.map((k) => `\`${k}\``).join(", ")}`),
};
