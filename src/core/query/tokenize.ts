/**
 * Tokenizer for run-set expressions. A `Lexer` scans on demand (the parser peeks at most two tokens
 * ahead), so the first problem in source order is the one reported. Regexes only match single
 * token classes; the structure is left to the recursive-descent parser.
 */
import type { Message } from "../diagnostics.ts";
import type { ExpressionError } from "./ast.ts";
import { exprMessages } from "./messages.ts";
import { ownValue } from "../ownRecord.ts";

export const KEYWORDS = ["and", "or", "not", "in", "has", "true", "false", "null"] as const;
export type Keyword = (typeof KEYWORDS)[number];

export const OPERATORS = ["=", "==", "!=", "<", "<=", ">", ">=", "~", "!~", "&&", "||", "!"] as const;
export type Operator = (typeof OPERATORS)[number];

export type Punctuation = "(" | ")" | "[" | "]" | ",";

/** One dot-separated piece of a path; `quoted` when any part of it was written in backticks. */
export interface PathSegment {
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

interface TokenBase {
  start: number;
  end: number;
  /** The token's source text. */
  text: string;
}

export type Token =
  | (TokenBase & { kind: "path"; segments: PathSegment[] })
  | (TokenBase & { kind: "keyword"; value: Keyword })
  | (TokenBase & { kind: "number"; value: number })
  | (TokenBase & {
      kind: "string";
      value: string;
      /** Text between the quotes, escapes untouched (regex patterns use it). */
      raw: string;
      /** The first unknown escape; reported only where the string is used as a value. */
      badEscape?: { offset: number; sequence: string };
    })
  | (TokenBase & { kind: "op"; value: Operator })
  | (TokenBase & { kind: "punct"; value: Punctuation })
  | (TokenBase & { kind: "eof" });

/** Thrown inside the lexer and parser, caught at the public entry points. */
export class ExpressionFailure extends Error {
  readonly error: ExpressionError;
  constructor(message: Message, offset: number, length: number) {
    super(message.message);
    this.error = { ...message, offset, length };
  }
}

const NAME_START = /[\p{L}_`]/uy;
const NAME_CHARS = /[\p{L}\p{N}_/]+/uy;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NUMBER_TAIL = /[\p{L}\p{N}_.]+/uy;
const WHITESPACE = /\s+/y;
const OPERATOR_CHARS = "=!<>~&|";
const PUNCTUATION = "()[],";
/** Characters that end a bare word when building a hint. */
const WORD_CHARS = /[^\s()[\],=!<>~&|"'`]+/uy;

const OPERATOR_SUGGESTIONS: Record<string, string> = {
  "=>": ">=",
  "=<": "<=",
  "<>": "!=",
  "===": "=",
  "!==": "!=",
  "=~": "~",
  "~=": "~",
  "&": "and",
  "|": "or",
  "!=~": "!~",
  "~!": "!~",
};

const ESCAPES: Record<string, string> = {
  "\\": "\\",
  '"': '"',
  "'": "'",
  "`": "`",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

function matchAt(re: RegExp, source: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(source);
  return m ? m[0] : undefined;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** Human description of a token for "found …" in messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case "eof":
      return "end of input";
    case "string":
      return `string ${token.text}`;
    case "number":
      return `number ${token.text}`;
    default:
      return `'${token.text}'`;
  }
}

export class Lexer {
  readonly source: string;
  private pos = 0;
  private readonly buffer: Token[] = [];
  private last: Token | undefined;

  constructor(source: string) {
    this.source = source;
  }

  /** The token `n` ahead of the next one (0 = next), without consuming it. */
  peek(n = 0): Token {
    while (this.buffer.length <= n) this.buffer.push(this.scan());
    return this.buffer[n]!;
  }

  next(): Token {
    const token = this.peek();
    this.buffer.shift();
    return token;
  }

  private fail(message: Message, offset: number, length: number): never {
    throw new ExpressionFailure(message, offset, length);
  }

  private scan(): Token {
    const token = this.scanToken();
    this.last = token;
    return token;
  }

  private scanToken(): Token {
    const src = this.source;
    const ws = matchAt(WHITESPACE, src, this.pos);
    if (ws) this.pos += ws.length;
    const start = this.pos;
    if (start >= src.length) return { kind: "eof", start, end: start, text: "" };
    const c = src[start]!;

    if (PUNCTUATION.includes(c)) {
      this.pos++;
      return { kind: "punct", value: c as Punctuation, start, end: this.pos, text: c };
    }
    if (OPERATOR_CHARS.includes(c)) return this.scanOperator(start);
    if (c === '"' || c === "'") return this.scanString(start, c);
    const next = src[start + 1];
    const gluedToPath = this.last?.kind === "path" && this.last.end === start;
    if (gluedToPath && c === "-") this.fail(exprMessages.unexpectedCharacter(c, this.characterHint(start)), start, 1);
    if (isDigit(c) || (c === "." && isDigit(next)) || (c === "-" && (isDigit(next) || (next === "." && isDigit(src[start + 2]))))) {
      return this.scanNumber(start);
    }
    if (matchAt(NAME_START, src, start) !== undefined) return this.scanPath(start);
    return this.fail(exprMessages.unexpectedCharacter(String.fromCodePoint(src.codePointAt(start)!), this.characterHint(start)), start, 1);
  }

  /** `config.lr-schedule`: a character glued to a path usually means the name needs backticks. */
  private characterHint(at: number): string | undefined {
    const last = this.last;
    if (last?.kind !== "path" || last.end !== at) return undefined;
    const segment = last.segments[last.segments.length - 1]!;
    const rest = matchAt(WORD_CHARS, this.source, at) ?? "";
    const prefix = this.source.slice(last.start, segment.start);
    const name = segment.value + rest;
    return `quote names containing '${this.source[at]}' with backticks: ${prefix}\`${name}\``;
  }

  private scanOperator(start: number): Token {
    let end = start;
    while (end < this.source.length && OPERATOR_CHARS.includes(this.source[end]!)) end++;
    const text = this.source.slice(start, end);
    if (!(OPERATORS as readonly string[]).includes(text)) {
      this.fail(exprMessages.unknownOperator(text, ownValue(OPERATOR_SUGGESTIONS, text)), start, text.length);
    }
    this.pos = end;
    return { kind: "op", value: text as Operator, start, end, text };
  }

  private scanNumber(start: number): Token {
    const text = matchAt(NUMBER, this.source, start)!;
    let end = start + text.length;
    const tail = matchAt(NUMBER_TAIL, this.source, end);
    if (tail !== undefined) {
      end += tail.length;
      this.fail(exprMessages.invalidNumber(this.source.slice(start, end)), start, end - start);
    }
    const value = Number(text);
    if (!Number.isFinite(value)) this.fail(exprMessages.numberTooLarge(text), start, end - start);
    this.pos = end;
    return { kind: "number", value, start, end, text };
  }

  private scanString(start: number, quote: string): Token {
    const src = this.source;
    let i = start + 1;
    let value = "";
    let badEscape: { offset: number; sequence: string } | undefined;
    while (i < src.length && src[i] !== quote) {
      if (src[i] !== "\\") {
        value += src[i];
        i++;
        continue;
      }
      const e = src[i + 1];
      if (e === undefined) break;
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        value += simple;
        i += 2;
        continue;
      }
      if (e === "u") {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(src.slice(i + 2, i + 10));
        const four = /^[0-9a-fA-F]{4}/.exec(src.slice(i + 2, i + 6));
        const hex = braced ? braced[1]! : four ? four[0] : undefined;
        const cp = hex !== undefined ? parseInt(hex, 16) : NaN;
        if (cp <= 0x10ffff) {
          value += String.fromCodePoint(cp);
          i += 2 + (braced ? braced[0].length : 4);
          continue;
        }
      }
      badEscape ??= { offset: i, sequence: src.slice(i, i + 2) };
      value += src.slice(i, i + 2);
      i += 2;
    }
    if (i >= src.length) this.fail(exprMessages.unterminatedString(quote), start, 1);
    this.pos = i + 1;
    const token: Token = { kind: "string", value, raw: src.slice(start + 1, i), start, end: this.pos, text: src.slice(start, this.pos) };
    if (badEscape) token.badEscape = badEscape;
    return token;
  }

  /** Backticked name starting at `start`; returns its value and the offset after the closing backtick. */
  private scanBacktick(start: number): { value: string; end: number } {
    const src = this.source;
    let i = start + 1;
    let value = "";
    while (i < src.length && src[i] !== "`") {
      if (src[i] === "\\" && (src[i + 1] === "`" || src[i + 1] === "\\")) {
        value += src[i + 1];
        i += 2;
      } else {
        value += src[i];
        i++;
      }
    }
    if (i >= src.length) this.fail(exprMessages.unterminatedName(), start, 1);
    if (value === "") this.fail(exprMessages.emptyName(), start, i + 1 - start);
    return { value, end: i + 1 };
  }

  private scanPath(start: number): Token {
    const src = this.source;
    const segments: PathSegment[] = [];
    let i = start;
    for (;;) {
      const segStart = i;
      let value = "";
      let quoted = false;
      for (;;) {
        const plain = matchAt(NAME_CHARS, src, i);
        if (plain !== undefined) {
          value += plain;
          i += plain.length;
        } else if (src[i] === "`") {
          const q = this.scanBacktick(i);
          value += q.value;
          i = q.end;
          quoted = true;
        } else break;
      }
      if (i === segStart) {
        const found = i >= src.length ? "end of input" : /\s/.test(src[i]!) ? "a space" : `'${src[i]}'`;
        this.fail(exprMessages.expected("a key", found, `'${src.slice(start, i)}'`), i, i >= src.length ? 0 : 1);
      }
      segments.push({ value, start: segStart, end: i, quoted });
      if (src[i] !== ".") break;
      i++;
    }
    this.pos = i;
    const text = src.slice(start, i);
    const only = segments[0]!;
    if (segments.length === 1 && !only.quoted) {
      const lower = only.value.toLowerCase();
      if ((KEYWORDS as readonly string[]).includes(lower)) return { kind: "keyword", value: lower as Keyword, start, end: i, text };
    }
    return { kind: "path", segments, start, end: i, text };
  }
}

/** All tokens of `source` up to and including `eof`, or the first lexical error. */
export function tokenize(source: string): { ok: true; tokens: Token[] } | { ok: false; error: ExpressionError } {
  const lexer = new Lexer(source);
  const tokens: Token[] = [];
  try {
    for (;;) {
      const t = lexer.next();
      tokens.push(t);
      if (t.kind === "eof") return { ok: true, tokens };
    }
  } catch (e) {
    if (e instanceof ExpressionFailure) return { ok: false, error: e.error };
    throw e;
  }
}
