/**
 * Message catalog for per-example table files (`tables/<name>.jsonl` and `tables/<name>.csv` in a
 * run folder). Codes are permanent and never reused; problems every run file shares (invalid JSON,
 * CSV quoting, cell counts, duplicate columns) keep their RUN0xx codes from runs/messages.ts.
 */
import type { Message } from "../diagnostics.ts";

export const tableMessages = {
  rowNotObject: (line: number, found: string): Message => ({
    code: "RUN090",
    message: `expected a row object on line ${line}, found ${found}`,
    hint: 'write one JSON object per line, e.g. {"id": 3, "label": "cat", "pred": "dog", "score": 0.61}',
  }),
  cellType: (column: string, found: string): Message => ({
    code: "RUN091",
    message: `expected a string, number, boolean, null or {"media": "media/…"} for column "${column}", found ${found}`,
    hint: "write lists and nested objects as text (JSON-encode them), or split them into columns",
  }),
  mediaPath: (found: string, problem: string): Message => ({
    code: "RUN092",
    message: `expected a media file path under media/ in this run folder, found ${found}: ${problem}`,
    hint: "write the path relative to the run folder with '/' between folders, e.g. media/preds/3_12.png",
  }),
  mediaMissing: (path: string): Message => ({
    code: "RUN093",
    message: `media file ${path} does not exist in this run folder`,
    hint: "copy the file there, or correct the path (it is relative to the run folder)",
  }),
  badStep: (found: string): Message => ({
    code: "RUN094",
    message: `expected \`step\` to be a whole number from 0 on, found ${found}`,
    hint: "a table with a step field has one on every row; leave the field out of every row for a table without steps",
  }),
  tooLarge: (what: string, limit: number): Message => ({
    code: "RUN095",
    message: `more than ${limit.toLocaleString("en-US")} ${what}, the most a table may hold`,
    hint: "split the table into several files, or keep a sample of the examples",
  }),
  badName: (name: string): Message => ({
    code: "RUN096",
    message: `table name "${name}" may hold only letters, digits, '.', '_' and '-'`,
    hint: "rename the file; the table's name is its file name without .jsonl or .csv",
  }),
  sameName: (name: string, other: string): Message => ({
    code: "RUN097",
    message: `a second table named "${name}" (the first is ${other}); this one is left out`,
    hint: "keep one of tables/<name>.jsonl and tables/<name>.csv",
  }),
  emptyTable: (): Message => ({
    code: "RUN098",
    message: "the table has no rows",
    hint: "write at least one row, or remove the file",
  }),
} as const;
