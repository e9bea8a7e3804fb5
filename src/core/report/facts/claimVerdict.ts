/**
 * Whether one number is lower (higher) than another by at least a margin, and the words that say
 * by how much: shared by ```` ```check ```` blocks and inline `{{ check: … }}` claims, so both
 * judge and explain a comparison the same way.
 */
import { formatNumber } from "../../format/formatValue.ts";
import type { Expr } from "../../query/ast.ts";
import { evaluateExpression } from "../../query/index.ts";
import type { Run } from "../../run.ts";

export interface Margin {
  value: number;
  /** A percentage of the compared-with side's magnitude rather than an absolute difference. */
  percent: boolean;
}

/** `0.05` or `2%` (a `by:` value); null when the text is neither. */
export function parseMargin(text: string): Margin | null {
  const t = text.trim();
  // `1e999` reads as Infinity: no margin, rather than one no difference can meet.
  if (/^\d+(\.\d+)?\s*%$/.test(t)) return finiteMargin(Number.parseFloat(t), true);
  if (/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return finiteMargin(Number(t), false);
  return null;
}

function finiteMargin(value: number, percent: boolean): Margin | null {
  return Number.isFinite(value) ? { value, percent } : null;
}

export interface Verdict {
  holds: boolean;
  /** `5.397% lower, needed at least 2%`, `0.03 higher (6.977%)`. */
  difference: string;
}

/**
 * `ours` against `theirs` in `direction`. Without a margin the difference must be above zero
 * (or at least zero with `orEqual`, for `<=` and `>=`); a margin is met when reached.
 */
export function compareVerdict(direction: "lower" | "higher", ours: number, theirs: number, margin: Margin | null, orEqual = false): Verdict {
  const gain = direction === "lower" ? theirs - ours : ours - theirs;
  const relative = theirs === 0 ? null : (gain / Math.abs(theirs)) * 100;
  const m = margin ?? { value: 0, percent: false };
  const holds = m.percent ? relative !== null && relative >= m.value : m.value === 0 && !orEqual ? gain > 0 : gain >= m.value;
  const way = gain >= 0 ? direction : direction === "lower" ? "higher" : "lower";
  const size = m.percent && relative !== null ? `${formatNumber(Math.abs(relative))}% ${way}` : `${formatNumber(Math.abs(gain))} ${way}${relative === null ? "" : ` (${formatNumber(Math.abs(relative))}%)`}`;
  const needed = margin === null ? "" : `, needed at least ${m.percent ? `${m.value}%` : formatNumber(m.value)}`;
  return { holds, difference: `${gain === 0 ? "equal" : size}${needed}` };
}

const sentence = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Every (no) run of a set meets a condition; the detail names up to five runs that break the claim. */
export function quantifierVerdict(kind: "every" | "none", runs: readonly Run[], condition: Expr): { holds: boolean; detail: string } {
  const wrong = runs.filter((r) => evaluateExpression(condition, r) === (kind === "none"));
  const ids = wrong.slice(0, 5).map((r) => r.id).join(", ") + (wrong.length > 5 ? `, … (${wrong.length - 5} more)` : "");
  const detail = wrong.length === 0 ? `all ${sentence(runs.length, "run")} ${kind === "every" ? "match" : "do not match"}` : `${wrong.length} of ${sentence(runs.length, "run")} ${kind === "every" ? "do not match" : "match"}: ${ids}`;
  return { holds: wrong.length === 0, detail };
}
