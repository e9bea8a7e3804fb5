/**
 * An inline claim against the runs: whether it holds, and the values it compared (the page's
 * title for the claim's mark, and the message of REPORT031 when it fails). Each side is
 * evaluated as the cited value it is, so it reads as `{{ … }}` would show it.
 */
import { formatNumber } from "../../format/formatValue.ts";
import { parseExpression } from "../../query/index.ts";
import { compareVerdict, quantifierVerdict } from "./claimVerdict.ts";
import { evaluateCitation, selectScope, type CitationScope } from "./evaluateCitation.ts";
import { factMessages } from "./factMessages.ts";
import type { CitationProblem } from "./parseCitation.ts";
import type { ClaimOperand, InlineClaim } from "./parseInlineClaim.ts";

export interface CheckedInlineClaim {
  holds: boolean;
  /** The values compared and the verdict: `mean of summary.val/loss over … = 2.98 vs … = 3.15: 5.397% lower`. */
  detail: string;
  /** What the page's mark says on hover: the verdict, and for `every`/`none` the condition too. */
  title: string;
  /** Every run the claim was evaluated over (for backlinks). */
  runIds: string[];
}

type Outcome = { checked: CheckedInlineClaim } | { problem: CitationProblem } | null;

interface Side {
  value: number;
  /** How the detail names it. */
  text: string;
  runIds: string[];
}

const described = (v: unknown): string => (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "a gap" : typeof v === "string" ? `"${v}"` : JSON.stringify(v));

function side(operand: ClaimOperand, scope: CitationScope): { side: Side } | { problem: CitationProblem } | null {
  if (operand.number !== null) return { side: { value: operand.number, text: formatNumber(operand.number), runIds: [] } };
  const evaluated = evaluateCitation(operand.citation!, scope);
  if (evaluated === null || "problem" in evaluated) return evaluated;
  const v = evaluated.value;
  if (typeof v.value !== "number" || !Number.isFinite(v.value)) {
    return { problem: { message: factMessages.claimSideNotNumber(v.title, described(v.value)), offset: operand.offset, length: operand.text.length } };
  }
  return { side: { value: v.value, text: `${v.title} = ${v.text}`, runIds: v.runIds } };
}

export function evaluateInlineClaim(claim: InlineClaim, scope: CitationScope): Outcome {
  if (claim.kind === "compare") {
    const left = side(claim.left, scope);
    if (left === null || "problem" in left) return left;
    const right = side(claim.right, scope);
    if (right === null || "problem" in right) return right;
    const [l, r] = [left.side, right.side];
    let verdict: { holds: boolean; difference: string };
    if (claim.op === "=" || claim.op === "!=") {
      const equal = l.value === r.value;
      verdict = { holds: equal === (claim.op === "="), difference: equal ? "equal" : `they differ by ${formatNumber(Math.abs(l.value - r.value))}` };
    } else {
      verdict = compareVerdict(claim.op.startsWith("<") ? "lower" : "higher", l.value, r.value, claim.margin, claim.op.endsWith("="));
    }
    const runIds = [...new Set([...l.runIds, ...r.runIds])].sort();
    const detail = `${l.text} vs ${r.text}: ${verdict.difference}`;
    return { checked: { holds: verdict.holds, detail, title: `${verdict.holds ? "claim holds" : "claim does not hold"}: ${detail}`, runIds } };
  }
  const condition = parseExpression(claim.condition.text);
  if (!condition.ok) return { problem: { message: condition.error, offset: claim.condition.offset + condition.error.offset, length: Math.max(1, condition.error.length) } };
  const set = selectScope(claim.runs, scope);
  if (set === null || "problem" in set) return set;
  if (set.runs.length === 0) {
    return { problem: { message: factMessages.emptyRunSet("claim", set.expression), offset: claim.runs?.offset ?? claim.offset, length: claim.runs?.expression.length ?? claim.length } };
  }
  const verdict = quantifierVerdict(claim.kind, set.runs, condition.expr);
  const over = set.expression === null ? "every run" : set.expression;
  const detail = `${verdict.detail} (run set: ${over})`;
  const title = `${verdict.holds ? "claim holds" : "claim does not hold"}: ${claim.source}: ${detail}`;
  return { checked: { holds: verdict.holds, detail, title, runIds: set.runs.map((r) => r.id).sort() } };
}
