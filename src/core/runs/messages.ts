/**
 * Message catalog for run loading. Codes are permanent: a code is never reused for a different
 * problem, so tests, docs and users can search for it. Each entry says what happened (expected vs
 * found) and, in the hint, what to do.
 */
import type { Message } from "../diagnostics.ts";
import { RUN_STATES } from "../run.ts";
import { fileMessages } from "../files/fileMessages.ts";
import { MAX_NESTING } from "../ownRecord.ts";
import type { JsonSyntaxError } from "./parseJsonWithPositions.ts";

const STATES = RUN_STATES.map((s) => `"${s}"`).join(", ");

function orHint(suggestion: string | undefined, otherwise?: string): string | undefined {
  return suggestion !== undefined ? `did you mean "${suggestion}"?` : otherwise;
}

/** The message for a JSON text that does not parse (`parseJsonValue`'s error). */
export function jsonProblemMessage(error: JsonSyntaxError): Message {
  if (error.kind === "depth") return runMessages.tooDeep(MAX_NESTING);
  if (error.kind === "duplicate") return runMessages.duplicateKey(error.message);
  return runMessages.jsonSyntax(error.message);
}

export const runMessages = {
  jsonSyntax: (detail: string): Message => ({
    code: "RUN001",
    message: `invalid JSON: ${detail}`,
    hint: "fix the syntax at this position; NaN, Infinity and -Infinity are accepted as bare values",
  }),
  notAnObject: (what: string, found: string): Message => ({
    code: "RUN002",
    message: `expected ${what} to be a JSON object, found ${found}`,
  }),
  unknownKey: (key: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "RUN003",
    message: `unknown key "${key}" (it is ignored)`,
    hint: orHint(suggestion, `known keys: ${known.join(", ")}`),
  }),
  wrongType: (path: string, expected: string, found: string): Message => ({
    code: "RUN004",
    message: `expected ${expected} for \`${path}\`, found ${found}`,
  }),
  badState: (found: string, suggestion: string | undefined): Message => ({
    code: "RUN005",
    message: `unknown state "${found}"; expected one of ${STATES}`,
    hint: orHint(suggestion),
  }),
  badCreated: (found: string): Message => ({
    code: "RUN006",
    message: `expected \`created\` to be an ISO 8601 date (e.g. "2024-05-01T12:30:00Z") or unix seconds, found ${found}`,
  }),
  unequalColumns: (column: string, length: number, reference: string, referenceLength: number): Message => ({
    code: "RUN007",
    message: `history column "${column}" has ${length} values but "${reference}" has ${referenceLength}`,
    hint: "in column form every history array must have one value per logged step; use null for a gap",
  }),
  historyNotNumber: (metric: string, found: string): Message => ({
    code: "RUN008",
    message: `expected a number, null or "NaN" for history metric "${metric}", found ${found}`,
    hint: "history values must be numbers; put text and media in `summary` or `config`",
  }),
  badStep: (stepKey: string, found: string): Message => ({
    code: "RUN009",
    message: `expected a finite number for "${stepKey}", found ${found}`,
    hint: "every history row needs a finite step; drop the step column to number rows 0, 1, 2, …",
  }),
  stepDecreases: (stepKey: string, from: number, to: number): Message => ({
    code: "RUN010",
    message: `"${stepKey}" decreases from ${from} to ${to} (rows are kept in file order)`,
    hint: "a resumed run often restarts its step counter; store each attempt as its own run to compare them",
  }),
  emptyColumn: (column: string): Message => ({
    code: "RUN011",
    message: `column "${column}" has no values`,
    hint: "the metric is kept with only gaps; remove the column if it is not needed",
  }),
  csvNotNumber: (column: string, found: string): Message => ({
    code: "RUN012",
    message: `expected a number in column "${column}", found "${found}"`,
    hint: "metric cells hold numbers; leave a cell empty (or write nan) for a gap",
  }),
  csvTooManyCells: (cells: number, columns: number): Message => ({
    code: "RUN013",
    message: `row has ${cells} cells but the header has ${columns} columns`,
    hint: "quote cells that contain commas, or add the missing column names to the header",
  }),
  csvTooFewCells: (cells: number, columns: number): Message => ({
    code: "RUN014",
    message: `row has ${cells} cells but the header has ${columns} columns; the missing cells are gaps`,
  }),
  csvUnterminatedQuote: (): Message => ({
    code: "RUN015",
    message: "unterminated quoted cell: no closing '\"' before the end of the file",
    hint: "close the quote; write a quote inside a quoted cell as two quotes (\"\")",
  }),
  csvTextAfterQuote: (found: string): Message => ({
    code: "RUN016",
    message: `expected ',' or a line break after a closing quote, found ${found}`,
    hint: "quote the whole cell; write a quote inside a quoted cell as two quotes (\"\")",
  }),
  duplicateColumn: (column: string, firstColumn: number): Message => ({
    code: "RUN017",
    message: `duplicate column "${column}" (first seen as column ${firstColumn})`,
    hint: "rename one of the columns",
  }),
  unnamedColumn: (index: number): Message => ({
    code: "RUN018",
    message: `column ${index} has no name; it is ignored`,
    hint: "give the column a name in the header (pandas writes an unnamed index column unless index=False)",
  }),
  twoHistoryFiles: (other: string): Message => ({
    code: "RUN019",
    message: `a run folder may hold one history, but it also has ${other}`,
    hint: "keep one of history.csv, history.jsonl, their .gz forms and history.parquet (or `history` in run.json), not several",
  }),
  jsonlNotObject: (line: number, found: string): Message => ({
    code: "RUN020",
    message: `expected line ${line} to be a JSON object, found ${found}`,
  }),
  runsTableNoId: (): Message => ({
    code: "RUN021",
    message: "runs table has neither an `id` nor a `name` column",
    hint: "add an `id` column (or `name`; the id is then the slugified name)",
  }),
  runsTableRowNoId: (): Message => ({
    code: "RUN022",
    message: "row has an empty `id` and `name`; it is skipped",
    hint: "give every run an id or a name",
  }),
  runsTableNameNoSlug: (name: string): Message => ({
    code: "RUN022",
    message: `row has an empty \`id\`, and its name "${name}" has no letter or digit to make one from; it is skipped`,
    hint: "give the run an id",
  }),
  duplicateRun: (id: string, other: string): Message => ({
    code: "RUN023",
    message: `duplicate run id "${id}": also defined by ${other}`,
    hint: "rename one of them; a run's id is its path under runs/ (or its runs.csv id)",
  }),
  fileOutsideProject: (): Message => ({
    code: "RUN024",
    message: "run file directly under runs/; runs must be inside a project folder",
    hint: "move it to runs/<project>/",
  }),
  unrecognisedFile: (expected: string, hint?: string): Message => ({
    code: "RUN025",
    message: `not a run file (it is ignored); expected ${expected}`,
    hint,
  }),
  summaryList: (key: string): Message => ({
    code: "RUN026",
    message: `summary value "${key}" is a list; only numbers, strings, booleans and null are kept`,
    hint: "store lists in `config`, or log each element as its own metric",
  }),
  emptyHistoryFile: (): Message => ({
    code: "RUN027",
    message: "history file has no header row",
    hint: "the first line names the columns, e.g. step,train/loss",
  }),
  unreadable: fileMessages.unreadable,
  configConflict: (path: string): Message => ({
    code: "RUN029",
    message: `config path "${path}" is both a value and an object`,
    hint: "use either config.a or config.a.b columns, not both",
  }),
  moreErrors: (count: number): Message => ({
    code: "RUN030",
    message: `${count} more problem(s) in this file not shown`,
  }),
  historyTwice: (other: string): Message => ({
    code: "RUN031",
    message: `run.json has a \`history\` key but the folder also has ${other}`,
    hint: "keep the history in one place",
  }),
  notAStepKey: (): Message => ({
    code: "RUN032",
    message: "history row has no step while other rows have one",
    hint: "give every row a step (or none of them, to number rows 0, 1, 2, …)",
  }),
  symlinkOutside: fileMessages.symlinkOutside,
  symlinkLoop: fileMessages.symlinkLoop,
  hiddenSkipped: fileMessages.hiddenSkipped,
  badName: fileMessages.badName,
  nameCollision: fileMessages.nameCollision,
  notUtf8: fileMessages.notUtf8,
  outputCollision: (id: string, path: string, owner: string): Message => ({
    code: "RUN039",
    message: `run "${id}" is published in the folder ${path}/, but ${owner} is published as the file ${path}: a path cannot be both`,
    hint: "rename one of them (a folder named like a run's published file, e.g. <run>.json/ or <run>.png/, causes this)",
  }),
  duplicateKey: (detail: string): Message => ({
    code: "RUN115",
    message: detail,
    hint: "remove one of the two; a JSON reader keeps only the last, so the other value would be lost",
  }),
  inexactNumber: (field: string, literal: string, read: string): Message => ({
    code: "RUN116",
    message:
      read === "null"
        ? `\`${field}\` is ${literal}, too large for a number: it is read as null`
        : `\`${field}\` is ${literal}, more digits than a number holds exactly: it is read as ${read}`,
    hint: `to keep it as written, write it as text ("${literal}")`,
  }),
  notesNotMarkdown: (): Message => ({
    code: "RUN117",
    message: "`notes` nest lists or quotes, brackets or runs of * and _ deeper than markdown can be read; the run page shows them as plain text",
    hint: "flatten the lists, or put the text in a code block (docs/blocks.md, markdown limits)",
  }),
  tooDeep: (limit: number): Message => ({
    code: "RUN040",
    message: `value nested more than ${limit} levels deep`,
    hint: `objects and lists may nest at most ${limit} levels (a runs.csv config column: ${limit - 1} dotted parts); flatten the structure`,
  }),
  /** `where`: "in `history`", "on line 3". */
  emptyMetricName: (where: string): Message => ({
    code: "RUN041",
    message: `metric with an empty name ${where}; it is ignored`,
    hint: "give the metric a name",
  }),
  longText: (field: string, length: number, shown: number): Message => ({
    code: "RUN042",
    message: `\`${field}\` is ${length} characters long; pages show the first ${shown}`,
    hint: "pages, tables and the search show a shortened copy; the run.json download keeps the full text",
  }),
  gzipCorrupt: (detail: string): Message => ({
    code: "RUN043",
    message: `cannot decompress this gzip file: ${detail}`,
    hint: "the file is damaged or is not gzip; write it again with `gzip -k history.csv` (or keep the plain file)",
  }),
  compactTooLarge: (what: string, limit: string): Message => ({
    code: "RUN044",
    message: `${what}, more than the ${limit} a history may hold`,
    hint: "split the run, or log fewer steps; a history this large cannot be charted in a browser either",
  }),
  parquetUnreadable: (detail: string): Message => ({
    code: "RUN045",
    message: `not a readable Parquet file: ${detail}`,
    hint: detail.includes("compression codec")
      ? "write it with Snappy, zstd or gzip compression (pandas: df.to_parquet(\"history.parquet\", compression=\"snappy\"))"
      : "the file is damaged or cut short; write it again (pandas: df.to_parquet(\"history.parquet\"); or `runfolio import … --history parquet`)",
  }),
  parquetColumnType: (column: string, found: string): Message => ({
    code: "RUN046",
    message: `column "${column}" holds ${found}; a history column holds numbers (integers, floats, or number text such as "nan")`,
    hint: "drop the column, or keep text and media in `summary` or `config`",
  }),
  formatNewer: (version: number, supported: number): Message => ({
    code: "RUN060",
    message: `written for run format ${version}; this runfolio reads format ${supported} and reads the file as that`,
    hint: "upgrade runfolio (npm i -D runfolio@latest) to read everything the newer format says; see docs/versions.md",
  }),
  formatVersionInvalid: (found: string): Message => ({
    code: "RUN061",
    message: `expected \`format_version\` to be a whole number from 1 on, found ${found}`,
    hint: "leave format_version out to mean the current format, or write the number of the format the file follows (1)",
  }),
} as const;

export type RunMessageId = keyof typeof runMessages;
