/**
 * Diagnostics of the TensorBoard importer. Codes are permanent. Event files are binary: their
 * diagnostics are at line 1, column = byte offset + 1, and the message names the byte offset.
 */
import type { Message } from "../../diagnostics.ts";

export const tbMessages = {
  corrupt: (offset: number, detail: string): Message => ({
    code: "TB001",
    message: `corrupt TensorBoard event file at byte offset ${offset} (column = offset + 1): ${detail}`,
    hint: "the run is not imported; re-copy the event file from the machine that wrote it",
  }),
  truncated: (offset: number, records: number): Message => ({
    code: "TB002",
    message:
      `the event file ends inside a record at byte offset ${offset} (column = offset + 1): it was copied while still ` +
      `being written, or the writer was killed; imported the ${records} record(s) before it`,
  }),
  badEvent: (offset: number, detail: string): Message => ({
    code: "TB003",
    message: `undecodable Event record at byte offset ${offset} (column = offset + 1): ${detail}`,
    hint: "the run is not imported; the file is corrupt or not a TensorBoard event file",
  }),
  lfsPointer: (): Message => ({
    code: "TB004",
    message:
      "this event file is a Git LFS pointer (text starting `version https://git-lfs.github.com/spec/v1`), not the real file; the run is not imported",
    hint: "run `git lfs pull` (or clone with Git LFS installed) and import again",
  }),
} as const;
