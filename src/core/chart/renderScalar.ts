import { formatNumber, GAP } from "../format/formatValue.ts";
import { escapeHtml } from "../render/escapeHtml.ts";
import type { ScalarReduce, ScalarResult } from "../stats/scalar.ts";

export interface ScalarHtmlInput {
  /** Anchor id of the figure (like a chart's). */
  id: string;
  /** Caption, e.g. `Best val/loss`. */
  label: string;
  reduce: ScalarReduce;
  result: ScalarResult;
  /** Link to the run the value comes from (`min`, `max`, `last`), base-path aware; the lead builds it. */
  runHref?: string | null;
  /** Shown after the number, e.g. `%` or `s`. */
  unit?: string;
}

const REDUCE_TEXT: Record<ScalarReduce, string> = {
  min: "lowest",
  max: "highest",
  mean: "mean",
  median: "median",
  last: "last",
};

/**
 * A single number as a small figure, static HTML (no script):
 *
 *   <figure class="rf-scalar" id="…">
 *     <figcaption>Best val/loss</figcaption>
 *     <p class="rf-scalar-value"><data value="2.0412345">2.041</data></p>
 *     <p class="rf-scalar-detail">lowest of 12 runs · <a href="…">lr-3e-4-seed1</a></p>
 *   </figure>
 *
 * Every text is escaped; the number is `formatNumber`'s, with full precision in `<data value>`.
 * No value → a dash and "no run has a value".
 */
export function renderScalarHtml(input: ScalarHtmlInput): string {
  const { result } = input;
  const hasValue = result.value !== null && Number.isFinite(result.value);
  const shown = hasValue ? formatNumber(result.value!) : GAP;
  const unit = hasValue && input.unit ? `<span class="rf-scalar-unit">${escapeHtml(input.unit)}</span>` : "";
  const value = hasValue
    ? `<data value="${escapeHtml(String(result.value))}">${escapeHtml(shown)}</data>${unit}`
    : `<span>${escapeHtml(GAP)}</span>`;
  let detail: string;
  if (!hasValue) detail = "no run has a value";
  else {
    detail = escapeHtml(`${REDUCE_TEXT[input.reduce]} of ${result.n} run${result.n === 1 ? "" : "s"}`);
    if (result.name !== undefined) {
      const name = escapeHtml(result.name);
      detail += ` · ${input.runHref ? `<a href="${escapeHtml(input.runHref)}">${name}</a>` : name}`;
    }
  }
  return (
    `<figure class="rf-scalar" id="${escapeHtml(input.id)}">` +
    `<figcaption>${escapeHtml(input.label)}</figcaption>` +
    `<p class="rf-scalar-value">${value}</p>` +
    `<p class="rf-scalar-detail">${detail}</p>` +
    `</figure>`
  );
}
