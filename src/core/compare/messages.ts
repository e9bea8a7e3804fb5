/** Permanent codes for problems in `compare` blocks (see src/core/blocks/messages.ts for the rest). */
import type { Message } from "../diagnostics.ts";

export const compareMessages = {
  tooFewRuns: (count: number, expression: string | null): Message => ({
    code: "COMPARE001",
    message: `a \`compare\` block needs at least two runs, ${expression ? `\`${expression}\`` : "the run set"} selects ${count}`,
    hint: "widen `runs:` (the /runs/ page lists every run)",
  }),
  keyMatchesNothing: (glob: string, suggestion: string | undefined): Message => ({
    code: "COMPARE002",
    message: `\`keys\` pattern \`${glob}\` matches no config or summary key of the selected runs`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : "write a field path such as `config.optimizer.*` or `summary.val/*`",
  }),
};
