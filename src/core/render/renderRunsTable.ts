import { formatDateTime, formatDuration, formatValue } from "../format/formatValue.ts";
import type { Run } from "../run.ts";
import { escapeHtml } from "./escapeHtml.ts";

export interface TableColumn {
  /** Header text. */
  label: string;
  /** The field path as written (`summary.val/loss`), kept for sorting hooks and titles. */
  key: string;
  value: (run: Run) => unknown;
}

export interface RunsTableInput {
  id: string;
  caption?: string;
  columns: TableColumn[];
  runs: Run[];
  /** Key of the column the rows are sorted by, and its direction, for `aria-sort`. */
  sortedBy?: { key: string; descending: boolean };
  hrefForRun: (runId: string) => string;
  /** Said under the table, e.g. "showing 10 of 24 runs". */
  note?: string;
}

const LINK_KEYS = new Set(["name", "id"]);

/** A complete `<table>` at build: readable without JavaScript, sortable later by the client. */
export function renderRunsTable(input: RunsTableInput): string {
  const head = input.columns
    .map((c) => {
      const sort =
        input.sortedBy?.key === c.key ? ` aria-sort="${input.sortedBy.descending ? "descending" : "ascending"}"` : "";
      return `<th scope="col" data-key="${escapeHtml(c.key)}"${sort} title="${escapeHtml(c.key)}">${escapeHtml(c.label)}</th>`;
    })
    .join("");
  const body = input.runs
    .map((run) => {
      const cells = input.columns.map((c) => renderCell(run, c, input.hrefForRun)).join("");
      return `<tr data-run="${escapeHtml(run.id)}">${cells}</tr>`;
    })
    .join("\n");
  const caption = input.caption ? `<caption>${escapeHtml(input.caption)}</caption>` : "";
  const note = input.note ? `<p class="rf-table-note">${escapeHtml(input.note)}</p>` : "";
  return (
    `<div class="rf-table-wrap" id="${escapeHtml(input.id)}"><table class="rf-table">${caption}` +
    `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${note}</div>`
  );
}

function renderCell(run: Run, column: TableColumn, hrefForRun: (id: string) => string): string {
  const raw = column.value(run);
  const text = cellText(column.key, raw);
  const numeric = typeof raw === "number";
  const cls = [numeric ? "num" : "", raw === null || raw === undefined ? "gap" : "", column.key === "state" ? `state state-${String(raw)}` : ""]
    .filter(Boolean)
    .join(" ");
  const attrs = `${cls ? ` class="${cls}"` : ""}${numeric ? ` data-value="${raw}"` : ""}`;
  const content = LINK_KEYS.has(column.key)
    ? `<a href="${escapeHtml(hrefForRun(run.id))}">${escapeHtml(text)}</a>`
    : escapeHtml(text);
  return `<td${attrs}>${content}</td>`;
}

function cellText(key: string, raw: unknown): string {
  if (key === "created" && (typeof raw === "string" || raw === null)) return formatDateTime(raw);
  if (key === "duration" && (typeof raw === "number" || raw === null)) return formatDuration(raw);
  if (key === "tags" && Array.isArray(raw)) return raw.join(", ");
  return formatValue(raw);
}
