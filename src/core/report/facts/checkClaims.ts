/**
 * A ```` ```check ```` block: claims about the runs, written in YAML with the expression
 * language, each checked against the data at every build and `runfolio check`. A claim that does
 * not hold is an error at its line; the page shows every claim with its mark and its numbers.
 *
 * ```check
 * - claim: the lr 3e-4 runs beat the lr 1e-4 runs on val/loss by at least 2%
 *   runs: config.lr = 3e-4
 *   lower: summary.val/loss      # or higher: — which way is better
 *   than: config.lr = 1e-4       # another run set, or a number
 *   by: 2%                       # at least this much (a number, or % of the other side)
 * - claim: every run of the sweep finished
 *   runs: project = "nanogpt"
 *   every: state = "finished"    # or none: <condition>
 * ```
 */
import { didYouMean, type Diagnostic, type Message } from "../../diagnostics.ts";
import { formatNumber } from "../../format/formatValue.ts";
import { fieldLabel } from "../../query/fields.ts";
import { parseExpression } from "../../query/index.ts";
import { escapeHtml } from "../../render/escapeHtml.ts";
import type { Run } from "../../run.ts";
import { parseYamlWithPositions, type ParsedYaml } from "../../yaml/parseYamlWithPositions.ts";
import { regionDiagnostic, type TextRegion } from "../../yaml/textRegion.ts";
import { parseChartField } from "../runFields.ts";
import { aggregate, numbersOf, selectScope, type CitationScope } from "./evaluateCitation.ts";
import { compareVerdict, parseMargin, quantifierVerdict } from "./claimVerdict.ts";
import { factMessages } from "./factMessages.ts";

const CLAIM_KEYS = ["claim", "runs", "every", "none", "lower", "higher", "than", "by", "agg"] as const;
const AGGS = ["mean", "median", "min", "max", "sum"] as const;

export interface CheckedClaim {
  text: string;
  holds: boolean | null;
  /** The numbers behind the verdict: `mean val/loss 3.04 (3 runs) vs 3.12 (3 runs): 2.6% lower`. */
  detail: string;
}

export interface CheckedClaims {
  claims: CheckedClaim[];
  diagnostics: Diagnostic[];
  runIds: string[];
}

class ClaimProblem extends Error {
  readonly problem: { message: Message; path: PropertyKey[]; inner?: { offset: number; length: number } };
  constructor(message: Message, path: PropertyKey[], inner?: { offset: number; length: number }) {
    super(message.message);
    this.problem = inner ? { message, path, inner } : { message, path };
  }
}

// JSON.stringify writes NaN and ±Infinity (YAML `.nan`, `.inf`, `1e999`) as "null".
const described = (v: unknown) => (v === undefined ? "nothing" : typeof v === "string" ? `"${v}"` : typeof v === "number" && !Number.isFinite(v) ? String(v) : JSON.stringify(v));

function text(item: Record<string, unknown>, key: string, path: PropertyKey[]): string | undefined {
  const v = item[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v.trim() === "") throw new ClaimProblem(factMessages.badClaim(`\`${key}\` to be text`, described(v)), [...path, key]);
  return v;
}

/** A run-set or condition expression at `path`, parsed; errors point inside the value. */
function expressionAt(yaml: ParsedYaml, path: PropertyKey[], source: string) {
  const parsed = parseExpression(source);
  if (parsed.ok) return parsed.expr;
  throw new ClaimProblem(parsed.error, path, { offset: parsed.error.offset, length: Math.max(1, parsed.error.length) });
}

const sentence = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function checkOne(item: Record<string, unknown>, path: PropertyKey[], yaml: ParsedYaml, scope: CitationScope, used: Set<string>): CheckedClaim {
  for (const key of Object.keys(item)) {
    if (!(CLAIM_KEYS as readonly string[]).includes(key)) throw new ClaimProblem(factMessages.unknownClaimKey(key, didYouMean(key, CLAIM_KEYS), CLAIM_KEYS), [...path, key]);
  }
  const claim = text(item, "claim", path);
  if (claim === undefined) throw new ClaimProblem(factMessages.badClaim("`claim:` saying in words what is claimed", "no `claim`"), path);
  const kinds = (["every", "none", "lower", "higher"] as const).filter((k) => item[k] !== undefined);
  if (kinds.length !== 1) {
    throw new ClaimProblem(factMessages.badClaim("one of `every`, `none`, `lower`, `higher`", kinds.length ? kinds.map((k) => `\`${k}\``).join(" and ") : "none of them"), path);
  }
  const kind = kinds[0]!;
  const runsText = text(item, "runs", path);
  if (runsText !== undefined) expressionAt(yaml, [...path, "runs"], runsText);
  const set = selectScope(runsText === undefined ? null : { expression: runsText, offset: 0 }, scope);
  if (set === null) return { text: claim, holds: null, detail: "the report's run set does not parse" };
  if ("problem" in set) throw new ClaimProblem(set.problem.message, [...path, "runs"]);
  set.runs.forEach((r) => used.add(r.id));
  if (set.runs.length === 0) throw new ClaimProblem(factMessages.emptyRunSet("claim", set.expression), [...path, runsText === undefined ? "claim" : "runs"]);

  if (kind === "every" || kind === "none") {
    if (item.than !== undefined || item.by !== undefined || item.agg !== undefined) throw new ClaimProblem(factMessages.badClaim(`only \`runs\` beside \`${kind}\``, "`than`, `by` or `agg`"), path);
    const condition = expressionAt(yaml, [...path, kind], text(item, kind, path)!);
    return { text: claim, ...quantifierVerdict(kind, set.runs, condition) };
  }
  const fieldText = text(item, kind, path)!;
  const field = parseChartField(fieldText);
  if (!field.ok) throw new ClaimProblem(field.error, [...path, kind], { offset: field.error.offset, length: Math.max(1, field.error.length) });
  const agg = item.agg === undefined ? "mean" : item.agg;
  if (!(AGGS as readonly unknown[]).includes(agg)) throw new ClaimProblem(factMessages.badClaim(`\`agg\` to be one of ${AGGS.join(", ")}`, described(agg)), [...path, "agg"]);
  const f = { path: field.path, text: fieldText, offset: 0, length: fieldText.length };
  const label = fieldLabel(field.path).replace(/^summary\./, "");
  const side = (runs: readonly Run[], key: PropertyKey[]) => {
    const values = numbersOf(runs, f);
    if (values.length === 0) throw new ClaimProblem(factMessages.noNumbers("claim", fieldLabel(field.path), runs.length), key);
    return { value: aggregate(agg as (typeof AGGS)[number], values), n: values.length };
  };
  const ours = side(set.runs, [...path, kind]);
  let theirs: { value: number; n: number | null };
  const than = item.than;
  if (typeof than === "number") {
    if (!Number.isFinite(than)) throw new ClaimProblem(factMessages.badClaim(`\`than\`: a finite number to be ${kind} than`, described(than)), [...path, "than"]);
    theirs = { value: than, n: null };
  }
  else if (typeof than === "string") {
    expressionAt(yaml, [...path, "than"], than);
    const other = selectScope({ expression: than, offset: 0 }, scope);
    if (other === null || "problem" in other) throw new ClaimProblem(factMessages.badClaim("a run-set expression", described(than)), [...path, "than"]);
    if (other.runs.length === 0) throw new ClaimProblem(factMessages.emptyRunSet("claim", than), [...path, "than"]);
    other.runs.forEach((r) => used.add(r.id));
    theirs = side(other.runs, [...path, "than"]);
  } else throw new ClaimProblem(factMessages.badClaim(`\`than\`: a run-set expression or a number to be ${kind} than`, described(than)), [...path, "than"]);

  const by = item.by;
  const margin = typeof by === "number" && by >= 0 && Number.isFinite(by) ? { value: by, percent: false } : typeof by === "string" ? parseMargin(by) : by === undefined ? null : undefined;
  if (margin === undefined || (margin === null && by !== undefined)) throw new ClaimProblem(factMessages.badClaim("`by` to be a finite number from 0 or a percentage such as 2%", described(by)), [...path, "by"]);
  const verdict = compareVerdict(kind, ours.value, theirs.value, margin);
  const count = (n: number | null) => (n === null ? "" : ` (${sentence(n, "run")})`);
  return { text: claim, holds: verdict.holds, detail: `${agg} ${label} ${formatNumber(ours.value)}${count(ours.n)} vs ${formatNumber(theirs.value)}${count(theirs.n)}: ${verdict.difference}` };
}

export function checkClaims(region: TextRegion, scope: CitationScope): CheckedClaims {
  const yaml = parseYamlWithPositions(region.text);
  const diagnostics: Diagnostic[] = [];
  const claims: CheckedClaim[] = [];
  const used = new Set<string>();
  if (yaml.errors.length) {
    return { claims, runIds: [], diagnostics: yaml.errors.map((e) => regionDiagnostic(region, e, factMessages.badClaim("YAML", e.message))) };
  }
  const value = yaml.value;
  const items = Array.isArray(value) ? value : value && typeof value === "object" ? [value] : null;
  if (!items || items.length === 0) {
    return { claims, runIds: [], diagnostics: [regionDiagnostic(region, undefined, factMessages.badClaim("a claim (claim:, runs:, every: …) or a list of them", described(value ?? undefined)))] };
  }
  items.forEach((item, i) => {
    const path: PropertyKey[] = Array.isArray(value) ? [i] : [];
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      diagnostics.push(regionDiagnostic(region, yaml.locateValue(path), factMessages.badClaim("a mapping with `claim:`", described(item))));
      return;
    }
    try {
      const checked = checkOne(item as Record<string, unknown>, path, yaml, scope, used);
      claims.push(checked);
      if (checked.holds === false) diagnostics.push(regionDiagnostic(region, yaml.locateValue([...path, "claim"]), factMessages.claimFails(checked.text, checked.detail)));
    } catch (e) {
      if (!(e instanceof ClaimProblem)) throw e;
      const { message, path: at, inner } = e.problem;
      const start = inner ? yaml.scalarContentOffset(at) : undefined;
      const span = start !== undefined && inner ? { offset: start + inner.offset, length: inner.length } : yaml.locateValue(at);
      diagnostics.push(regionDiagnostic(region, span, message));
    }
  });
  return { claims, diagnostics, runIds: [...used].sort() };
}

/** The claims as the page shows them: each with its mark (holds, fails) and its numbers. */
export function renderClaims(claims: readonly CheckedClaim[], diagnostics: readonly Diagnostic[]): string {
  // A failed claim is an error too: the box lists it with the other problems (a build fails on it).
  const problems = diagnostics;
  const items = claims.map((c) => {
    const state = c.holds === null ? "unknown" : c.holds ? "holds" : "fails";
    const mark = c.holds === null ? "?" : c.holds ? "✓" : "✗";
    return `<li class="rf-claim rf-claim-${state}"><span class="rf-claim-mark" role="img" aria-label="${state}">${mark}</span> ${escapeHtml(c.text)} <span class="rf-claim-detail">(${escapeHtml(c.detail)})</span></li>`;
  });
  const errors = problems.length
    ? `<div class="rf-block-error" role="alert"><strong>This \`check\` block has ${problems.length} problem${problems.length === 1 ? "" : "s"}</strong><pre>${problems.map((d) => escapeHtml(`${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}`)).join("\n")}</pre></div>`
    : "";
  return `<section class="rf-claims" aria-label="Claims checked against the runs">${items.length ? `<ul>${items.join("")}</ul>` : ""}${errors}</section>`;
}
