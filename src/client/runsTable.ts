/**
 * Sorting, filtering and paging for `runs` tables rendered by `renderRunsTable` (interactive).
 * The markup it reads is the contract in `core/render/markup.ts` (`tableMarkup`).
 *
 * Expressions are parsed and evaluated by the same core module as the build (`src/core/query/`),
 * and sorted with the same rule (`sortRuns`: gaps last both ways, ties by run id). Only rows of
 * the current page are in the DOM, so a 2,000-run table stays quick.
 */
import type { Expr, FieldPath } from "../core/query/ast.ts";
import { evaluateExpression } from "../core/query/evaluateExpression.ts";
import { getField, parseFieldPath } from "../core/query/fieldPath.ts";
import { formatExpressionError } from "../core/query/formatExpressionError.ts";
import { sortRuns } from "../core/query/sortRuns.ts";
import { parseFilter } from "./parseFilter.ts";
import { readHashEntry, writeHashEntry } from "./urlState.ts";
import type { RunsFile, TablePayload } from "../core/table/renderRunsTable.ts";
import { fetchDataFile } from "./fetchDataFile.ts";
import { siteHref } from "../core/paths/siteHref.ts";
import { siteRootOf } from "./siteRoot.ts";
import type { Run } from "../core/run.ts";
import { aggregateValues, formatAggregate } from "../core/table/aggregate.ts";
import { tableMarkup as t } from "../core/render/markup.ts";
import { RUNS_PAGE_SIZE, runCell } from "../core/table/runCell.ts";

const PAGE_SIZE = RUNS_PAGE_SIZE;

interface Row {
  /** Drawn when first shown, for rows the HTML does not hold (`TablePayload.rest`). */
  tr: HTMLTableRowElement | null;
  run: Run;
  group: number;
  /** Lower-cased visible text of the cells, read on the first text filter. */
  text?: string;
}

interface SortState {
  column: number;
  descending: boolean;
}

function visibleText(tr: HTMLTableRowElement): string {
  let out = "";
  for (const cell of Array.from(tr.cells)) {
    for (const node of Array.from(cell.childNodes)) {
      if (node instanceof HTMLElement && node.classList.contains("rf-sr")) continue;
      out += node.textContent ?? "";
    }
    out += "\u0000";
  }
  return out.toLowerCase();
}

/**
 * Makes one table live (also for a table the dev server's live updates swap in,
 * src/client/live/liveBlocks.ts). A long table's rows after the first page come from its data
 * file (`TablePayload.more`), read first: until then the first page shows as the build wrote it.
 */
export function setupRunsTable(root: HTMLElement): void {
  const script = root.querySelector<HTMLScriptElement>(`script.${t.payload}`);
  const table = root.querySelector<HTMLTableElement>(`table.${t.table}`);
  if (!script?.textContent || !table) return;
  const payload = JSON.parse(script.textContent) as TablePayload;
  if (!payload.more) {
    setupWithPayload(root, table, payload);
    return;
  }
  const more = payload.more;
  const file = script.getAttribute(t.dataFile);
  if (!file) return;
  fetchDataFile(file)
    .then((text) => {
      const file = JSON.parse(text) as RunsFile;
      if (!Array.isArray(file.runs) || !Array.isArray(file.hrefs) || file.runs.length !== more.runs || file.hrefs.length !== more.runs) {
        throw new Error("the rows file does not match the table");
      }
      const { more: _, ...inPage } = payload;
      setupWithPayload(root, table, { ...inPage, runs: [...payload.runs, ...file.runs], ...(payload.rest ? { rest: { ...payload.rest, hrefs: [...payload.rest.hrefs, ...file.hrefs] } } : {}) });
    })
    .catch((error: unknown) => {
      // The first page stays as the build wrote it, with its note pointing to the explorer.
      root.dataset.ready = "error";
      console.error(`runs table ${root.id}: ${error instanceof Error ? error.message : String(error)}`);
    });
}

function setupWithPayload(root: HTMLElement, table: HTMLTableElement, payload: TablePayload): void {
  const runs = payload.runs as unknown as Run[];
  const trs = Array.from(table.querySelectorAll<HTMLTableRowElement>(`tbody tr[${t.runAttribute}]`));
  if (payload.rest ? trs.length > runs.length : trs.length !== runs.length) return;
  const rows: Row[] = runs.map((run, i) => ({ tr: trs[i] ?? null, run, group: payload.groups?.[i] ?? 0 }));
  const byRun = new Map(rows.map((r) => [r.run, r]));
  const paths: (FieldPath | null)[] = payload.columns.map((c) => {
    if (!c.sortable) return null;
    const parsed = parseFieldPath(c.key);
    return parsed.ok ? parsed.path : null;
  });
  const grouped = payload.groups !== undefined;
  const groupBodies = grouped ? Array.from(table.querySelectorAll<HTMLTableSectionElement>(`tbody.${t.group}`)) : [];
  const body = grouped ? null : table.tBodies[0]!;
  const headers = Array.from(table.tHead!.rows[0]!.cells);
  const tools = root.querySelector<HTMLElement>(`.${t.tools}`)!;
  const textBox = root.querySelector<HTMLInputElement>(`.${t.filterText}`)!;
  const exprBox = root.querySelector<HTMLInputElement>(`.${t.filterExpr}`)!;
  const errorBox = root.querySelector<HTMLElement>(`.${t.filterError}`)!;
  const status = root.querySelector<HTMLElement>(`.${t.status}`)!;
  const pages = root.querySelector<HTMLElement>(`.${t.pages}`)!;
  const prev = pages.querySelector<HTMLButtonElement>(`.${t.pagePrev}`)!;
  const next = pages.querySelector<HTMLButtonElement>(`.${t.pageNext}`)!;
  const pageInfo = pages.querySelector<HTMLElement>(`.${t.pageInfo}`)!;

  let sort: SortState[] = [];
  let query = "";
  let expr: Expr | null = null;
  let page = 0;
  let ordered: Row[] = rows;

  const best = payload.rest?.best.map((ids) => (ids ? new Set(ids) : null)) ?? [];
  const siteRoot = siteRootOf(root);
  const hrefs = new Map(runs.map((run, i) => [run, siteHref(siteRoot, payload.rest?.hrefs[i] ?? "")]));

  const cellsOf = (row: Row) =>
    payload.columns.map((c, i) => {
      const path = paths[i];
      return runCell(c.key, c.format, path ? getField(row.run, path) : undefined, payload.newest, best[i]?.has(row.run.id) ?? false, hrefs.get(row.run) ?? "");
    });
  /** `visibleText` of a row, without drawing it when the HTML does not hold it. */
  const rowText = (row: Row): string => (row.tr ? visibleText(row.tr) : cellsOf(row).map((c) => `${c.text}\u0000`).join("").toLowerCase());

  /** A row the HTML does not hold, drawn as the build draws it (`renderRunsTable`), as text nodes. */
  function rowElement(row: Row): HTMLTableRowElement {
    if (row.tr) return row.tr;
    const tr = document.createElement("tr");
    tr.setAttribute(t.runAttribute, row.run.id);
    cellsOf(row).forEach((cell) => {
      const el = document.createElement(cell.header ? "th" : "td");
      if (cell.header) el.setAttribute("scope", "row");
      if (cell.className) el.className = cell.className;
      if (cell.title !== null) el.title = cell.title;
      if (cell.href !== null) {
        const a = document.createElement("a");
        a.href = cell.href;
        a.textContent = cell.text;
        el.append(a);
      } else el.textContent = cell.text;
      if (cell.best) {
        const sr = document.createElement("span");
        sr.className = "rf-sr";
        sr.textContent = " (best)";
        el.append(sr);
      }
      tr.append(el);
    });
    row.tr = tr;
    return tr;
  }

  function matches(row: Row): boolean {
    if (expr && !evaluateExpression(expr, row.run)) return false;
    if (query) {
      row.text ??= rowText(row);
      if (!row.text.includes(query)) return false;
    }
    return true;
  }

  /**
   * The view in the URL hash, `#<table id>=o2d.0a,t<text>,e<expression>,p3` (sort columns with
   * direction, text filter, expression, page), so a shared link reopens the same rows.
   */
  function saveState(): void {
    if (!root.id) return;
    const parts: string[] = [];
    const declared = sort === declaredSort;
    if (!declared && sort.length) parts.push(`o${sort.map((s) => `${s.column}${s.descending ? "d" : "a"}`).join(".")}`);
    if (textBox.value.trim()) parts.push(`t${textBox.value.trim()}`);
    if (exprBox.value.trim()) parts.push(`e${exprBox.value.trim()}`);
    if (page > 0) parts.push(`p${page}`);
    writeHashEntry(root.id, parts);
  }

  /** Filter and sort; `render` then shows one page (or every group). */
  function refresh(): void {
    const kept = rows.filter(matches);
    const keys = sort.flatMap((s) => (paths[s.column] ? [{ path: paths[s.column]!, descending: s.descending }] : []));
    ordered = keys.length ? sortRuns(kept.map((r) => r.run), keys).map((run) => byRun.get(run)!) : kept;
    render();
    saveState();
  }

  function render(): void {
    const total = rows.length;
    const shown = ordered.length;
    const filtered = shown < total;
    if (grouped) {
      groupBodies.forEach((tbody, gi) => {
        const inGroup = ordered.filter((r) => r.group === gi);
        const head = tbody.querySelector(`tr.${t.groupRow}`);
        const agg = tbody.querySelector<HTMLTableRowElement>(`tr.${t.aggregate}`);
        tbody.hidden = inGroup.length === 0;
        tbody.replaceChildren(...[head, ...inGroup.map(rowElement), agg].filter((x): x is Element => x !== null));
        if (agg) updateAggregates(agg, inGroup);
        const n = head?.querySelector(`.${t.groupCount}`);
        const all = rows.filter((r) => r.group === gi).length;
        if (n) n.textContent = `· ${inGroup.length === all ? "" : `${inGroup.length} of `}${all} run${all === 1 ? "" : "s"}`;
      });
      status.textContent = filtered ? `${shown} of ${total} runs ${shown === 1 ? "matches" : "match"}.` : `${total} runs.`;
      return;
    }
    const count = Math.max(1, Math.ceil(shown / PAGE_SIZE));
    page = Math.min(page, count - 1);
    const start = page * PAGE_SIZE;
    const visible = ordered.slice(start, start + PAGE_SIZE);
    body!.replaceChildren(...visible.map(rowElement));
    const range = shown === 0 ? "No runs" : count > 1 ? `Runs ${start + 1}–${start + visible.length} of ${shown}` : `${shown} run${shown === 1 ? "" : "s"}`;
    status.textContent = `${range}${filtered ? ` ${shown === 1 ? "matches" : "match"} (${total} in the table)` : ""}.`;
    pages.hidden = count <= 1;
    pageInfo.textContent = `Page ${page + 1} of ${count}`;
    prev.disabled = page === 0;
    next.disabled = page >= count - 1;
  }

  function updateAggregates(agg: HTMLTableRowElement, inGroup: Row[]): void {
    payload.columns.forEach((c, i) => {
      const cell = agg.cells[i];
      const path = paths[i];
      if (!cell || !path || cell.tagName === "TH") return;
      const a = aggregateValues(inGroup.map((r) => getField(r.run, path)));
      if (!a) {
        cell.textContent = "";
        return;
      }
      const n = document.createElement("span");
      n.className = "rf-n";
      n.textContent = `n=${a.n}`;
      cell.replaceChildren(`${formatAggregate(a, c.format)} `, n);
    });
  }

  function showSort(): void {
    headers.forEach((th, i) => {
      const at = sort.findIndex((s) => s.column === i);
      if (at === 0) th.setAttribute("aria-sort", sort[0]!.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
      if (at > 0) {
        th.dataset.sortRank = String(at + 1);
        th.dataset.sortDir = sort[at]!.descending ? "descending" : "ascending";
      } else {
        delete th.dataset.sortRank;
        delete th.dataset.sortDir;
      }
    });
  }

  // The build's order comes from the block's `sort`; its first key is shown on the header.
  headers.forEach((th, i) => {
    const declared = th.getAttribute("aria-sort");
    if (declared && sort.length === 0) sort = [{ column: i, descending: declared === "descending" }];
  });
  // The rows are already in that order: no re-sort (its later keys are not all columns).
  const declaredSort = sort;

  headers.forEach((th, i) => {
    const button = th.querySelector<HTMLButtonElement>(`button.${t.sort}`);
    if (!button || !paths[i]) return;
    button.addEventListener("click", (event) => {
      const current = sort.find((s) => s.column === i);
      if (event.shiftKey) {
        // Shift adds a secondary key, or flips a key already in the list.
        sort = current ? sort.map((s) => (s === current ? { ...s, descending: !s.descending } : s)) : [...sort, { column: i, descending: false }];
      } else {
        sort = current && sort[0] === current ? [{ column: i, descending: !current.descending }] : [{ column: i, descending: false }];
      }
      page = 0;
      showSort();
      refresh();
    });
  });

  textBox.addEventListener("input", () => {
    query = textBox.value.trim().toLowerCase();
    page = 0;
    refresh();
  });

  exprBox.addEventListener("input", () => applyExpression(true));

  /** Applies the expression box; `resetPage` is false when restoring a shared view's page. */
  function applyExpression(resetPage: boolean): void {
    const source = exprBox.value;
    if (source.trim() === "") {
      expr = null;
      errorBox.hidden = true;
      errorBox.textContent = "";
      exprBox.removeAttribute("aria-invalid");
    } else {
      const parsed = parseFilter(source, () => {
        if (exprBox.value === source) applyExpression(resetPage);
      });
      // The pattern engine is loading: the last good filter stays until it has.
      if (parsed === null) return;
      if (parsed.ok) {
        expr = parsed.expr;
        errorBox.hidden = true;
        errorBox.textContent = "";
        exprBox.removeAttribute("aria-invalid");
      } else {
        // A bad expression keeps the last good filter and says what is wrong, where.
        errorBox.textContent = formatExpressionError(source, parsed.error);
        errorBox.hidden = false;
        exprBox.setAttribute("aria-invalid", "true");
        return;
      }
    }
    if (resetPage) page = 0;
    refresh();
  }

  prev.addEventListener("click", () => {
    page = Math.max(0, page - 1);
    render();
    saveState();
  });
  next.addEventListener("click", () => {
    page += 1;
    render();
    saveState();
  });

  tools.hidden = false;
  status.hidden = false;
  root.querySelector<HTMLElement>(`.${t.more}`)?.remove();
  sort = declaredSort;
  ordered = rows;
  const saved = root.id ? readHashEntry(root.id) : null;
  if (saved) {
    // Restore a shared view: the same filters, sort and page as when the link was copied.
    let savedPage = 0;
    for (const part of saved) {
      if (part.startsWith("o")) {
        const keys = part.slice(1).split(".").flatMap((k) => {
          const m = /^(\d+)([ad])$/.exec(k);
          return m && paths[Number(m[1])] ? [{ column: Number(m[1]), descending: m[2] === "d" }] : [];
        });
        if (keys.length) sort = keys;
      } else if (part.startsWith("t")) textBox.value = part.slice(1);
      else if (part.startsWith("e")) exprBox.value = part.slice(1);
      else if (part.startsWith("p") && /^\d+$/.test(part.slice(1))) savedPage = Number(part.slice(1));
    }
    showSort();
    query = textBox.value.trim().toLowerCase();
    page = savedPage;
    if (exprBox.value.trim()) applyExpression(false);
    refresh();
    render();
    saveState();
  } else render();
  root.dataset.ready = "true";
}

for (const el of Array.from(document.querySelectorAll<HTMLElement>(`[${t.attribute}]`))) setupRunsTable(el);
