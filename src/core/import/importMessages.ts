/**
 * Message catalog for importers (IMP001–IMP045, and IMP061 on; IMP046–IMP060 are media codes, in
 * `mediaMessages.ts`). Codes are permanent (never reused for another problem); each
 * entry says what was expected and what was found, and the hint says what to do.
 */
import type { Message } from "../diagnostics.ts";

export const importMessages = {
  jsonSyntax: (detail: string): Message => ({
    code: "IMP001",
    message: `invalid JSON: ${detail}`,
    hint: "the file may be cut short or not JSON at all; NaN, Infinity and -Infinity are accepted as bare values",
  }),
  yamlSyntax: (detail: string): Message => ({
    code: "IMP002",
    message: `invalid YAML: ${detail}`,
  }),
  csvSyntax: (detail: string): Message => ({
    code: "IMP003",
    message: `invalid CSV: ${detail}`,
    hint: "close the quote; write a quote inside a quoted cell as two quotes (\"\")",
  }),
  notNumber: (column: string, found: string): Message => ({
    code: "IMP004",
    message: `expected a number in column "${column}", found "${found}"`,
    hint: "metric cells hold numbers; an empty cell or nan is a gap",
  }),
  tooManyCells: (cells: number, columns: number): Message => ({
    code: "IMP005",
    message: `row has ${cells} cells but the header has ${columns} columns`,
  }),
  tooFewCells: (cells: number, columns: number): Message => ({
    code: "IMP006",
    message: `row has ${cells} cells but the header has ${columns} columns; the missing cells are gaps`,
  }),
  stepDecreases: (from: number, to: number): Message => ({
    code: "IMP007",
    message: `step decreases from ${from} to ${to}; rows are kept in file order`,
    hint: "a resumed run often restarts its step counter; import each attempt as its own run to compare them",
  }),
  missingColumn: (column: string, found: readonly string[]): Message => ({
    code: "IMP008",
    message: `expected a "${column}" column, found ${found.length ? found.map((c) => `"${c}"`).join(", ") : "no columns"}`,
  }),
  unexpectedShape: (what: string, expected: string, found: string): Message => ({
    code: "IMP009",
    message: `expected ${what} to be ${expected}, found ${found}`,
  }),
  noRuns: (format: string, looked: string): Message => ({
    code: "IMP010",
    message: `no ${format} runs found: ${looked}`,
  }),
  badPattern: (detail: string): Message => ({
    code: "IMP011",
    message: `invalid --pattern: ${detail}`,
    hint: "use a JavaScript regular expression with named groups, e.g. 's:(?<step>\\d+) trl:(?<train_loss>[\\d.]+)'",
  }),
  resumed: (epoch: number, step: number): Message => ({
    code: "IMP012",
    message: `first row is at epoch ${epoch} but step ${step}: this looks like a run resumed from a checkpoint, with its step counter restarted`,
    hint: "steps of this run are not comparable with the run it was resumed from",
  }),
  formatUnavailable: (format: string): Message => ({
    code: "IMP013",
    message: `the ${format} importer is not available yet`,
  }),
  duplicateSlug: (slug: string): Message => ({
    code: "IMP014",
    message: `two runs would be written as "${slug}"`,
  }),
  badMetricLine: (found: string): Message => ({
    code: "IMP015",
    message: `expected "<timestamp> <value> <step>", found "${found}"`,
  }),
  badValue: (what: string, found: string): Message => ({
    code: "IMP016",
    message: `expected a number for ${what}, found ${found}`,
  }),
  renamedMetric: (from: string, to: string): Message => ({
    code: "IMP017",
    message: `metric "${from}" is written as "${to}": "${from}" is a reserved history column`,
  }),
  unknownFormat: (format: string, known: readonly string[]): Message => ({
    code: "IMP018",
    message: `unknown format "${format}"; expected one of ${known.join(", ")}`,
  }),
  notDetected: (known: readonly string[]): Message => ({
    code: "IMP019",
    message: "cannot tell the format of this folder",
    hint: `pass --format (${known.join(", ")})`,
  }),
  unreadable: (reason: string): Message => ({
    code: "IMP020",
    message: `cannot read file: ${reason}`,
  }),
  splitAmbiguous: (columns: readonly string[], chosen: "config" | "summary"): Message => ({
    code: "IMP021",
    message: `cannot tell from the runs whether ${columns.map((c) => `"${c}"`).join(", ")} ${columns.length === 1 ? "is" : "are"} config or summary; read as ${chosen}`,
    hint: "W&B's export does not mark them: pass --config-columns or --summary-columns to settle it",
  }),
  unknownColumn: (option: string, column: string, found: readonly string[]): Message => ({
    code: "IMP022",
    message: `${option} names "${column}", which is not a column of this runs table`,
    hint: `its config and summary columns are ${found.map((c) => `"${c}"`).join(", ")}`,
  }),
  columnInBoth: (column: string): Message => ({
    code: "IMP023",
    message: `"${column}" is named in both --config-columns and --summary-columns`,
    hint: "name each column in one of them",
  }),
  tooDeep: (limit: number): Message => ({
    code: "IMP041",
    message: `values nested more than ${limit} levels deep are not read`,
    hint: "no tool writes metrics or settings this deep; the file is damaged or not what it seems",
  }),
  refusedField: (run: string, field: string, loader: string): Message => ({
    code: "IMP042",
    message: `run "${run}": its ${field} cannot be written to run.json (${loader}); the run is written without it`,
    hint: "the source recorded a value the run format does not allow, e.g. a negative run time from a clock that went back",
  }),
  runWouldNotLoad: (run: string, loader: string): Message => ({
    code: "IMP043",
    message: `run "${run}" would not load once written (${loader}); the run is not written`,
  }),
  emptyFile: (what: string, consequence: string): Message => ({
    code: "IMP061",
    message: `${what} is empty (0 bytes or only white space): ${consequence}`,
    hint: "a run that crashed or was copied before the file was flushed leaves it empty",
  }),
  lfsPointer: (): Message => ({
    code: "IMP062",
    message: "expected the file's contents, found a Git LFS pointer (text starting `version https://git-lfs.github.com/spec/v1`)",
    hint: "the repository was cloned without Git LFS: run `git lfs pull` and import again",
  }),
  duplicateColumn: (name: string, first: number): Message => ({
    code: "IMP040",
    message: `duplicate column "${name}" (first seen as column ${first}); this column is not imported`,
    hint: "rename one of the columns to import both",
  }),
} as const;
