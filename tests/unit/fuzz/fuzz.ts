/**
 * Shared pieces of the property-based tests (`*.property.test.ts`): run parameters, the
 * well-formedness check every reader's diagnostics must pass, and generators that start from a
 * valid document and damage it, so the fuzzer reaches the deep code of a reader and not only its
 * first "that is not JSON" branch.
 *
 * `npm test` runs every property with a fixed seed and a bounded count, with no time limits, so the
 * result never depends on the machine. `npm run fuzz` (RUNFOLIO_FUZZ=1) runs many more cases from a
 * random seed, printed so a failure can be replayed with RUNFOLIO_FUZZ_SEED=<seed>, and fails a case
 * that takes longer than a time bound (a hang or a super-linear blow-up).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import type { Diagnostic } from "../../../src/core/diagnostics.ts";

const env = typeof process !== "undefined" ? process.env : {};
export const FUZZ = env.RUNFOLIO_FUZZ === "1";
/** Cases per property in fuzz mode, as a multiple of the `npm test` count. */
const FUZZ_FACTOR = Number(env.RUNFOLIO_FUZZ_FACTOR ?? 200);
/** Fuzz mode: the longest one case may take. */
const CASE_LIMIT_MS = Number(env.RUNFOLIO_FUZZ_CASE_MS ?? 2_000);
/** Fuzz mode: the longest one property runs before it stops (not a failure). */
const PROPERTY_LIMIT_MS = Number(env.RUNFOLIO_FUZZ_PROPERTY_MS ?? 60_000);

export const FUZZ_SEED = env.RUNFOLIO_FUZZ_SEED !== undefined ? Number(env.RUNFOLIO_FUZZ_SEED) : (Math.random() * 2 ** 31) | 0;
if (FUZZ) console.log(`fuzz seed ${FUZZ_SEED} (replay: RUNFOLIO_FUZZ_SEED=${FUZZ_SEED} npm run fuzz)`);

/** Parameters for `fc.assert`: `numRuns` cases from seed 42, or many from the fuzz seed. */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  if (!FUZZ) return { seed: 42, numRuns };
  // `timeout` bounds each case of an async property; sync ones are timed in `assertProperty`.
  return { seed: FUZZ_SEED, numRuns: numRuns * FUZZ_FACTOR, interruptAfterTimeLimit: PROPERTY_LIMIT_MS, markInterruptAsFailure: false, timeout: CASE_LIMIT_MS };
}

/** Test timeout for a property: vitest's default in `npm test`, none worth mentioning in fuzz mode. */
export const PROPERTY_TIMEOUT = FUZZ ? PROPERTY_LIMIT_MS * 3 : 30_000;

/** Object.prototype as it was before any reader ran: a reader that writes into it pollutes every object. */
const PROTOTYPE = new Map(Object.getOwnPropertyNames(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)!.value]));

export function expectPristinePrototype(): void {
  const names = Object.getOwnPropertyNames(Object.prototype);
  const changed = names.filter((k) => !PROTOTYPE.has(k) || Object.getOwnPropertyDescriptor(Object.prototype, k)!.value !== PROTOTYPE.get(k));
  if (changed.length > 0 || names.length !== PROTOTYPE.size) {
    const added = changed.filter((k) => !PROTOTYPE.has(k));
    for (const k of added) delete (Object.prototype as Record<string, unknown>)[k];
    throw new Error(`Object.prototype was changed (${changed.join(", ") || "a key deleted"}): prototype pollution`);
  }
}

/**
 * Asserts `check` for `numRuns` generated values, and that no case touched Object.prototype; in
 * fuzz mode each case also has a time bound.
 */
export function assertProperty<T>(arb: fc.Arbitrary<T>, check: (value: T) => void, numRuns = 200): void {
  fc.assert(
    fc.property(arb, (value) => {
      const t0 = FUZZ ? performance.now() : 0;
      check(value);
      expectPristinePrototype();
      if (!FUZZ) return;
      const ms = performance.now() - t0;
      if (ms > CASE_LIMIT_MS) throw new Error(`one case took ${Math.round(ms)} ms (bound ${CASE_LIMIT_MS} ms): a hang or a super-linear path`);
    }),
    fuzzParameters(numRuns),
  );
}

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** Every diagnostic code of the message catalogs (`code: "RUN001"` entries in `src/core`). */
export const CATALOG_CODES: ReadonlySet<string> = (() => {
  const codes = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/[mM]essages\.ts$/.test(e.name) && !e.name.endsWith(".test.ts")) {
        for (const m of readFileSync(p, "utf8").matchAll(/code: "([A-Z]+\d+)"/g)) codes.add(m[1]!);
      }
    }
  };
  walk(path.join(repoRoot, "src/core"));
  return codes;
})();

export interface InputBounds {
  /** The file name every diagnostic must carry (or a predicate for readers of many files). */
  file: string | ((file: string) => boolean);
  /** The input's text, for line/column bounds; for bytes, a column bound (byte offset + 1). */
  text?: string;
  /** Binary input: diagnostics are at line 1, column ≤ length + 1. */
  byteLength?: number;
  /** Lines before the input in the file (front matter, a block inside a report). */
  firstLine?: number;
  /** Columns the input is indented by in the file. */
  indent?: number;
}

/** Lines of `text` as editors count them (CRLF, LF or CR breaks). */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Every diagnostic names the file, sits at line ≥ 1 and column ≥ 1 inside the input (a column may
 * be one past a line's end: "expected … at end of line"), carries a catalog code and says something.
 */
export function expectWellFormed(diagnostics: readonly Diagnostic[], bounds: InputBounds): void {
  const lines = bounds.text !== undefined ? textLines(bounds.text) : null;
  const first = bounds.firstLine ?? 1;
  const indent = bounds.indent ?? 0;
  for (const d of diagnostics) {
    const where = `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`;
    if (typeof bounds.file === "string") expect(d.file, where).toBe(bounds.file);
    else expect(bounds.file(d.file), where).toBe(true);
    expect(Number.isInteger(d.line) && d.line >= 1, where).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, where).toBe(true);
    expect(CATALOG_CODES.has(d.code), `${where}: code not in a catalog`).toBe(true);
    expect(typeof d.message === "string" && d.message.trim().length > 0, where).toBe(true);
    expect(d.severity === "error" || d.severity === "warning", where).toBe(true);
    if (lines) {
      // A whole-file diagnostic is at 1:1 even when the region starts lower.
      if (d.line === 1 && d.column === 1) continue;
      const local = d.line - first;
      expect(local >= 0 && local < lines.length, `${where}: line outside the input (${lines.length} lines from ${first})`).toBe(true);
      expect(d.column - indent <= lines[local]!.length + 1, `${where}: column past the end of its line`).toBe(true);
    }
    if (bounds.byteLength !== undefined) {
      expect(d.line, where).toBe(1);
      expect(d.column <= bounds.byteLength + 1, `${where}: column past the end of the bytes`).toBe(true);
    }
  }
}

/**
 * How many keys, columns or rows a "wide" input has: small in `npm test` (no time is measured
 * there), up to 30,000 in fuzz mode, where the per-case time bound turns a quadratic path into a failure.
 */
export const wideCount: fc.Arbitrary<number> = FUZZ ? fc.integer({ min: 1, max: 30_000 }) : fc.integer({ min: 1, max: 300 });

/** Characters that trip readers: line breaks of every kind, BOM, NUL, lone surrogates, emoji, RTL. */
export const ODD_CHARS = ["\r\n", "\r", "\n", "\ufeff", "\u0000", "\ud800", "\udc00", "\u2028", "\u2029", "😀", "\u202e", "é", "\t", '"', "\\", ",", "{", "[", "]", "}", ":", "-", "#", "'", "`", "0", "."];

/** One of the odd characters, or any character. */
export const oddChar: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...ODD_CHARS), fc.string({ minLength: 1, maxLength: 1, unit: "binary" }));

/** A mutation of a text: the kinds of damage real files suffer, applied at a chosen position. */
type TextMutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; char: string }
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number }
  | { kind: "crlf" }
  | { kind: "bom" };

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), char: oddChar }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.oneof(oddChar, fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.constant({ kind: "crlf" as const }),
  fc.constant({ kind: "bom" as const }),
);

export function applyTextMutation(text: string, m: TextMutation): string {
  const at = "at" in m ? (text.length === 0 ? 0 : m.at % (text.length + 1)) : 0;
  switch (m.kind) {
    case "truncate":
      return text.slice(0, at);
    case "flip":
      return text.slice(0, at) + m.char + text.slice(at + 1);
    case "insert":
      return text.slice(0, at) + m.text + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + m.length);
    case "duplicate":
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case "crlf":
      return text.replace(/\r?\n/g, "\r\n");
    case "bom":
      return `\ufeff${text}`;
  }
}

/** The valid documents of `valid`, some untouched and most damaged by one to three mutations. */
export function mutatedText(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    {
      weight: 5,
      arbitrary: fc.tuple(valid, fc.array(textMutation, { minLength: 1, maxLength: 3 })).map(([t, ms]) => ms.reduce(applyTextMutation, t)),
    },
  );
}

type ByteMutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; bit: number }
  | { kind: "set"; at: number; byte: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "delete"; at: number; length: number };

const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), byte: fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0x0a, 0x22) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
);

export function applyByteMutation(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
  switch (m.kind) {
    case "truncate":
      return bytes.slice(0, at);
    case "flip":
    case "set": {
      if (at >= bytes.length) return bytes;
      const out = bytes.slice();
      out[at] = m.kind === "flip" ? out[at]! ^ (1 << m.bit) : m.byte;
      return out;
    }
    case "insert":
      return Uint8Array.from([...bytes.subarray(0, at), ...m.bytes, ...bytes.subarray(at)]);
    case "delete":
      return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
  }
}

/** Valid binaries of `valid`, some untouched and most damaged by one to three byte mutations. */
export function mutatedBytes(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 5, arbitrary: fc.tuple(valid, fc.array(byteMutation, { minLength: 1, maxLength: 3 })).map(([b, ms]) => ms.reduce(applyByteMutation, b)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  );
}

/** Names with the edge cases keys meet: empty, spaces, dots and slashes, prototype words, unicode. */
export const oddName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", " ", "step", "_step", "time", "loss", "val/loss", "a.b", "__proto__", "constructor", "toString", "hasOwnProperty", "😀", "é", "a b", "nan", "0"),
  fc.string({ maxLength: 12 }),
);

/** Numbers with the edge cases numeric text meets. */
export const oddNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.1, 1e-320, 5e-324, 1.7976931348623157e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e22, 1e23, 123456789012345680000),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Number-like text: valid, huge, tiny, signed, with exponents, and text that only looks numeric. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  oddNumber.map(String),
  fc.constantFrom("nan", "NaN", "-inf", "inf", "Infinity", "-Infinity", "+1", "1e999", "-1e999", "1e-999", "0x10", "1_000", "1.", ".5", "1e", "1e+", "--1", "1e5000000000", "9".repeat(400), `0.${"0".repeat(400)}1`, " 1 ", ""),
);
