import { escapeHtml } from "../render/escapeHtml.ts";
import type { CompareResult } from "./compareRuns.ts";
import { compareCellClass, compareTableModel, type CompareTableOptions as CompareTableModelOptions } from "./compareTableModel.ts";

export interface CompareTableOptions extends CompareTableModelOptions {
  id: string;
  caption?: string;
  /** Said under the table after the count of differing keys. */
  note?: string;
}

/**
 * The comparison as static HTML (the `compare` report block): runs as columns, a row per key,
 * grouped by section; under each value its difference to the first run. The text comes from
 * `compareTableModel`, which the client-side compare page turns into the same markup with DOM
 * calls, so the two read alike and one stylesheet serves both.
 */
export function renderCompareTable(result: CompareResult, opts: CompareTableOptions): string {
  const model = compareTableModel(result, opts);
  const cols = model.columns.length + 1;
  const head =
    `<th scope="col">${escapeHtml(model.keyHeader)}</th>` +
    model.columns
      .map((c) => `<th scope="col"><a href="${escapeHtml(c.href)}" title="${escapeHtml(c.name)}">${escapeHtml(c.name)}</a>${c.marker ? ` <span class="rf-compare-ref">${escapeHtml(c.marker)}</span>` : ""}</th>`)
      .join("");
  const body: string[] = [];
  for (const section of model.sections) {
    body.push(`<tbody><tr class="rf-compare-section"><th scope="colgroup" colspan="${cols}">${escapeHtml(section.title)}</th></tr>`);
    for (const row of section.rows) {
      const cells = row.cells
        .map((cell) => {
          const cls = compareCellClass(cell);
          const d = cell.delta ? ` <span class="rf-delta ${cell.delta.direction}">${escapeHtml(cell.delta.text)}</span>` : "";
          const title = cell.text.length > 20 ? ` title="${escapeHtml(cell.text)}"` : "";
          return `<td${cls ? ` class="${cls}"` : ""}${title}>${escapeHtml(cell.text)}${d}</td>`;
        })
        .join("");
      body.push(`<tr${row.differs ? ` class="differs"` : ""}><th scope="row" title="${escapeHtml(row.key)}">${escapeHtml(row.label)}</th>${cells}</tr>`);
    }
    body.push(`</tbody>`);
  }
  const caption = opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : "";
  const empty = model.empty ? `<p class="rf-empty">${escapeHtml(model.empty)}</p>` : "";
  return (
    `<div class="rf-compare-wrap" id="${escapeHtml(opts.id)}">${empty}<table class="rf-table rf-compare">${caption}` +
    `<thead><tr>${head}</tr></thead>${body.join("")}</table><p class="rf-table-note">${escapeHtml(opts.note ? `${model.note} ${opts.note}` : model.note)}</p></div>`
  );
}
