/**
 * A table's static form: its first page of rows as a real HTML table with a row count, which reads
 * without JavaScript; the page script (`src/client/rowsTable.ts`) adds paging, sorting, filtering
 * and "only disagreements" over every row. Small tables carry their rows inline; large ones name a
 * JSON file the script reads once the table nears the viewport, so the page itself stays small.
 */
import { siteHref } from "../paths/siteHref.ts";
import { escapeHtml, jsonForScript } from "../render/escapeHtml.ts";
import { rowsMarkup as m } from "../render/rowsMarkup.ts";
import { RowsModel } from "./rowsModel.ts";
import type { RowsPayload } from "./rowsPayload.ts";
import { pageInfo, renderRowsBody, renderRowsHead, rowsStatus } from "./renderRows.ts";

/** Rows carried inline in the page at most; more go to a file of their own. */
export const INLINE_ROWS = 500;

export interface RowsTableOptions {
  /** The anchor id (`table-3`). */
  id: string;
  title: string | null;
  /** Where the rows' file will be published, when the rows are too many to inline; null: inline always. */
  rowsHref: string | null;
  /** The table's accessible name when it has no title. */
  label: string;
  /**
   * The site root (the base path) the payload's media paths are site paths under, resolved as the
   * browser resolves them (core/paths/siteHref.ts). Absent: the payload's URLs are used as they are.
   */
  siteRoot?: string;
}

/** Whether the rows go to a file (`rowsHref`) rather than inline. */
export function rowsInFile(payload: RowsPayload, rowsHref: string | null): boolean {
  return rowsHref !== null && payload.rows.length > INLINE_ROWS;
}

export function renderRowsTable(payload: RowsPayload, opts: RowsTableOptions): string {
  const model = new RowsModel(payload);
  const siteRoot = opts.siteRoot;
  const view = model.view({ filter: null, sort: null, onlyDisagreements: payload.onlyDisagreements });
  const joined = payload.join !== null && payload.runs.length > 1;
  const inFile = rowsInFile(payload, opts.rowsHref);
  const label = escapeHtml(opts.title ?? opts.label);
  const caption = opts.title ? `<p class="${m.caption}"><a class="rf-anchor" href="#${escapeHtml(opts.id)}">${escapeHtml(opts.title)}</a></p>` : "";
  const only = joined
    ? `<label class="${m.onlyLabel}"><input type="checkbox" class="${m.only}"${payload.onlyDisagreements ? " checked" : ""}> only disagreements</label>`
    : "";
  const tools =
    `<div class="${m.tools}" hidden><input type="search" class="${m.filter}" aria-label="Filter rows" placeholder="filter, e.g. ${escapeHtml(filterExample(payload))}" spellcheck="false" autocomplete="off">${only}` +
    `<pre class="${m.error}" hidden></pre></div>`;
  const status = `<p class="${m.status}" aria-live="polite">${escapeHtml(rowsStatus(model, view.length))}</p>`;
  const table =
    `<div class="${m.scroll}" tabindex="0" role="region" aria-label="${label}">` +
    `<table class="rf-table ${m.table}"><thead>${renderRowsHead(model, null, false)}</thead><tbody>${renderRowsBody(model, view, 0, payload.pageSize, siteRoot === undefined ? undefined : (p) => siteHref(siteRoot, p))}</tbody></table></div>`;
  const pages = `<nav class="${m.pages}" aria-label="Pages of ${label}"${view.length > payload.pageSize ? "" : " hidden"}>` +
    `<button type="button" class="${m.prev}" disabled>Previous</button> <span class="${m.pageInfo}">${escapeHtml(pageInfo(0, payload.pageSize, view.length))}</span> <button type="button" class="${m.next}" disabled>Next</button></nav>`;
  const data = inFile ? "" : `<script type="application/json" class="${m.payload}">${jsonForScript(payload)}</script>`;
  const source = inFile ? ` ${m.source}="${escapeHtml(opts.rowsHref!)}"` : "";
  return `<div class="${m.root}" id="${escapeHtml(opts.id)}" ${m.attribute}${source}>${caption}${tools}${status}${table}${pages}${data}</div>`;
}

/** A filter the table's own columns make sense of: `pred != "cat"`, `score > 0.5`. */
function filterExample(payload: RowsPayload): string {
  const first = payload.rows[0];
  for (let c = payload.columns.length - 1; c >= 0; c--) {
    const v = first?.[c];
    const key = payload.columns[c]!.key;
    if (!/^[\p{L}_][\p{L}\p{N}_/]*$/u.test(key)) continue;
    if (typeof v === "number") return `${key} > ${Number.isInteger(v) ? v : Number(v.toPrecision(2))}`;
    if (typeof v === "string" && v.length <= 12) return `${key} != ${JSON.stringify(v)}`;
  }
  return 'label = "cat"';
}
