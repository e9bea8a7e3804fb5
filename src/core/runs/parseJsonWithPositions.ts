/**
 * A small JSON parser that tracks offsets. It is the slow path: callers try `JSON.parse` first and
 * come here to locate a syntax error, to read Python's bare `NaN` / `Infinity` / `-Infinity`, or to
 * map a schema problem at a value path back to a line and column.
 */
import { positionAt } from "../diagnostics.ts";
import { MAX_NESTING, ownRecord, setOwn, toOwnRecords } from "../ownRecord.ts";

export type JsonPath = readonly (string | number)[];

/** Offsets (0-based, into the parsed text) of one value and, for object members, of its key. */
export interface JsonSpan {
  /** Start of the property name's opening quote, for object members. */
  keyOffset?: number;
  /** Start of the value. */
  offset: number;
  /** One past the end of the value. */
  end: number;
}

export interface JsonSyntaxError {
  offset: number;
  message: string;
  /**
   * `depth`: a value nested deeper than `MAX_NESTING` (the offset is its first character).
   * `duplicate`: a key written twice in one object (the offset is the second one's opening quote);
   * `JSON.parse` keeps the last value, so the first would be dropped without a word.
   */
  kind: "syntax" | "depth" | "duplicate";
}

export type JsonParseResult =
  | { ok: true; value: unknown; positions: Map<string, JsonSpan> | null }
  | { ok: false; error: JsonSyntaxError };

export interface ParseJsonOptions {
  /** Record a span for every value, keyed by `jsonPathKey(path)`. __Default:__ `false`. */
  positions?: boolean;
}

/** The key of a value path in a positions map. */
export function jsonPathKey(path: JsonPath): string {
  // Each segment is prefixed, so a key named "" differs from its parent.
  let key = "";
  for (const p of path) key += `\u001f${p}`;
  return key;
}

class JsonSyntax extends Error {
  readonly offset: number;
  readonly kind: JsonSyntaxError["kind"];
  constructor(offset: number, message: string, kind: JsonSyntaxError["kind"] = "syntax") {
    super(message);
    this.offset = offset;
    this.kind = kind;
  }
}

/**
 * Parses `text` (without BOM) as JSON plus bare NaN / Infinity / -Infinity. Never throws. Objects
 * have no prototype (see `ownRecord`); values nested deeper than `MAX_NESTING` are an error.
 */
export function parseJsonWithPositions(text: string, options: ParseJsonOptions = {}): JsonParseResult {
  const positions = options.positions ? new Map<string, JsonSpan>() : null;
  const path: (string | number)[] = [];
  let depth = 0;
  let i = 0;
  const n = text.length;

  const describeAt = (at: number): string => {
    if (at >= n) return "end of input";
    const c = text[at]!;
    if (/[A-Za-z_$]/.test(c)) {
      let j = at;
      while (j < n && /[A-Za-z0-9_$]/.test(text[j]!)) j++;
      return `'${text.slice(at, Math.min(j, at + 20))}'`;
    }
    if (c === "\n" || c === "\r") return "a line break";
    return `'${c}'`;
  };
  const fail = (at: number, expected: string): never => {
    throw new JsonSyntax(at, `expected ${expected}, found ${describeAt(at)}`);
  };
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const word = (w: string): boolean => {
    if (text.startsWith(w, i)) {
      const after = text.charCodeAt(i + w.length);
      if (!(after >= 65 && after <= 90) && !(after >= 97 && after <= 122) && !(after >= 48 && after <= 57)) {
        i += w.length;
        return true;
      }
    }
    return false;
  };

  const parseString = (): string => {
    const start = i;
    i++;
    let out = "";
    let chunk = i;
    while (true) {
      if (i >= n) throw new JsonSyntax(start, "unterminated string");
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 32) {
        if (c === 10 || c === 13) throw new JsonSyntax(start, "unterminated string (line break inside a string)");
        throw new JsonSyntax(i, "control character in string; escape it");
      }
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          throw new JsonSyntax(i, `invalid escape sequence '${text.slice(i, i + 2)}'`);
        }
        chunk = i;
        continue;
      }
      i++;
    }
  };

  const parseNumber = (): number => {
    const start = i;
    if (text[i] === "-") i++;
    if (word("Infinity")) return text[start] === "-" ? -Infinity : Infinity;
    if (text[i] === "0") i++;
    else if (text[i]! >= "1" && text[i]! <= "9") while (text[i]! >= "0" && text[i]! <= "9") i++;
    else fail(i, "a digit");
    if (text[i] === ".") {
      i++;
      if (!(text[i]! >= "0" && text[i]! <= "9")) fail(i, "a digit after '.'");
      while (text[i]! >= "0" && text[i]! <= "9") i++;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (!(text[i]! >= "0" && text[i]! <= "9")) fail(i, "a digit in the exponent");
      while (text[i]! >= "0" && text[i]! <= "9") i++;
    }
    return Number(text.slice(start, i));
  };

  const parseValue = (keyOffset?: number): unknown => {
    skipWs();
    const start = i;
    let value: unknown;
    const c = text[i];
    if ((c === "{" || c === "[") && ++depth > MAX_NESTING) throw new JsonSyntax(start, `value nested more than ${MAX_NESTING} levels deep`, "depth");
    if (c === "{") value = parseObject();
    else if (c === "[") value = parseArray();
    else if (c === '"') value = parseString();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) value = parseNumber();
    else if (word("true")) value = true;
    else if (word("false")) value = false;
    else if (word("null")) value = null;
    else if (word("NaN")) value = NaN;
    else if (word("Infinity")) value = Infinity;
    else fail(i, "a value");
    if (c === "{" || c === "[") depth--;
    if (positions) {
      const span: JsonSpan = { offset: start, end: i };
      if (keyOffset !== undefined) span.keyOffset = keyOffset;
      positions.set(jsonPathKey(path), span);
    }
    return value;
  };

  const parseObject = (): Record<string, unknown> => {
    const obj = ownRecord();
    const keyOffsets = new Map<string, number>();
    i++;
    skipWs();
    if (text[i] === "}") {
      i++;
      return obj;
    }
    let commaAt = -1;
    while (true) {
      skipWs();
      if (text[i] !== '"') {
        if (text[i] === "}" && commaAt >= 0) throw new JsonSyntax(commaAt, "trailing comma before '}'; expected a property name in double quotes");
        fail(i, "a property name in double quotes");
      }
      const keyOffset = i;
      const key = parseString();
      skipWs();
      if (text[i] !== ":") fail(i, "':' after property name");
      i++;
      const firstOffset = keyOffsets.get(key);
      if (firstOffset !== undefined) throw new JsonSyntax(keyOffset, duplicateKeyMessage(text, key, firstOffset), "duplicate");
      keyOffsets.set(key, keyOffset);
      path.push(key);
      const v = parseValue(keyOffset);
      path.pop();
      setOwn(obj, key, v);
      skipWs();
      if (text[i] === ",") {
        commaAt = i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return obj;
      }
      fail(i, "',' or '}' after property value");
    }
  };

  const parseArray = (): unknown[] => {
    const arr: unknown[] = [];
    i++;
    skipWs();
    if (text[i] === "]") {
      i++;
      return arr;
    }
    let commaAt = -1;
    while (true) {
      skipWs();
      if (text[i] === "]" && commaAt >= 0) throw new JsonSyntax(commaAt, "trailing comma before ']'; expected a value");
      path.push(arr.length);
      arr.push(parseValue());
      path.pop();
      skipWs();
      if (text[i] === ",") {
        commaAt = i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return arr;
      }
      fail(i, "',' or ']' after array element");
    }
  };

  try {
    const value = parseValue();
    skipWs();
    if (i < n) fail(i, "end of input after the JSON value");
    return { ok: true, value, positions };
  } catch (e) {
    // A file cut short is shown at its last written character, not on an empty line after it.
    if (e instanceof JsonSyntax) return { ok: false, error: { offset: Math.min(e.offset, Math.max(0, text.trimEnd().length - 1)), message: e.message, kind: e.kind } };
    throw e;
  }
}

function duplicateKeyMessage(text: string, key: string, firstOffset: number): string {
  const shown = key.length > 40 ? `${key.slice(0, 37)}...` : key;
  const first = positionAt(text, firstOffset);
  const where = first.line === 1 && !/[\n\r]/.test(text) ? `column ${first.column}` : `line ${first.line}, column ${first.column}`;
  return `duplicate key ${JSON.stringify(shown)} in one object (first written at ${where}); only one value can be kept`;
}

/**
 * At least as many as the object keys written in `text`: every key is a string followed by `:`
 * (a string value holding `":` only raises the count). Equal to the keys `JSON.parse` kept means
 * no key was written twice.
 */
function keyTokenBound(text: string): number {
  let count = 0;
  for (let i = text.indexOf(":"); i !== -1; i = text.indexOf(":", i + 1)) {
    let j = i - 1;
    while (j >= 0) {
      const c = text.charCodeAt(j);
      if (c === 32 || c === 10 || c === 13 || c === 9) j--;
      else break;
    }
    if (text.charCodeAt(j) === 34) count++;
  }
  return count;
}

/**
 * A JSON value read for use: `JSON.parse` when it can (fast), the positional parser for Python's
 * bare NaN/Infinity and to place an error. Objects have no prototype, so `__proto__` and
 * `constructor` are ordinary keys; nesting deeper than `MAX_NESTING` is a `depth` error, and a key
 * written twice in one object a `duplicate` error.
 */
export function parseJsonValue(text: string): { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const r = parseJsonWithPositions(text);
    return r.ok ? { ok: true, value: r.value } : r;
  }
  const counts = { keys: 0 };
  const own = toOwnRecords(value, MAX_NESTING, counts);
  if (own === undefined || keyTokenBound(text) > counts.keys) {
    // Too deep, or maybe a key written twice: the positional parser finds where.
    const r = parseJsonWithPositions(text);
    if (!r.ok) return r;
  }
  return { ok: true, value: own };
}

/** Text without a leading UTF-8 byte order mark; offsets then match what editors show. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Short description of a JSON value's type for "found …" messages. */
export function describeJsonValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  switch (typeof v) {
    case "string": {
      const s = v.length > 40 ? `${v.slice(0, 37)}...` : v;
      return `the string ${JSON.stringify(s)}`;
    }
    case "number":
      return `the number ${String(v)}`;
    case "boolean":
      return String(v);
    case "object":
      return "an object";
    default:
      return typeof v;
  }
}
