import { GAP } from "../format/formatValue.ts";
import type { Run } from "../run.ts";
import { aggregateValues, formatAggregate } from "./aggregate.ts";
import { compactRun, type CompactRun } from "./compactRun.ts";
import { timestampOf, type ColumnFormat } from "./formatCell.ts";
import { getField, parseFieldPath } from "../query/fieldPath.ts";
import { RUNS_PAGE_SIZE, runCell } from "./runCell.ts";
import { escapeHtml, jsonForScript } from "../render/escapeHtml.ts";
import { tableMarkup as t } from "../render/markup.ts";

export interface TableColumn {
  /** Header text. */
  label: string;
  /** The field (`summary.val/loss`): the header's title, and the sort key in the browser. */
  key: string;
  value: (run: Run) => unknown;
  /** Shown in the header after the label: `val acc (%)`. */
  unit?: string | null;
  /** __Default:__ `auto` (dates, durations and tags by field, numbers with the digits needed). */
  format?: ColumnFormat;
  /** Ready-made cell content (a sparkline); such a column is not sortable. */
  html?: (run: Run) => string | null;
  /** Ids of the runs whose cell holds the column's best value. */
  best?: ReadonlySet<string>;
}

export interface TableGroup {
  /** Header of the group, e.g. `optimizer.lr = 0.001`. */
  label: string;
  runs: Run[];
}

export interface RunsTableInput {
  id: string;
  caption?: string;
  columns: TableColumn[];
  /** Rows in order; ignored when `groups` is given. */
  runs: Run[];
  /** Rows in groups, each followed by a mean ± std row of its numeric columns. */
  groups?: TableGroup[];
  /** Index of the column the rows are sorted by, and its direction, for `aria-sort`. */
  sortedBy?: { column: number; descending: boolean };
  hrefForRun: (runId: string) => string;
  /**
   * A run's link as the payload and the rows file carry it: a site path (`runs/<id>/`) the script
   * resolves against the page's `data-base` (core/paths/siteHref.ts), so it works under a base path
   * and in a relative-links build. Absent: `hrefForRun`'s, which must then be a full URL or empty.
   */
  sitePathForRun?: (runId: string) => string;
  /** Said under the table, e.g. "showing 10 of 24 runs". */
  note?: string;
  /** Sort buttons, filter boxes and the rows' run data for `src/client/runsTable.ts`. __Default:__ false. */
  interactive?: boolean;
  /** The runs explorer, linked from the note of a table whose later pages need the script. Absent: no link. */
  allRunsHref?: string;
  /**
   * Publishes the rows after the first page of a long interactive table as a file and returns its
   * URL (`BlockContext.dataFile`). Absent: every row's data is in the page.
   */
  dataFile?: (text: string) => string;
  /** Epoch ms of the newest `created`, for `relative` columns. __Default:__ the newest among the rows. */
  newest?: number | null;
}

/** What the table script reads from `<script type="application/json" class="rf-table-data">`. */
export interface TablePayload {
  columns: { key: string; format: ColumnFormat; sortable: boolean }[];
  /** One per run row, in document order. */
  runs: CompactRun[];
  /** Group index of each run row (grouped tables only). */
  groups?: number[];
  newest: number | null;
  /**
   * Present when the HTML holds only the first page of rows (a long, ungrouped table without
   * sparklines): what the script needs to draw the others, per run and per column. `hrefs` are
   * `sitePathForRun`'s site paths, resolved in the browser (core/paths/siteHref.ts).
   */
  rest?: { hrefs: string[]; best: (string[] | null)[] };
  /**
   * With `rest`, when the rows after the first page are in a file (`RunsFile`, named by the
   * script's `data-file`): how many rows it holds; `runs` and `rest.hrefs` then hold the first page only.
   */
  more?: { runs: number };
}

/** A long table's rows after its first page, as published in a file (`TablePayload.more`). */
export interface RunsFile {
  runs: CompactRun[];
  hrefs: string[];
}

/**
 * A complete `<table>` at build: readable without JavaScript, with `scope`d headers and a caption.
 * Interactive tables add header buttons, filter boxes (hidden until the script runs) and their
 * runs' data, so the browser sorts and filters with the same core code as the build.
 */
export function renderRunsTable(input: RunsTableInput): string {
  return renderRunsTableWithPayload(input).html;
}

/** `renderRunsTable`, and the payload its HTML carries (null for a table that is not interactive). */
export function renderRunsTableWithPayload(input: RunsTableInput): { html: string; payload: TablePayload | null } {
  const { columns, interactive = false } = input;
  const rows = input.groups ? input.groups.flatMap((g) => g.runs) : input.runs;
  const newest = input.newest !== undefined ? input.newest : newestOf(rows);
  const head = columns.map((c, i) => renderHeader(c, i, input, interactive)).join("");
  const renderRow = (run: Run) => {
    const cells = columns.map((c) => renderCell(run, c, input.hrefForRun, newest)).join("");
    return `<tr ${t.runAttribute}="${escapeHtml(run.id)}">${cells}</tr>`;
  };
  // A long table sends only its first page as rows; the script draws the others from the payload.
  const compact = interactive ? rows.map(compactRun) : [];
  const cut = interactive && !input.groups && rows.length > RUNS_PAGE_SIZE && browserDrawsCells(columns, rows, compact);
  const htmlRows = cut ? rows.slice(0, RUNS_PAGE_SIZE) : rows;
  const body = input.groups
    ? input.groups
        .map((g, gi) => {
          const n = `${g.runs.length} run${g.runs.length === 1 ? "" : "s"}`;
          const title = `<tr class="${t.groupRow}"><th scope="rowgroup" colspan="${columns.length}">${escapeHtml(g.label)} <span class="${t.groupCount}">· ${n}</span></th></tr>`;
          return `<tbody class="${t.group}" data-group="${gi}">\n${title}\n${g.runs.map(renderRow).join("\n")}\n${renderAggregateRow(columns, g.runs)}\n</tbody>`;
        })
        .join("")
    : `<tbody>\n${htmlRows.map(renderRow).join("\n")}\n</tbody>`;
  const id = escapeHtml(input.id);
  const caption = input.caption ? `<caption id="${id}-caption">${escapeHtml(input.caption)}</caption>` : "";
  const note = (input.note ? `<p class="rf-table-note">${escapeHtml(input.note)}</p>` : "") + (cut ? renderMoreNote(htmlRows.length, rows.length, input.allRunsHref) : "");
  let tools = "";
  let after = "";
  let payload: TablePayload | null = null;
  if (interactive) {
    tools =
      `<div class="${t.tools}" hidden>` +
      `<label class="rf-filter"><span>Filter</span> <input type="search" class="${t.filterText}" placeholder="text in any cell" autocomplete="off" spellcheck="false"></label>` +
      `<label class="rf-filter rf-filter-expr-label"><span>Expression</span> <input type="text" class="${t.filterExpr}" placeholder="e.g. config.optimizer.lr >= 1e-3" autocomplete="off" spellcheck="false" aria-describedby="${id}-expr-error"></label>` +
      `<pre class="${t.filterError}" id="${id}-expr-error" aria-live="polite" hidden></pre>` +
      `</div>`;
    const jsonHref = input.sitePathForRun ?? input.hrefForRun;
    const hrefs = cut ? rows.map((r) => jsonHref(r.id)) : [];
    const split = cut && input.dataFile ? htmlRows.length : compact.length;
    const file = split < compact.length && input.dataFile ? input.dataFile(JSON.stringify({ runs: compact.slice(split), hrefs: hrefs.slice(split) } satisfies RunsFile)) : null;
    payload = {
      columns: columns.map((c) => ({ key: c.key, format: c.format ?? { kind: "auto" }, sortable: !c.html })),
      runs: compact.slice(0, split),
      ...(input.groups ? { groups: input.groups.flatMap((g, gi) => g.runs.map(() => gi)) } : {}),
      newest,
      ...(cut ? { rest: { hrefs: hrefs.slice(0, split), best: columns.map((c) => (c.best ? rows.filter((r) => c.best!.has(r.id)).map((r) => r.id) : null)) } } : {}),
      ...(file ? { more: { runs: compact.length - split } } : {}),
    };
    after =
      `<p class="${t.status}" aria-live="polite" hidden></p>` +
      `<nav class="${t.pages}" aria-label="Table pages" hidden><button type="button" class="${t.pagePrev}">Previous</button> <span class="${t.pageInfo}"></span> <button type="button" class="${t.pageNext}">Next</button></nav>` +
      `<script type="application/json" class="${t.payload}"${file ? ` ${t.dataFile}="${escapeHtml(file)}"` : ""}>${jsonForScript(payload)}</script>`;
  }
  // The table scrolls sideways in a box of its own, so its filter boxes and status stay in place;
  // the box takes keyboard focus (arrow keys scroll it) and is named by the caption.
  const label = input.caption ? ` aria-labelledby="${id}-caption"` : ` aria-label="Runs table"`;
  const html =
    `<div class="${t.wrap} rf-runs" id="${id}"${interactive ? ` ${t.attribute}` : ""}>${tools}` +
    `<div class="rf-table-scroll" tabindex="0" role="region"${label}><table class="${t.table}">${caption}` +
    `<thead><tr>${head}</tr></thead>${body}</table></div>${after}${note}</div>`;
  return { html, payload };
}

/** Whether the script, reading each column's key from the runs' payload, finds every value the build shows. */
function browserDrawsCells(columns: readonly TableColumn[], rows: readonly Run[], compact: readonly CompactRun[]): boolean {
  return columns.every((c) => {
    if (c.html) return false;
    const parsed = parseFieldPath(c.key);
    return parsed.ok && rows.every((r, i) => Object.is(getField(compact[i] as unknown as Run, parsed.path), c.value(r)));
  });
}

/** Under a table cut to its first page, until the script draws the rest: how many rows are here, and where the others are. */
function renderMoreNote(shown: number, total: number, allRunsHref: string | undefined): string {
  const n = (x: number) => x.toLocaleString("en");
  const link = allRunsHref ? ` See every run in the <a href="${escapeHtml(allRunsHref)}">runs explorer</a>.` : "";
  return `<p class="rf-table-note ${t.more}">${n(shown)} of ${n(total)} runs; the others show with JavaScript.${link}</p>`;
}

function renderHeader(c: TableColumn, i: number, input: RunsTableInput, interactive: boolean): string {
  const sort =
    input.sortedBy?.column === i ? ` aria-sort="${input.sortedBy.descending ? "descending" : "ascending"}"` : "";
  const unit = c.unit ? `<span class="rf-unit"> (${escapeHtml(c.unit)})</span>` : "";
  const text = `${escapeHtml(c.label)}${unit}`;
  const content = interactive && !c.html ? `<button type="button" class="${t.sort}">${text}</button>` : text;
  const num = !c.html && c.format && c.format.kind !== "auto" && c.format.kind !== "relative" ? ` class="num"` : "";
  return `<th scope="col"${num} data-col="${i}" data-key="${escapeHtml(c.key)}"${sort} title="${escapeHtml(c.key)}">${content}</th>`;
}

function renderCell(run: Run, column: TableColumn, hrefForRun: (id: string) => string, newest: number | null): string {
  if (column.html) {
    const html = column.html(run);
    return html ? `<td class="spark">${html}</td>` : `<td class="gap">${GAP}</td>`;
  }
  const c = runCell(column.key, column.format ?? { kind: "auto" }, column.value(run), newest, column.best?.has(run.id) ?? false, hrefForRun(run.id));
  const title = c.title !== null ? ` title="${escapeHtml(c.title)}"` : "";
  let content = c.href !== null ? `<a href="${escapeHtml(c.href)}">${escapeHtml(c.text)}</a>` : escapeHtml(c.text);
  if (c.best) content += `<span class="rf-sr"> (best)</span>`;
  const tag = c.header ? "th" : "td";
  return `<${tag}${c.header ? ` scope="row"` : ""}${c.className ? ` class="${c.className}"` : ""}${title}>${content}</${tag}>`;
}

/** The row under a group: mean ± std and n of each column with numbers; the first cell names it. */
export function renderAggregateRow(columns: readonly TableColumn[], runs: readonly Run[]): string {
  const cells = columns.map((c, i) => {
    const agg = c.html ? null : aggregateValues(runs.map((r) => c.value(r)));
    if (!agg) return i === 0 ? `<th scope="row" class="rf-agg-label">mean ± std</th>` : "<td></td>";
    return `<td class="num">${escapeHtml(formatAggregate(agg, c.format ?? { kind: "auto" }))} <span class="rf-n">n=${agg.n}</span></td>`;
  });
  return `<tr class="${t.aggregate}">${cells.join("")}</tr>`;
}

function newestOf(runs: readonly Run[]): number | null {
  let newest: number | null = null;
  for (const r of runs) {
    const t = timestampOf(r.created);
    if (t !== null && (newest === null || t > newest)) newest = t;
  }
  return newest;
}
