/**
 * The colour legend of a vega chart kind whose entries are many or long (PR/ROC curves with their
 * AP or AUC, distribution bands of several runs), as HTML under the chart like a line chart's
 * (`line/legend.ts`, the same classes and look): it wraps to the page's width and scrolls past a
 * few rows, so however many entries there are, the plot keeps its height. Entries stay shown for
 * a single series: its label carries a number (AUC) the chart does not print elsewhere.
 */
import { chartMarkup } from "../render/markup.ts";
import { escapeHtml } from "../render/escapeHtml.ts";

export interface DatasetLegend {
  /** Shown before the entries; null: none (the entries say what they are). */
  title: string | null;
  entries: { label: string; color: string }[];
}

export function datasetLegendHtml(legend: DatasetLegend): string {
  if (!legend.entries.length) return "";
  const title = legend.title === null ? "" : `<span class="rf-legend-title">${escapeHtml(legend.title)}</span>`;
  const items = legend.entries
    .map(
      (e) =>
        `<li><span class="rf-legend-entry"><svg class="rf-swatch" viewBox="0 0 20 10" aria-hidden="true">` +
        `<path d="M1,5h18" stroke="${escapeHtml(e.color)}" stroke-width="2"/></svg><span class="rf-legend-label">${escapeHtml(e.label)}</span></span></li>`,
    )
    .join("");
  return `<div class="${chartMarkup.legends}"><div class="${chartMarkup.legend}">${title}<ul>${items}</ul></div></div>`;
}

/** `renderChartFigure`'s `legend` for a chart, when it has an HTML legend. */
export function legendOf(chart: { legend?: DatasetLegend }): { legend?: string } {
  return chart.legend ? { legend: datasetLegendHtml(chart.legend) } : {};
}
