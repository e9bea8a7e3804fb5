/**
 * UTF-8 decoding of user files that says what a file is when it is not UTF-8. Pure (TextDecoder
 * works in the browser and in Node). UTF-16 and UTF-32 are recognised by their byte order mark or,
 * without one, by the pattern of NUL bytes ASCII text leaves in them; any other invalid byte is
 * most likely a legacy 8-bit encoding (Latin-1 / Windows-1252), which is what spreadsheet programs
 * and older Windows tools write.
 */

export interface EncodingProblem {
  /** Byte offset of the first byte that is not UTF-8 text. */
  offset: number;
  /** 1-based line and column (UTF-16 code units) of that byte in the text before it. */
  line: number;
  column: number;
  /** What the file looks like, e.g. "UTF-16 LE (byte order mark FF FE)". */
  encoding: string;
  /** The offending byte(s), e.g. `byte 0xE9`. */
  found: string;
}

/** Thrown by `decodeUtf8`; loaders turn it into a positioned diagnostic. */
export class NotUtf8Error extends Error {
  readonly problem: EncodingProblem;
  /** The file's path, when the thrower knows it. */
  readonly file: string | undefined;
  constructor(problem: EncodingProblem, file?: string) {
    super(`${file ? `${file}:${problem.line}:${problem.column}: ` : ""}not UTF-8: found ${problem.found}, which looks like ${problem.encoding}`);
    this.name = "NotUtf8Error";
    this.problem = problem;
    this.file = file;
  }
}

// ignoreBOM keeps a UTF-8 byte order mark in the text, as before: the parsers strip it themselves.
const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/** The UTF-8 text of `bytes`; throws `NotUtf8Error` naming the first bad byte and the likely encoding. */
export function decodeUtf8(bytes: Uint8Array): string {
  const result = decodeOrFind(bytes);
  if (typeof result !== "string") throw new NotUtf8Error(result);
  return result;
}

/** Null when `bytes` is UTF-8 text without NUL bytes; otherwise where and what it is instead. */
export function findEncodingProblem(bytes: Uint8Array): EncodingProblem | null {
  const result = decodeOrFind(bytes);
  return typeof result === "string" ? null : result;
}

/** The text, decoded once, or the problem. */
function decodeOrFind(bytes: Uint8Array): string | EncodingProblem {
  const bom = byteOrderMark(bytes);
  if (bom) return at(bytes, 0, bom.encoding, bom.found);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return at(bytes, nul, nulPattern(bytes), "a NUL byte (0x00)");
  try {
    return fatal.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const byte = bytes[bad]!;
    return at(bytes, bad, eightBitGuess(byte), `byte 0x${hex(byte)}`);
  }
}

function byteOrderMark(b: Uint8Array): { encoding: string; found: string } | null {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: "UTF-32 LE", found: "the byte order mark FF FE 00 00" };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: "UTF-32 BE", found: "the byte order mark 00 00 FE FF" };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "UTF-16 LE", found: "the byte order mark FF FE" };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "UTF-16 BE", found: "the byte order mark FE FF" };
  return null;
}

/** Which wide encoding leaves NUL bytes where this file has them (ASCII text in UTF-16/32). */
function nulPattern(b: Uint8Array): string {
  const n = Math.min(b.length - (b.length % 4), 4096);
  if (n < 4) return "binary data, not text";
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (b[i] === 0) zeros[i % 4]!++;
  const quarter = n / 4;
  const high = (k: number): boolean => zeros[k]! >= 0.6 * quarter;
  const low = (k: number): boolean => zeros[k]! <= 0.1 * quarter;
  if (low(0) && high(1) && high(2) && high(3)) return "UTF-32 LE without a byte order mark";
  if (high(0) && high(1) && high(2) && low(3)) return "UTF-32 BE without a byte order mark";
  if (low(0) && low(2) && high(1) && high(3)) return "UTF-16 LE without a byte order mark";
  if (high(0) && high(2) && low(1) && low(3)) return "UTF-16 BE without a byte order mark";
  return "binary data, not text";
}

function eightBitGuess(byte: number): string {
  // 0xA0–0xFF are the same letters in Latin-1 and Windows-1252; 0x80–0x9F are printable only in the latter.
  const letter = byte >= 0xa0 ? ` ("${String.fromCharCode(byte)}")` : "";
  return `Latin-1 / Windows-1252 text${letter}`;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, "0");
}

function at(bytes: Uint8Array, offset: number, encoding: string, found: string): EncodingProblem {
  const before = lenient.decode(bytes.subarray(0, offset));
  const lineStart = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let k = before.indexOf("\n"); k >= 0; k = before.indexOf("\n", k + 1)) line++;
  return { offset, line, column: before.length - lineStart + 1, encoding, found };
}

/** Offset of the first byte that does not continue a well-formed UTF-8 sequence (only called on invalid input). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min, cp] = [1, 0x80, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [need, min, cp] = [2, 0x800, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [need, min, cp] = [3, 0x10000, c & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}
