/** A run file's bytes for the parsers, decoded to text only when a parser asks for it. */
import { isAscii } from "node:buffer";
import { decodeUtf8, NotUtf8Error } from "../files/decodeText.ts";
import type { SourceText } from "./runFileTypes.ts";

/**
 * UTF-8 text of a file; pure-ASCII files (most metric logs) take Node's much faster latin1 path.
 * Throws `NotUtf8Error` for other encodings (a NUL byte is how UTF-16 and UTF-32 show in ASCII).
 */
function decodeText(bytes: Buffer): string {
  return isAscii(bytes) && bytes.indexOf(0) < 0 ? bytes.toString("latin1") : decodeUtf8(bytes);
}

/**
 * A file for the parsers with its bytes, decoded only if a parser reads `text`: the CSV fast path
 * parses a plain numeric history from the bytes, and decoding 600 KB of digits costs about as
 * much as parsing them.
 */
export function sourceOf(file: string, bytes: Buffer): SourceText {
  let text: string | undefined;
  return {
    path: file,
    bytes,
    get text() {
      try {
        return (text ??= decodeText(bytes));
      } catch (e) {
        throw e instanceof NotUtf8Error ? new NotUtf8Error(e.problem, file) : e;
      }
    },
  };
}
