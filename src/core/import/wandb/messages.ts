/**
 * Diagnostics of the W&B importer. Codes are permanent. Binary files have no lines: their
 * diagnostics are at line 1, column = byte offset + 1, and the message names the byte offset.
 */
import type { Message } from "../../diagnostics.ts";

export const wandbMessages = {
  corruptLog: (offset: number, detail: string): Message => ({
    code: "WANDB001",
    message: `corrupt .wandb transaction log at byte offset ${offset} (column = offset + 1): ${detail}`,
    hint: "the run is not imported; re-copy the file from the machine that wrote it, or import its files/ folder alone",
  }),
  truncatedLog: (offset: number, rows: number, lastStep: number | null): Message => ({
    code: "WANDB002",
    message:
      `the .wandb file ends inside a record at byte offset ${offset} (column = offset + 1): it was copied while the run ` +
      `was still writing, or the process was killed; imported the ${rows} history row(s) before it` +
      (lastStep !== null ? ` (last step ${lastStep})` : ""),
    hint: "the record cut off at the end is lost; a complete copy of the file would give the rest",
  }),
  badRecord: (offset: number, detail: string): Message => ({
    code: "WANDB003",
    message: `undecodable W&B record at byte offset ${offset} (column = offset + 1): ${detail}`,
    hint: "the run is not imported; the file is corrupt or written by an incompatible W&B version",
  }),
  jsonSyntax: (detail: string): Message => ({
    code: "WANDB004",
    message: `JSON syntax error: ${detail}`,
  }),
  yamlSyntax: (detail: string): Message => ({
    code: "WANDB005",
    message: `YAML error in W&B config: ${detail}`,
  }),
  historyShort: (lastStep: number, summaryStep: number): Message => ({
    code: "WANDB006",
    message: `the history stops at step ${lastStep} but wandb-summary.json records _step ${summaryStep}: the history file is incomplete`,
    hint: "summary values are imported from wandb-summary.json; charts show only the steps that were read",
  }),
  badValueJson: (key: string, detail: string): Message => ({
    code: "WANDB007",
    message: `value of "${key}" is not valid JSON: ${detail}`,
  }),
  duplicateRun: (runId: string, other: string): Message => ({
    code: "WANDB008",
    message: `W&B run "${runId}" was already imported from ${other}; this copy is skipped`,
  }),
  historyRowWithoutStep: (line: number): Message => ({
    code: "WANDB009",
    message: `history row on line ${line} has no numeric "_step"`,
    hint: "every wandb-history.jsonl row needs `_step`",
  }),
  lfsPointer: (): Message => ({
    code: "WANDB010",
    message: "this file is a Git LFS pointer (text starting `version https://git-lfs.github.com/spec/v1`), not the real file",
    hint: "run `git lfs pull` (or clone with Git LFS installed) and import again",
  }),
  historyCutOff: (line: number, detail: string): Message => ({
    code: "WANDB012",
    message: `the last line of wandb-history.jsonl (line ${line}) is cut off (${detail}); the rows before it are imported`,
    hint: "the run was copied while it was writing, or killed mid-write: that last row is lost",
  }),
  notAnObject: (what: string): Message => ({
    code: "WANDB011",
    message: `expected a JSON object in ${what}`,
  }),
} as const;
