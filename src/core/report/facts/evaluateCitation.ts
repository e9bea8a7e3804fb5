/**
 * A parsed citation against the runs: the value's text (formatted as runs tables format it) and,
 * for one run's value, the run it links to. Problems come back with their source offsets.
 */
import { didYouMean } from "../../diagnostics.ts";
import { fieldLabel, fieldLabelsOfRuns } from "../../query/fields.ts";
import { getField, parseExpression, selectRuns } from "../../query/index.ts";
import type { Run } from "../../run.ts";
import { formatCell, formatNumberAs, type ColumnFormat } from "../../table/formatCell.ts";
import type { Aggregate, Citation, CitationProblem } from "./parseCitation.ts";
import { factMessages } from "./factMessages.ts";

export interface CitedValue {
  text: string;
  /** The value itself: the run's field as stored, or the count or aggregate (what a claim compares). */
  value: unknown;
  /** The run a single value comes from (its page is linked). */
  runId: string | null;
  /** What the value is, for the tooltip: `summary.val/loss of nanogpt/lr-3e-4-seed1`. */
  title: string;
  /** Every run the value was computed from (for backlinks). */
  runIds: string[];
}

export interface CitationScope {
  runs: readonly Run[];
  /** The report's front-matter `runs` expression, or null (every run). */
  defaultRunSet: string | null;
}

/** Numbers of a field over runs, gaps and non-numbers left out. */
export function numbersOf(runs: readonly Run[], field: Citation["field"] & object): number[] {
  return runs.map((r) => getField(r, field.path)).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
}

export function aggregate(kind: Exclude<Aggregate, "count">, values: readonly number[]): number {
  switch (kind) {
    case "min":
      return Math.min(...values);
    case "max":
      return Math.max(...values);
    case "sum":
      return values.reduce((s, v) => s + v, 0);
    case "mean":
      return values.reduce((s, v) => s + v, 0) / values.length;
    case "median": {
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
  }
}

function withUnit(text: string, format: ColumnFormat): string {
  return format.kind === "percent" && text !== "—" ? `${text}%` : text;
}

/** The runs a citation or claim is over: its own `runs:`, else the report's, else every run. */
export function selectScope(expression: { expression: string; offset: number } | null, scope: CitationScope): { runs: Run[]; expression: string | null } | { problem: CitationProblem } | null {
  const text = expression?.expression ?? scope.defaultRunSet;
  if (text === null) return { runs: [...scope.runs], expression: null };
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    // A broken front-matter `runs` is reported where the front matter is; here the citation just waits.
    if (!expression) return null;
    return { problem: { message: parsed.error, offset: expression.offset + parsed.error.offset, length: Math.max(1, parsed.error.length) } };
  }
  return { runs: selectRuns(scope.runs, parsed.expr), expression: text };
}

export function evaluateCitation(c: Citation, scope: CitationScope): { value: CitedValue } | { problem: CitationProblem } | null {
  if (c.run) {
    const run = scope.runs.find((r) => r.id === c.run!.id);
    if (!run) return { problem: { message: factMessages.unknownRun(c.run.id, didYouMean(c.run.id, scope.runs.map((r) => r.id))), offset: c.run.offset, length: c.run.length } };
    const field = c.field!;
    const raw = getField(run, field.path);
    const label = fieldLabel(field.path);
    if (raw === undefined) {
      return { problem: { message: factMessages.runLacksField(label, run.id, didYouMean(label, fieldLabelsOfRuns([run]))), offset: field.offset, length: field.length } };
    }
    return { value: { text: withUnit(formatCell(label, c.format, raw, { newest: null }), c.format), value: raw, runId: run.id, title: `${label} of ${run.id}`, runIds: [run.id] } };
  }
  const selected = selectScope(c.runs, scope);
  if (selected === null || "problem" in selected) return selected;
  const what = c.aggregate === "count" ? "count" : `${c.aggregate} ${c.field!.text}`;
  const over = selected.expression === null ? "every run" : selected.expression;
  if (selected.runs.length === 0) {
    return { problem: { message: factMessages.emptyRunSet(what, selected.expression), offset: c.runs?.offset ?? c.head.offset, length: c.runs?.expression.length ?? c.head.length } };
  }
  const runIds = selected.runs.map((r) => r.id);
  if (c.aggregate === "count") return { value: { text: formatNumberAs(selected.runs.length, c.format), value: selected.runs.length, runId: null, title: `runs in ${over}`, runIds } };
  const field = c.field!;
  const values = numbersOf(selected.runs, field);
  if (values.length === 0) return { problem: { message: factMessages.noNumbers(what, fieldLabel(field.path), selected.runs.length), offset: field.offset, length: field.length } };
  const n = aggregate(c.aggregate!, values);
  return { value: { text: withUnit(formatNumberAs(n, c.format), c.format), value: n, runId: null, title: `${c.aggregate} of ${fieldLabel(field.path)} over ${values.length} of ${selected.runs.length} runs (${over})`, runIds } };
}
