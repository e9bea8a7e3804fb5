/**
 * Messages of chart blocks that draw a run folder's histograms, system metrics and confusion
 * matrices at a step or as a difference (BLOCK084–BLOCK091). Codes are permanent, never reused.
 */
import type { Message } from "../diagnostics.ts";

const list = (items: readonly (string | number)[], max = 12): string => (items.length > max ? `${items.slice(0, max).join(", ")}, … (${items.length} in all)` : items.join(", "));

export const runDataBlockMessages = {
  noSuchHistogram: (key: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "BLOCK084",
    message: `none of the selected runs has histograms \`${key}\` (a file \`histograms/${key}.jsonl\` in the run folder)`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : known.length ? `their histograms: ${list(known)}` : "write histograms to `runs/<project>/<run>/histograms/<key>.jsonl` (docs/run-format.md)",
  }),
  cannotReadRunData: (what: string): Message => ({
    code: "BLOCK085",
    message: `${what} cannot be read here (this tool draws histories only)`,
    hint: "build the site or run `runfolio check` to draw it",
  }),
  noSuchStep: (plot: string, step: number, run: string, steps: readonly (number | null)[]): Message => ({
    code: "BLOCK086",
    message: `run ${run} has no plot \`${plot}\` at step ${step}`,
    hint: `its steps: ${list(steps.map((s) => (s === null ? "(no step)" : s)))}`,
  }),
  diffNoSuchRun: (name: string, suggestion: string | undefined, plot: string): Message => ({
    code: "BLOCK087",
    message: `\`diff\` names ${JSON.stringify(name)}, which is not a selected run with plot \`${plot}\``,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : "name two runs by id or name: `diff: [baseline-run, new-run]` draws the second minus the first",
  }),
  diffLabelsDiffer: (a: string, b: string): Message => ({
    code: "BLOCK088",
    message: `the confusion matrices of ${a} and ${b} have different labels, so their difference is not defined`,
    hint: "compare runs evaluated on the same classes, in the same order",
  }),
  noSuchSystemMetric: (metric: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "BLOCK089",
    message: `none of the selected runs samples system metric \`${metric}\` (in its \`system.jsonl\`)`,
    hint: suggestion ? `did you mean \`system/${suggestion}\`?` : known.length ? `their system metrics: ${list(known.map((k) => `system/${k}`))}` : "the Python logger samples CPU, memory and GPUs into `system.jsonl` (docs/run-format.md)",
  }),
  systemNeedsTime: (x: string): Message => ({
    code: "BLOCK090",
    message: `system metrics are sampled in time, not at steps: \`x: ${x}\` cannot place them`,
    hint: "write `x: relative` (time since the first sample) or `x: time`",
  }),
  noBins: (key: string): Message => ({
    code: "BLOCK091",
    message: `histograms \`${key}\` of the selected runs hold no counts to draw`,
    hint: "every histogram of this key has only zero counts",
  }),
} as const;
