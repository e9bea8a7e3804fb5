import { escapeHtml } from "../render/escapeHtml.ts";
import { compareCellText, formatDelta, type CompareResult, type CompareSection } from "./compareRuns.ts";

const SECTION_TITLES: Record<CompareSection, string> = { run: "Run", config: "Config", summary: "Summary" };

export interface CompareTableOptions {
  id: string;
  caption?: string;
  /** Show every row, or only the rows whose values differ. */
  show: "differing" | "all";
  hrefForRun: (runId: string) => string;
  /** Said under the table after the count of differing keys. */
  note?: string;
}

/**
 * The comparison as static HTML (the `compare` report block): runs as columns, a row per key,
 * grouped by section; under each value its difference to the first run. Same markup as the
 * client-side compare page builds with DOM calls, so one stylesheet serves both.
 */
export function renderCompareTable(result: CompareResult, opts: CompareTableOptions): string {
  const cols = result.runs.length + 1;
  const head =
    `<th scope="col">key</th>` +
    result.runs
      .map((r, i) => `<th scope="col"><a href="${escapeHtml(opts.hrefForRun(r.id))}">${escapeHtml(r.name)}</a>${i === 0 ? ` <span class="rf-compare-ref">reference</span>` : ""}</th>`)
      .join("");
  const shown = result.rows.filter((row) => opts.show === "all" || row.differs);
  const body: string[] = [];
  for (const section of ["run", "config", "summary"] as const) {
    const rows = shown.filter((r) => r.section === section);
    if (rows.length === 0) continue;
    body.push(`<tbody><tr class="rf-compare-section"><th scope="colgroup" colspan="${cols}">${SECTION_TITLES[section]}</th></tr>`);
    for (const row of rows) {
      const cells = row.values
        .map((v, i) => {
          const delta = row.deltas[i];
          const cls = [typeof v === "number" ? "num" : "", v === null || v === undefined ? "gap" : ""].filter(Boolean).join(" ");
          const d = delta ? `<span class="rf-delta ${delta.abs > 0 ? "up" : "down"}">${escapeHtml(formatDelta(delta))}</span>` : "";
          return `<td${cls ? ` class="${cls}"` : ""}>${escapeHtml(compareCellText(row, v))}${d}</td>`;
        })
        .join("");
      body.push(`<tr${row.differs ? ` class="differs"` : ""}><th scope="row" title="${escapeHtml(row.key)}">${escapeHtml(row.label)}</th>${cells}</tr>`);
    }
    body.push(`</tbody>`);
  }
  const differing = result.rows.filter((r) => r.differs).length;
  const note =
    opts.show === "differing"
      ? `${differing} of ${result.rows.length} keys differ; keys with the same value in every run are not shown.`
      : `${differing} of ${result.rows.length} keys differ.`;
  const caption = opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : "";
  const empty = shown.length === 0 ? `<p class="rf-empty">No key differs between these runs.</p>` : "";
  return (
    `<div class="rf-compare-wrap" id="${escapeHtml(opts.id)}">${empty}<table class="rf-table rf-compare">${caption}` +
    `<thead><tr>${head}</tr></thead>${body.join("")}</table><p class="rf-table-note">${escapeHtml(opts.note ? `${note} ${opts.note}` : note)}</p></div>`
  );
}
