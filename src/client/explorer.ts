/**
 * The `/runs/` explorer: one table over every run with project and state facets, an expression
 * filter (the same parser as the build), a column picker, sorting, pages and row selection.
 * All of it lives in the query string (see src/core/explore/explorerState.ts), written with
 * `history.replaceState`, so a reload or a shared link restores the view. The runs come from
 * `/data/explorer.json` (a columnar index, src/core/explore/explorerIndex.ts, parsed in a worker:
 * loadExplorerIndex.ts), their config, git and other metrics just after from
 * `/data/explorer-fields.json`; filters and sorts run
 * on those arrays and only the shown page becomes rows. The build's first-page tables are
 * replaced; every string from the data is set as text, never as HTML.
 */
import { columnLabel, explorerCellText } from "../core/explore/explorerCell.ts";
import { columnValue, exploreRuns } from "../core/explore/exploreRuns.ts";
import { formatExplorerState, parseExplorerState, PAGE_SIZE, type ExplorerState } from "../core/explore/explorerState.ts";
import { formatCompareState } from "../core/compare/compareState.ts";
import type { Expr } from "../core/query/ast.ts";
import { formatExpressionError } from "../core/query/formatExpressionError.ts";
import { unknownFields } from "../core/query/unknownFields.ts";
import type { Run } from "../core/run.ts";
import { runPath } from "../core/paths/runPath.ts";
import { siteHref } from "../core/paths/siteHref.ts";
import { loadExplorerIndex, type ExplorerData } from "./loadExplorerIndex.ts";
import { parseFilter } from "./parseFilter.ts";
import { explorerMarkup as m } from "../core/render/pageMarkup.ts";

const COLUMNS_KEY = "runfolio.explorer.columns";

const root = document.getElementById(m.rootId);
if (root) void load(root);

async function load(root: HTMLElement): Promise<void> {
  const url = siteHref(root.dataset.base ?? "/", "data/explorer.json");
  let view: { indexed: () => void } | null = null;
  // The first slice of runs holds the first page: drawn at once when the view is the default one.
  const loading = loadExplorerIndex(
    url,
    siteHref(root.dataset.base ?? "/", "data/explorer-fields.json"),
    (partial) => {
      view ??= init(root, partial, loading.fields);
    },
    siteHref(root.dataset.base ?? "/", "data/explorer-head.json"),
  );
  let data: ExplorerData;
  try {
    data = await loading.data;
  } catch (e) {
    // The build's first page stays; say why nothing more is there.
    root.prepend(el("p", { class: "rf-explorer-failed", role: "alert" }, `Could not load the run index ${url}: ${e instanceof Error ? e.message : String(e)}. Showing the first page only.`));
    return;
  }
  (view ?? init(root, data, loading.fields)).indexed();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The explorer over `data`, whose runs may still be arriving: until `indexed()` is called only
 * the default view (no filter, sort or facet, first page) is drawn, from the runs in so far.
 */
function init(root: HTMLElement, data: ExplorerData, fields: Promise<void>): { indexed: () => void } {
  const base = root.getAttribute(m.base) ?? "/";
  const runHref = (id: string) => siteHref(base, runPath(id));
  const runs = data.runs;
  let indexed = false;
  const choiceKeys = new Set(data.columns.map((c) => c.key));
  const { projects, states } = data;

  const controls = root.querySelector<HTMLElement>(`.${m.controls}`)!;
  const tables = root.querySelector<HTMLElement>(`.${m.tables}`)!;
  const form = controls.querySelector<HTMLFormElement>("form")!;
  const input = controls.querySelector<HTMLInputElement>(`#${m.queryId}`)!;
  const error = controls.querySelector<HTMLElement>(`#${m.queryErrorId}`)!;
  const count = controls.querySelector<HTMLElement>(`.${m.count}`)!;
  const compareButton = controls.querySelector<HTMLButtonElement>(`.${m.compareSelected}`)!;
  const clearButton = controls.querySelector<HTMLButtonElement>(`.${m.clearSelection}`)!;

  let state: ExplorerState = parseExplorerState(location.search);
  if (!state.columns) {
    try {
      const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? "null") as unknown;
      if (Array.isArray(saved) && saved.every((k) => typeof k === "string")) state.columns = saved.filter((k) => choiceKeys.has(k));
    } catch {
      // Storage may be off (file://, privacy settings): the URL and the defaults still work.
    }
    if (!state.columns?.length) state.columns = null;
  }
  const columns = () => state.columns ?? data.defaultColumns;

  // Git, config and the summary metrics not shown by default arrive after the first render: a
  // view that reads them waits (an expression may name any field), rather than showing gaps.
  const early = new Set(data.early);
  root.setAttribute(m.fieldsState, "loading");
  const needsFields = () => root.getAttribute(m.fieldsState) === "loading" && (state.q.trim() !== "" || (state.sort !== null && !early.has(state.sort.key)) || columns().some((k) => !early.has(k)));
  fields.then(
    () => {
      root.setAttribute(m.fieldsState, "ready");
      render();
    },
    (e: unknown) => {
      root.setAttribute(m.fieldsState, "failed");
      root.prepend(el("p", { class: "rf-explorer-failed", role: "alert" }, `Could not load the runs' config, git and other metrics: ${e instanceof Error ? e.message : String(e)}. Filters, sorts and columns over them find nothing.`));
      render();
    },
  );

  const save = () => {
    const url = `${location.pathname}${formatExplorerState(state)}${location.hash}`;
    history.replaceState(null, "", url);
  };
  const saveColumns = () => {
    try {
      if (state.columns) localStorage.setItem(COLUMNS_KEY, JSON.stringify(state.columns));
      else localStorage.removeItem(COLUMNS_KEY);
    } catch {
      // See above: not remembered, but still in the URL.
    }
  };

  // Facets: built once, counts updated on every render (so focus stays on the ticked box).
  const facetBoxes = new Map<string, { box: HTMLInputElement; count: HTMLElement }>();
  const buildFacet = (name: "project" | "state", values: readonly string[]) => {
    const list = controls.querySelector<HTMLElement>(`[${m.facetAttribute}="${name}"] ul`)!;
    for (const value of values) {
      const li = el("li");
      const label = el("label");
      const box = el("input", { type: "checkbox", value });
      const n = el("span", { class: "rf-facet-count" });
      label.append(box, value, " ", n);
      li.append(label);
      list.append(li);
      facetBoxes.set(`${name}\u0000${value}`, { box, count: n });
      box.addEventListener("change", () => {
        const key = name === "project" ? "projects" : "states";
        const set = new Set(state[key]);
        if (box.checked) set.add(value);
        else set.delete(value);
        state[key] = values.filter((v) => set.has(v));
        state.page = 1;
        render();
      });
    }
  };
  buildFacet("project", projects);
  buildFacet("state", states);

  // Column picker: a checkbox per field, grouped; ticking appends the column at the end.
  const columnList = controls.querySelector<HTMLElement>(`.${m.columnList}`)!;
  const columnBoxes = new Map<string, HTMLInputElement>();
  for (const group of ["run", "config", "summary"] as const) {
    const keys = data.columns.filter((c) => c.group === group);
    if (!keys.length) continue;
    const fs = el("fieldset");
    fs.append(el("legend", {}, group));
    for (const { key } of keys) {
      const label = el("label");
      const box = el("input", { type: "checkbox", value: key });
      label.append(box, group === "run" ? key : columnLabel(key));
      fs.append(label);
      columnBoxes.set(key, box);
      box.addEventListener("change", () => {
        const now = columns().filter((k) => k !== key);
        if (box.checked) now.push(key);
        state.columns = now.length ? now : null;
        saveColumns();
        render();
      });
    }
    columnList.append(fs);
  }
  controls.querySelector(`.${m.columnsReset}`)!.addEventListener("click", () => {
    state.columns = null;
    saveColumns();
    render();
  });

  input.value = state.q;
  let typing: ReturnType<typeof setTimeout> | undefined;
  const applyFilter = () => {
    clearTimeout(typing);
    if (input.value === state.q) return;
    state.q = input.value;
    state.page = 1;
    render();
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    applyFilter();
  });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(applyFilter, 400);
  });

  compareButton.addEventListener("click", () => {
    if (state.selected.length < 2) return;
    location.assign(siteHref(base, `compare/${formatCompareState({ runs: state.selected, show: "differing" })}`));
  });
  clearButton.addEventListener("click", () => {
    state.selected = [];
    render();
  });

  const wrap = el("div", { class: "rf-table-wrap rf-explorer-table" });
  const pager = el("nav", { class: "rf-pager", "aria-label": "Pages of runs" });
  tables.replaceChildren(wrap, pager);
  controls.hidden = false;

  const defaultView = () => !state.q.trim() && !state.sort && !state.projects.length && !state.states.length && state.page <= 1 && columns().every((k) => early.has(k));

  function render(): void {
    if (!indexed && !defaultView()) {
      count.textContent = `Loading runs… (${runs.length} of ${data.total})`;
      save();
      return;
    }
    if (needsFields()) {
      for (const [key, box] of columnBoxes) box.checked = columns().includes(key);
      count.textContent = `Loading every run's config and metrics… (${runs.length} runs)`;
      save();
      return;
    }
    let expr: Expr | null = null;
    const q = state.q.trim();
    if (q) {
      const parsed = parseFilter(q, render);
      // The pattern engine is loading; this view renders again when it has.
      if (parsed === null) return;
      if (parsed.ok) expr = parsed.expr;
      else {
        error.textContent = formatExpressionError(q, parsed.error);
      }
      input.setAttribute("aria-invalid", String(!parsed.ok));
      // A field no run has is not an error, but it is why a filter matches nothing: say so, as check does.
      const unknown = expr ? unknownFields(expr, runs) : [];
      if (unknown.length) {
        error.textContent = unknown.map(({ node, message }) => formatExpressionError(q, { ...message, offset: node.start, length: node.end - node.start })).join("\n\n");
      }
      error.classList.toggle("rf-q-warning", unknown.length > 0);
      error.hidden = parsed.ok && unknown.length === 0;
    } else {
      error.hidden = true;
      input.removeAttribute("aria-invalid");
    }
    const view = exploreRuns(runs, state, expr, { pageSize: PAGE_SIZE, allProjects: projects, allStates: states });
    state.page = view.page;
    for (const [name, list] of [["project", view.projects], ["state", view.states]] as const) {
      const chosen = name === "project" ? state.projects : state.states;
      for (const { value, count: n } of list) {
        const f = facetBoxes.get(`${name}\u0000${value}`)!;
        f.box.checked = chosen.includes(value);
        f.count.textContent = indexed ? `(${n})` : "";
      }
    }
    for (const [key, box] of columnBoxes) box.checked = columns().includes(key);
    renderTable(view.pageRuns);
    renderPager(view.page, indexed ? view.pages : 1);
    const bad = q && !expr ? " (the filter has an error and is not applied)" : "";
    const shown = indexed ? `${view.runs.length} of ${runs.length} runs` : `First ${view.pageRuns.length} of ${data.total} runs (loading the rest…)`;
    count.textContent = `${shown}${bad}${state.selected.length ? ` · ${state.selected.length} selected` : ""}`;
    compareButton.disabled = state.selected.length < 2;
    compareButton.textContent = state.selected.length ? `Compare selected (${state.selected.length})` : "Compare selected";
    clearButton.disabled = state.selected.length === 0;
    save();
  }

  function renderTable(pageRuns: Run[]): void {
    const keys = columns();
    const table = el("table", { class: "rf-table" });
    table.append(el("caption", { class: "rf-visually-hidden" }, "Runs matching the filter"));
    const headRow = el("tr");
    const allTh = el("th", { scope: "col", class: "rf-select" });
    const all = el("input", { type: "checkbox", "aria-label": "Select every run on this page" });
    const onPage = pageRuns.map((r) => r.id);
    const selectedOnPage = onPage.filter((id) => state.selected.includes(id)).length;
    all.checked = onPage.length > 0 && selectedOnPage === onPage.length;
    all.indeterminate = selectedOnPage > 0 && selectedOnPage < onPage.length;
    all.addEventListener("change", () => {
      state.selected = all.checked ? [...state.selected, ...onPage.filter((id) => !state.selected.includes(id))] : state.selected.filter((id) => !onPage.includes(id));
      render();
    });
    allTh.append(all);
    headRow.append(allTh);
    for (const key of keys) {
      const th = el("th", { scope: "col", title: key, "data-key": key });
      if (state.sort?.key === key) th.setAttribute("aria-sort", state.sort.descending ? "descending" : "ascending");
      const button = el("button", { type: "button", class: "rf-sort" }, columnLabel(key));
      button.addEventListener("click", () => {
        // Ascending, then descending, then back to the default order (by run id, grouped by project).
        state.sort = state.sort?.key !== key ? { key, descending: false } : !state.sort.descending ? { key, descending: true } : null;
        state.page = 1;
        render();
      });
      th.append(button);
      headRow.append(th);
    }
    const thead = el("thead");
    thead.append(headRow);
    table.append(thead);

    const row = (run: Run) => {
      const tr = el("tr", { "data-run": run.id });
      const td = el("td", { class: "rf-select" });
      const box = el("input", { type: "checkbox", "aria-label": `Select ${run.name}` });
      box.checked = state.selected.includes(run.id);
      box.addEventListener("change", () => {
        state.selected = box.checked ? [...state.selected, run.id] : state.selected.filter((id) => id !== run.id);
        render();
      });
      td.append(box);
      tr.append(td);
      for (const key of keys) {
        const value = columnValue(run, key);
        const cell = el("td");
        const classes = [typeof value === "number" ? "num" : "", value === null || value === undefined ? "gap" : "", key === "state" ? `state state-${String(value)}` : ""].filter(Boolean);
        if (classes.length) cell.className = classes.join(" ");
        const text = explorerCellText(key, value);
        // Cells end in an ellipsis past their width; the title says a long value whole.
        if (key === "name" || key === "id" || text.length > 20) cell.title = text;
        if (key === "name" || key === "id") cell.append(el("a", { href: runHref(run.id) }, text));
        else cell.textContent = text;
        tr.append(cell);
      }
      return tr;
    };
    if (state.sort) {
      const body = el("tbody");
      body.append(...pageRuns.map(row));
      table.append(body);
    } else {
      // Run-id order: rows come by project, one row group each (`#project-<name>`, as without JavaScript).
      for (const project of [...new Set(pageRuns.map((r) => r.project))]) {
        const members = pageRuns.filter((r) => r.project === project);
        const body = el("tbody", { id: `project-${project}` });
        const head = el("tr", { class: "rf-group-row" });
        head.append(el("th", { scope: "rowgroup", colspan: String(keys.length + 1) }, `${project} · ${members.length} run${members.length === 1 ? "" : "s"}`));
        body.append(head, ...members.map(row));
        table.append(body);
      }
    }
    const focused = document.activeElement instanceof HTMLElement && wrap.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    wrap.replaceChildren(table);
    if (pageRuns.length === 0) wrap.append(el("p", { class: "rf-empty" }, "No run matches."));
    if (focused) wrap.querySelector<HTMLElement>(focused)?.focus();
  }

  function renderPager(page: number, pages: number): void {
    pager.replaceChildren();
    pager.hidden = pages <= 1;
    if (pages <= 1) return;
    const go = (p: number) => () => {
      state.page = p;
      render();
      wrap.scrollIntoView({ block: "start" });
    };
    const button = (text: string, to: number) => {
      const b = el("button", { type: "button" }, text);
      b.disabled = to === page;
      b.addEventListener("click", go(to));
      return b;
    };
    pager.append(button("First", 1), button("Previous", Math.max(1, page - 1)), el("span", {}, ` Page ${page} of ${pages} `), button("Next", Math.min(pages, page + 1)), button("Last", pages));
  }

  render();
  return {
    indexed: () => {
      indexed = true;
      const ids = new Set(runs.map((r) => r.id));
      state.selected = state.selected.filter((id) => ids.has(id));
      render();
    },
  };
}

/** A selector that finds the same control after the table is rebuilt, so keyboard focus stays put. */
function focusKey(active: HTMLElement): string | null {
  const th = active.closest("th[data-key]");
  if (th) return `th[data-key="${CSS.escape(th.getAttribute("data-key")!)}"] button`;
  const tr = active.closest("tr[data-run]");
  if (tr && active instanceof HTMLInputElement) return `tr[data-run="${CSS.escape(tr.getAttribute("data-run")!)}"] input`;
  if (active.closest("th.rf-select")) return "th.rf-select input";
  return null;
}
