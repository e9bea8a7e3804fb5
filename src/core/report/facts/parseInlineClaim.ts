/**
 * A claim written inside a sentence, `{{ check: … }}`, in one of two shapes:
 *
 *   {{ check: (mean val/loss | runs: config.lr = 3e-4) < (mean val/loss | runs: config.lr = 1e-4) by 2% }}
 *   {{ check: every state = "finished" | runs: project = "nanogpt" }}
 *
 * A comparison's sides are cited values in parentheses (the `{{ … }}` syntax, parsed by
 * `parseCitation`) or numbers; `by` asks for a least margin, as a ```` ```check ```` block's `by:`
 * does. Pure; offsets are the source's, so every problem points at its own part.
 */
import type { Message } from "../../diagnostics.ts";
import { parseMargin, type Margin } from "./claimVerdict.ts";
import { factMessages } from "./factMessages.ts";
import { parseCitation, splitParts, type Citation, type CitationProblem } from "./parseCitation.ts";

export const COMPARISONS = ["<", "<=", ">", ">=", "=", "!="] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface ClaimOperand {
  /** As written, e.g. `(mean val/loss | runs: …)` or `3.2`. */
  text: string;
  offset: number;
  /** Exactly one of `citation` and `number` is set. */
  citation: Citation | null;
  number: number | null;
}

interface ClaimBase {
  /** The claim as written after `check:`, trimmed: how messages name it. */
  source: string;
  /** Where `check` starts: a failed claim is reported there. */
  offset: number;
  length: number;
}

export type InlineClaim =
  | (ClaimBase & { kind: "compare"; left: ClaimOperand; op: Comparison; right: ClaimOperand; margin: Margin | null })
  | (ClaimBase & { kind: "every" | "none"; condition: { text: string; offset: number }; runs: { expression: string; offset: number } | null });

const PREFIX = /^(\s*)check\s*:/;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])/;
const OPERATOR = /^(?:<=|>=|!=|==|=|<|>)/;

/** True when the inside of `{{ … }}` is a claim rather than a cited value. */
export function isInlineClaim(inner: string): boolean {
  return PREFIX.test(inner);
}

class ParseProblem extends Error {
  readonly problem: CitationProblem;
  constructor(problem: CitationProblem) {
    super(problem.message.message);
    this.problem = problem;
  }
}

/** `inner` is the text between `{{` and `}}` (starting with `check:`), at `offset` in the source. */
export function parseInlineClaim(inner: string, offset: number): { claim: InlineClaim } | { problem: CitationProblem } {
  const prefix = PREFIX.exec(inner)!;
  const base = { offset: offset + prefix[1]!.length, length: inner.trimEnd().length - prefix[1]!.length, source: inner.slice(prefix[0].length).trim() };
  try {
    const quantified = /^(\s*)(every|none)(?=\s|$)/.exec(inner.slice(prefix[0].length));
    if (quantified) return { claim: { ...base, ...parseQuantified(inner, prefix[0].length + quantified[0].length, quantified[2] as "every" | "none", offset) } };
    return { claim: { ...base, ...new ComparisonParser(inner, prefix[0].length, offset).parse() } };
  } catch (e) {
    if (e instanceof ParseProblem) return { problem: e.problem };
    throw e;
  }
}

function fail(message: Message, offset: number, length: number): never {
  throw new ParseProblem({ message, offset, length: Math.max(1, length) });
}

function parseQuantified(inner: string, at: number, kind: "every" | "none", offset: number) {
  const [condition, ...options] = splitParts(inner.slice(at), offset + at);
  if (condition!.text === "") fail(factMessages.badInlineClaim(`a condition after \`${kind}\`, e.g. ${kind} state = "finished"`, "nothing"), condition!.offset, 1);
  let runs: { expression: string; offset: number } | null = null;
  for (const option of options) {
    const m = /^runs\s*:\s*([\s\S]*)$/.exec(option.text);
    if (!m || m[1] === "" || runs) {
      const expected = runs ? "one `| runs: <expression>`" : `\`| runs: <expression>\` after the condition`;
      fail(factMessages.badInlineClaim(expected, option.text === "" ? "nothing" : `\`${option.text}\``), option.offset, option.text.length);
    }
    runs = { expression: m[1]!, offset: option.offset + option.text.length - m[1]!.length };
  }
  return { kind, condition: { text: condition!.text, offset: condition!.offset }, runs };
}

/** A comparison: operand, operator, operand, then an optional `by <margin>`. */
class ComparisonParser {
  private at: number;
  private readonly inner: string;
  private readonly offset: number;
  constructor(inner: string, start: number, offset: number) {
    this.inner = inner;
    this.at = start;
    this.offset = offset;
  }

  parse() {
    const left = this.operand("a cited value in parentheses, e.g. (mean val/loss | runs: config.lr = 3e-4), or a number");
    this.skipSpace();
    const op = OPERATOR.exec(this.inner.slice(this.at))?.[0];
    if (!op) this.failHere(`a comparison (${COMPARISONS.join(", ")}) after \`${left.text}\``);
    this.at += op.length;
    const right = this.operand(`a cited value in parentheses or a number after \`${op}\``);
    if (left.number !== null && right.number !== null) {
      fail(factMessages.badInlineClaim("a cited value on at least one side (a claim is about the runs)", "two numbers"), left.offset, right.offset + right.text.length - left.offset);
    }
    let margin: Margin | null = null;
    this.skipSpace();
    if (/^by(?=\s|$)/.test(this.inner.slice(this.at))) {
      const byAt = this.at;
      if (op === "=" || op === "==" || op === "!=") fail(factMessages.badInlineClaim("`by` only after <, <=, > or >=", `\`by\` after \`${op}\``), this.offset + byAt, 2);
      this.at += 2;
      this.skipSpace();
      const word = this.word();
      margin = word ? parseMargin(word) : null;
      if (!margin) this.failHere("a margin after `by`: a number (0.05) or a percentage of the right side (2%)");
      this.at += word!.length;
    }
    this.skipSpace();
    if (this.at < this.inner.length) this.failHere("the end of the claim");
    return { kind: "compare" as const, left, op: (op === "==" ? "=" : op) as Comparison, right, margin };
  }

  private operand(expected: string): ClaimOperand {
    this.skipSpace();
    const start = this.at;
    const rest = this.inner.slice(start);
    if (rest.startsWith("(")) {
      const close = closingParen(this.inner, start);
      if (close < 0) fail(factMessages.badInlineClaim("`)` closing this `(`", "the end of the claim"), this.offset + start, 1);
      this.at = close + 1;
      const parsed = parseCitation(this.inner.slice(start + 1, close), this.offset + start + 1);
      if ("problem" in parsed) throw new ParseProblem(parsed.problem);
      return { text: this.inner.slice(start, close + 1), offset: this.offset + start, citation: parsed.citation, number: null };
    }
    const n = NUMBER.exec(rest);
    if (n) {
      // `1e999` reads as Infinity, which every value is below: a claim against it would hold (or fail) whatever the runs say.
      if (!Number.isFinite(Number(n[0]))) fail(factMessages.badInlineClaim("a finite number", `\`${n[0]}\`, which is too large for a number`), this.offset + start, n[0].length);
      this.at += n[0].length;
      return { text: n[0], offset: this.offset + start, citation: null, number: Number(n[0]) };
    }
    const hint = /^[A-Za-z_]/.test(rest) ? "put each cited value in parentheses: {{ check: (mean val/loss | runs: <expression>) < 3.2 }}" : undefined;
    return this.failHere(expected, hint);
  }

  private skipSpace(): void {
    while (this.at < this.inner.length && /\s/.test(this.inner[this.at]!)) this.at++;
  }

  private word(): string | null {
    return /^\S+/.exec(this.inner.slice(this.at))?.[0] ?? null;
  }

  private failHere(expected: string, hint?: string): never {
    const word = this.word();
    return fail(factMessages.badInlineClaim(expected, word ? `\`${word}\`` : "the end of the claim", hint), this.offset + this.at, word?.length ?? 1);
  }
}

/** The index of the `)` closing the `(` at `open`, skipping quoted text and nested pairs; -1 if none. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}
