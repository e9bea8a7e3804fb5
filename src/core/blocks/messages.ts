/**
 * Permanent codes for problems in report front matter and blocks. Tests assert on these
 * functions, never on copied strings; a code is never reused for a different problem.
 */
import type { Message } from "../diagnostics.ts";

const show = (v: unknown): string => {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return String(v);
};

// A kind of removal is reported once per report, where it first occurs.
const timesNote = (times: number): string => (times > 1 ? ` (${times} times in this report; the first is here)` : "");
const article = (word: string): string => (/^[aeiou]/.test(word) ? "an" : "a");

export const blockMessages = {
  yamlSyntax: (detail: string): Message => ({ code: "BLOCK001", message: `invalid YAML: ${detail}` }),
  notAMapping: (lang: string, found: unknown): Message => ({
    code: "BLOCK002",
    message: `a \`${lang}\` block holds YAML keys, found ${show(found)}`,
    hint: lang === "chart" ? "start with `y: <metric>`" : lang === "media" ? "start with `key: <media key>`" : "start with `columns: [name, state]`",
  }),
  unknownKey: (lang: string, key: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "BLOCK003",
    message: `unknown key \`${key}\` in a \`${lang}\` block`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : `known keys: ${known.join(", ")}`,
  }),
  wrongType: (key: string, expected: string, found: unknown): Message => ({
    code: "BLOCK004",
    message: `\`${key}\` must be ${expected}, found ${show(found)}`,
  }),
  badChoice: (key: string, found: unknown, options: readonly string[], suggestion: string | undefined): Message => ({
    code: "BLOCK005",
    message: `\`${key}\` must be one of ${options.map((o) => `\`${o}\``).join(", ")}, found ${show(found)}`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : undefined,
  }),
  missingKey: (lang: string, key: string): Message => ({
    code: "BLOCK006",
    message: `a \`${lang}\` block needs \`${key}\``,
  }),
  outOfRange: (key: string, detail: string, found: unknown): Message => ({
    code: "BLOCK007",
    message: `\`${key}\` ${detail}, found ${show(found)}`,
  }),
  emptyRunSet: (expression: string | null): Message => ({
    code: "BLOCK008",
    message: expression ? `the run set \`${expression}\` selects no run` : "there are no runs to show",
    hint: "check the expression against the runs under runs/ (see the /runs/ page)",
  }),
  unknownMetric: (metric: string, suggestion: string | undefined): Message => ({
    code: "BLOCK009",
    message: `no selected run has the metric \`${metric}\``,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : "the /runs/ page lists each run's metrics",
  }),
  unknownColumn: (column: string, suggestion: string | undefined): Message => ({
    code: "BLOCK010",
    message: `no selected run has a value for \`${column}\``,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : undefined,
  }),
  badFieldPath: (detail: string): Message => ({ code: "BLOCK011", message: detail }),
  noTimeAxis: (runNames: readonly string[]): Message => ({
    code: "BLOCK012",
    message: `runs without wall time are left out of this time axis: ${runNames.join(", ")}`,
    hint: "log a `time` column, or use `x: step`",
  }),
  noPointsToDraw: (metric: string): Message => ({
    code: "BLOCK013",
    message: `the selected runs log \`${metric}\` but have no finite value of it to draw`,
  }),
  chartNote: (note: string): Message => ({ code: "BLOCK014", message: note }),
  keyNotForKind: (key: string, kind: string, allowed: readonly string[]): Message => ({
    code: "BLOCK015",
    message: `\`${key}\` does not apply to ${article(kind)} \`${kind}\` chart`,
    hint: `${article(kind)} ${kind} chart takes: ${allowed.join(", ")}`,
  }),
  /** A key the chart's kind requires is missing. */
  needsKey: (kind: string, key: string, what: string): Message => ({
    code: "BLOCK016",
    message: `${article(kind)} \`${kind}\` chart needs \`${key}\`: ${what}`,
  }),
  /** A chart that needs more runs than the run set gave it (a problem of the data, not a missing key). */
  tooFewRuns: (kind: string, key: string, what: string): Message => ({
    code: "BLOCK030",
    message: `${article(kind)} \`${kind}\` chart needs \`${key}\`: ${what}`,
  }),
  /** `agg` or `band` written without the `group` whose runs they combine. */
  needsGroup: (kind: string, key: string): Message => ({
    code: "BLOCK031",
    message: `${article(kind)} \`${kind}\` chart needs \`group\`: \`${key}\` combines the runs of each group`,
  }),
  oneField: (key: string, kind: string): Message => ({
    code: "BLOCK017",
    message: `\`${key}\` of a \`${kind}\` chart is one field, found a list`,
  }),
  notNumeric: (field: string, runs: readonly string[]): Message => ({
    code: "BLOCK018",
    message: `\`${field}\` is not a number in ${runs.length} selected run${runs.length === 1 ? "" : "s"} (${runs.slice(0, 3).join(", ")}${runs.length > 3 ? ", …" : ""}); they are left out`,
  }),
  groupMissing: (names: readonly string[]): Message => ({
    code: "BLOCK020",
    message: `${names.length} selected run${names.length === 1 ? " has" : "s have"} no value for the group field: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}`,
    hint: "narrow `runs` to runs that have it, or group by another field",
  }),
  vegaLiteDataUrl: (): Message => ({
    code: "BLOCK021",
    message: "a `vega-lite` block cannot load data from a URL: the site is static and its data comes from runs/",
    hint: "use `data: { name: runs }` (one row per run) or `data: { name: history }` (run, metric, step, value)",
  }),
  vegaLiteHref: (): Message => ({
    code: "BLOCK023",
    message: "a `vega-lite` block cannot use the `href` channel: links built from run data are not followed in reports",
    hint: "link to runs with a `runs` block, whose names link to their pages",
  }),
  blockFailed: (detail: string): Message => ({
    code: "BLOCK024",
    message: `this block could not be rendered: ${detail}`,
    hint: "this is a bug in Runfolio, not in the report; please report it with the block",
  }),
  vegaLiteInvalid: (detail: string): Message => ({
    code: "BLOCK022",
    message: `the vega-lite spec does not compile: ${detail}`,
  }),
  vegaLiteRegex: (construct: string): Message => ({
    code: "BLOCK025",
    message: `a \`vega-lite\` expression cannot use ${construct}: vega runs regular expressions with a backtracking engine, where one pattern can hang the build and the reader's browser`,
    hint: 'choose runs by name with `runs: name ~ "…"` (RE2, linear time), or test text with indexof(datum.name, "lr-") >= 0',
  }),
  vegaLiteInternal: (name: string): Message => ({
    code: "BLOCK025",
    message: `a \`vega-lite\` expression cannot use \`${name}\`: object internals are off limits in reports`,
    hint: "read run data through datum fields, e.g. datum.config.lr",
  }),
  vegaLiteTooLarge: (what: string): Message => ({
    code: "BLOCK026",
    message: `the vega-lite spec is too large to be a chart: ${what}`,
    hint: "a report chart draws the runs' data (`data: { name: runs }` or `{ name: history }`); keep the spec itself small",
  }),
  noMetricMatch: (pattern: string, suggestion: string | undefined): Message => ({
    code: "BLOCK019",
    message: `\`${pattern}\` matches no metric of the selected runs`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : undefined,
  }),
  tooDeep: (limit: number): Message => ({
    code: "BLOCK027",
    message: `block YAML nested more than ${limit} levels deep`,
    hint: "a block's keys need a few levels at most; look for an unclosed bracket or a runaway indentation",
  }),
  tooManyAliasValues: (alias: string, limit: number): Message => ({
    code: "BLOCK028",
    message: `YAML aliases expand to more than ${limit} values at \`*${alias}\``,
    hint: "aliases that repeat aliases grow exponentially; write the shared values out or use fewer levels of aliases",
  }),
  noSuchPlot: (plot: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "BLOCK066",
    message: `none of the selected runs has a plot \`${plot}\` (a file \`plots/${plot}.json\` in the run folder)`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : known.length ? `their plots: ${known.join(", ")}` : "write evaluation plots to `runs/<project>/<run>/plots/<name>.json` (docs/run-format.md)",
  }),
  plotWrongType: (plot: string, found: string, kind: string): Message => ({
    code: "BLOCK067",
    message: `plot \`${plot}\` is ${found === "confusion" ? "a confusion matrix" : `a ${found === "pr" ? "PR" : "ROC"} curve`}; a \`${kind}\` chart draws ${kind === "confusion" ? "confusion matrices" : `${kind === "pr" ? "PR" : "ROC"} curves`}`,
    hint: `write \`kind: ${found}\` to draw it`,
  }),
  noSuchTable: (key: string, runId: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "BLOCK076",
    message: `run ${runId} has no table \`${key}\` (a file \`tables/${key}.jsonl\` or \`tables/${key}.csv\` in the run folder)`,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : known.length ? `its tables: ${known.join(", ")}` : "select runs that have the table with `runs:`, or write it (docs/run-format.md)",
  }),
  noSuchTableColumn: (column: string, key: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "BLOCK077",
    message: `the table \`${key}\` has no column \`${column}\``,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : `its columns: ${known.slice(0, 20).join(", ")}${known.length > 20 ? ", …" : ""}`,
  }),
  noSuchTableStep: (step: number, runId: string, steps: readonly number[]): Message => ({
    code: "BLOCK078",
    message: `the table of run ${runId} has no rows at step ${step}`,
    hint: steps.length ? `its steps: ${steps.length > 12 ? `${steps.slice(0, 6).join(", ")}, …, ${steps.slice(-3).join(", ")}` : steps.join(", ")}; or leave \`step\` out for the last` : "the table has no steps; leave `step` out",
  }),
  joinIdTwice: (column: string, id: string, runId: string): Message => ({
    code: "BLOCK079",
    message: `\`${column}\` ${JSON.stringify(id)} is on more than one row of run ${runId}'s table; a join needs one row per id`,
    hint: "join on a column that names each example once, or show the rows without `join`",
  }),
  joinIdMissing: (column: string, runId: string): Message => ({
    code: "BLOCK080",
    message: `a row of run ${runId}'s table has no \`${column}\`; a join needs an id on every row`,
    hint: "write the id on every row, or join on another column",
  }),
  joinColumnMissing: (column: string, runId: string): Message => ({
    code: "BLOCK081",
    message: `run ${runId}'s table has no column \`${column}\` to join on`,
    hint: "join on a column every selected run's table has, or narrow `runs:`",
  }),
  tooManyTableRuns: (count: number, max: number): Message => ({
    code: "BLOCK082",
    message: `the run set selects ${count} runs; this table shows at most ${max}`,
    hint: "narrow `runs:`, or raise `max_runs` (up to 16)",
  }),
  tableFilterEmpty: (): Message => ({
    code: "BLOCK083",
    message: "the filter keeps no rows",
    hint: "check the filter's values against the table's rows; the table is shown empty",
  }),
} as const;

export const reportMessages = {
  yamlSyntax: (detail: string): Message => ({ code: "REPORT001", message: `invalid front matter YAML: ${detail}` }),
  unknownKey: (key: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "REPORT002",
    message: `unknown front matter key \`${key}\``,
    hint: suggestion ? `did you mean \`${suggestion}\`?` : `known keys: ${known.join(", ")}`,
  }),
  wrongType: (key: string, expected: string, found: unknown): Message => ({
    code: "REPORT003",
    message: `front matter \`${key}\` must be ${expected}, found ${show(found)}`,
  }),
  missingTitle: (): Message => ({
    code: "REPORT004",
    message: "a report needs a `title` in its front matter",
    hint: "add `title: My report` between `---` lines at the top",
  }),
  badDate: (found: unknown): Message => ({
    code: "REPORT005",
    message: `front matter \`date\` must be a date like 2026-11-27, found ${show(found)}`,
  }),
  badSlug: (slug: string): Message => ({
    code: "REPORT006",
    message: `report file name \`${slug}\` cannot be a URL: use lowercase letters, digits and dashes`,
  }),
  htmlElementRemoved: (tag: string, times: number): Message => ({
    code: "REPORT007",
    message: `raw HTML <${tag}> removed${timesNote(times)}`,
    hint: "report prose is sanitized: set allowHtml to keep raw HTML as written (docs/security.md)",
  }),
  htmlAttributeRemoved: (tag: string, attribute: string, times: number): Message => ({
    code: "REPORT008",
    message: `attribute \`${attribute}\` removed from <${tag}>${timesNote(times)}`,
    hint: "report prose is sanitized: no event handlers, styles or unknown attributes; set allowHtml to keep raw HTML as written (docs/security.md)",
  }),
  unsafeUrlRemoved: (scheme: string, tag: string, attribute: string, allowed: readonly string[], times: number): Message => ({
    code: "REPORT009",
    message: `\`${scheme}\` URL removed from the \`${attribute}\` of <${tag}>${timesNote(times)}`,
    hint: allowed.length
      ? `a \`${attribute}\` may be a relative URL or use ${allowed.map((p) => `\`${p}:\``).join(", ")}; set allowHtml to keep every URL (docs/security.md)`
      : `the \`${attribute}\` of <${tag}> must be a relative URL into the site; set allowHtml to keep every URL (docs/security.md)`,
  }),
  externalUrlRemoved: (url: string, tag: string, attribute: string, times: number): Message => ({
    code: "REPORT010",
    message: `\`${attribute}\` of <${tag}> removed: ${JSON.stringify(url)} is on another site${timesNote(times)}`,
    hint: "the site's Content-Security-Policy loads images from the site itself only: put the file in the repository (public/) and use a relative URL",
  }),
  /** A report not read (a link leaving the data root, a loop, a hidden file…); the detail is the runs' message for the same problem. */
  notRead: (detail: Message): Message => ({ code: "REPORT011", message: detail.message, hint: detail.hint }),
  nestedReport: (): Message => ({
    code: "REPORT011",
    message: "report in a sub-folder of reports/ is not read",
    hint: "reports are reports/<slug>.md; move it up to reports/",
  }),
  /** A report that is not UTF-8; the detail is the runs' message for the same problem. */
  notUtf8: (detail: Message): Message => ({ code: "REPORT012", message: detail.message, hint: detail.hint }),
  tooDeep: (limit: number): Message => ({
    code: "REPORT013",
    message: `front matter nested more than ${limit} levels deep`,
    hint: "front matter keys hold text, a list of authors or a run-set expression; look for an unclosed bracket",
  }),
  tooManyAliasValues: (alias: string, limit: number): Message => ({
    code: "REPORT014",
    message: `front matter YAML aliases expand to more than ${limit} values at \`*${alias}\``,
    hint: "aliases that repeat aliases grow exponentially; write the values out",
  }),
  proseTooDeep: (what: "containers" | "brackets", limit: number): Message => ({
    code: "REPORT037",
    message: `${what === "containers" ? "block quotes and list items" : "`[` brackets"} nested more than ${limit} levels deep; the report is not read`,
    hint:
      what === "containers"
        ? "the markdown parser's time grows with the cube of the depth; flatten the lists, or put the text in a code block"
        : "close the brackets, escape them (\\[) or put the text in a code block",
  }),
  delimiterRun: (char: string, length: number, limit: number): Message => ({
    code: "REPORT038",
    message: `\`${char}\` written ${length} times in a row, more than the ${limit} the markdown parser can resolve as emphasis; the report is not read`,
    hint: `escape them (\\${char}) or put them in a code span`,
  }),
  proseTooComplex: (detail: string): Message => ({
    code: "REPORT039",
    message: `the report's markdown or raw HTML is nested too deeply to render (${detail})`,
    hint: "look for a runaway of unclosed HTML tags, brackets or quote markers",
  }),
  longText: (key: string, length: number, shown: number): Message => ({
    code: "REPORT015",
    message: `front matter \`${key}\` is ${length} characters long; pages show the first ${shown}`,
    hint: key === "title" ? "a title is a line; put the rest in `description` or the text" : "put long text in the report's body",
  }),
} as const;
