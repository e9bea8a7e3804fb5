/**
 * Per-example tables (`table` blocks, a run page's tables): paging, click-to-sort, a filter in the
 * expression language and "only disagreements", over every row. The build wrote the first page;
 * the rows come inline or, for large tables, from a rows file stored by column (core/runTables/
 * rowsFile.ts), read in a worker in idle time once the table nears the viewport so the first click
 * finds them read. The model works on the columns; only the page shown becomes HTML rows.
 * Rows are drawn with the same core modules as the build (core/runTables), so a page looks the
 * same whoever drew it.
 */
import { formatExpressionError } from "../core/query/formatExpressionError.ts";
import type { Expr } from "../core/query/ast.ts";
import { rowsMarkup as m } from "../core/render/rowsMarkup.ts";
import { parseRowFilter } from "../core/runTables/rowFilter.ts";
import { filterTravels } from "../core/runTables/rowsFilterMask.ts";
import { RowsModel, type RowsSort } from "../core/runTables/rowsModel.ts";
import type { RowsPayload } from "../core/runTables/rowsPayload.ts";
import { pageInfo, renderRowsBody, rowsStatus } from "../core/runTables/renderRows.ts";
import { siteHref } from "../core/paths/siteHref.ts";
import { siteRootOf } from "./siteRoot.ts";
import { loadRowsFile, type RowsFromFile } from "./loadRowsFile.ts";
import { parseFilter } from "./parseFilter.ts";

const FILTER_DELAY_MS = 150;
/** How far below the viewport a table starts fetching its rows. */
const PREFETCH_MARGIN = "800px";

function setup(root: HTMLElement): void {
  // Media cells carry site paths (core/paths/siteHref.ts).
  const siteRoot = siteRootOf(root);
  const tools = root.querySelector<HTMLElement>(`.${m.tools}`);
  const filterBox = root.querySelector<HTMLInputElement>(`.${m.filter}`);
  const onlyBox = root.querySelector<HTMLInputElement>(`.${m.only}`);
  const errorBox = root.querySelector<HTMLElement>(`.${m.error}`);
  const status = root.querySelector<HTMLElement>(`.${m.status}`);
  const table = root.querySelector<HTMLTableElement>(`table.${m.table}`);
  const pages = root.querySelector<HTMLElement>(`.${m.pages}`);
  const prev = root.querySelector<HTMLButtonElement>(`.${m.prev}`);
  const next = root.querySelector<HTMLButtonElement>(`.${m.next}`);
  const info = root.querySelector<HTMLElement>(`.${m.pageInfo}`);
  if (!tools || !filterBox || !errorBox || !status || !table?.tHead || !table.tBodies[0] || !pages || !prev || !next || !info) return;
  const head = table.tHead;
  const body = table.tBodies[0];

  let loading: Promise<RowsModel | null> | null = null;
  let loaded = false;
  /** Interactions being answered, until drawn: the worker's background ordering waits meanwhile, so the page gets a core. */
  let interactions = 0;
  /** A filter being typed: the worker holds its background work from the first key, so it is free when the filter is applied. */
  let typing = false;
  const releaseWorker = (): void => {
    if (interactions === 0 && !typing) holdWorker(false);
  };
  /** A column's order from the rows file worker, when there is one. */
  let orderFromWorker: RowsFromFile["order"] = () => Promise.resolve(null);
  /** The rows a filter keeps, from the rows file worker, when there is one. */
  let filterInWorker: RowsFromFile["filter"] = () => Promise.resolve(null);
  let holdWorker: RowsFromFile["hold"] = () => {};
  const load = (): Promise<RowsModel | null> =>
    (loading ??= (async () => {
      try {
        const inline = root.querySelector<HTMLScriptElement>(`script.${m.payload}`);
        const source = root.getAttribute(m.source);
        if (inline?.textContent) return new RowsModel(JSON.parse(inline.textContent) as RowsPayload);
        if (source) {
          const rows = await loadRowsFile(source, interactions > 0);
          orderFromWorker = rows.order;
          filterInWorker = rows.filter;
          holdWorker = rows.hold;
          return new RowsModel(rows.columns);
        }
        return null;
      } catch (e) {
        status.textContent = `The rows could not be loaded (${e instanceof Error ? e.message : String(e)}); the first page is shown.`;
        // The next interaction tries again.
        setTimeout(() => {
          loading = null;
          loaded = false;
        });
        return null;
      } finally {
        loaded = true;
      }
    })());

  /** The rows for an interaction: says so while a fetch started earlier is still under way. */
  const rowsFor = (): Promise<RowsModel | null> => {
    if (!loaded && root.getAttribute(m.source)) status.textContent = "Loading rows…";
    return load();
  };

  let filter: Expr | null = null;
  let sort: RowsSort | null = null;
  let page = 0;
  let pageSize = 25;

  const draw = async (): Promise<void> => {
    interactions++;
    holdWorker(true);
    try {
      const model = await rowsFor();
      if (model) await drawWith(model);
    } finally {
      // Released once the new rows are laid out and painted.
      requestAnimationFrame(() =>
        setTimeout(() => {
          interactions--;
          releaseWorker();
        }),
      );
    }
  };

  const drawWith = async (model: RowsModel): Promise<void> => {
    pageSize = model.meta.pageSize;
    // A first sort by a column waits for the worker's order rather than computing it here.
    if (sort && !model.hasOrder(sort.column)) {
      const order = await orderFromWorker(sort.column);
      if (order) model.adoptOrder(sort.column, order);
    }
    // So does a new filter: the worker filters its copy of the columns (the model filters here without one, or with a `~` pattern).
    if (filter && !model.hasFilter(filter) && filterTravels(filter)) {
      const asked = filter;
      const rows = await filterInWorker(asked);
      // A filter typed since has its own draw on the way.
      if (filter !== asked) return;
      if (rows) model.adoptFilter(asked, rows);
    }
    const view = model.viewRows({ filter, sort, onlyDisagreements: onlyBox?.checked ?? false });
    const pagesCount = Math.max(1, Math.ceil(view.length / pageSize));
    page = Math.min(page, pagesCount - 1);
    const from = page * pageSize;
    // The header stays in place (a click in progress must find its button): only the sort marks change.
    Array.from(head.rows[0]?.cells ?? []).forEach((th, i) => {
      if (sort?.column === i) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    body.innerHTML = renderRowsBody(model, view, from, from + pageSize, (p) => siteHref(siteRoot, p));
    status.textContent = rowsStatus(model, view.length);
    info.textContent = pageInfo(from, from + pageSize, view.length);
    prev.disabled = page === 0;
    next.disabled = page >= pagesCount - 1;
    pages.hidden = view.length <= pageSize && page === 0;
  };

  head.addEventListener("click", (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>(`button.${m.sort}`);
    if (!button) return;
    const column = Number(button.getAttribute(m.column));
    // Ascending, then descending, then the table's own order.
    sort = sort?.column !== column ? { column, descending: false } : !sort.descending ? { column, descending: true } : null;
    page = 0;
    void draw();
  });
  prev.addEventListener("click", () => {
    page = Math.max(0, page - 1);
    void draw();
  });
  next.addEventListener("click", () => {
    page++;
    void draw();
  });
  onlyBox?.addEventListener("change", () => {
    page = 0;
    void draw();
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  const applyFilter = async (): Promise<void> => {
    typing = false;
    try {
      await filterNow();
    } finally {
      releaseWorker();
    }
  };
  const filterNow = async (): Promise<void> => {
    const model = await rowsFor();
    if (!model) return;
    const source = filterBox.value.trim();
    if (source === "") {
      filter = null;
      errorBox.hidden = true;
    } else {
      const fields = model.fields();
      const parsed = parseFilter(source, () => void applyFilter(), (text, compiler) => parseRowFilter(text, fields, compiler));
      if (parsed === null) return;
      if (!parsed.ok) {
        errorBox.textContent = formatExpressionError(source, parsed.error);
        errorBox.hidden = false;
        filterBox.setAttribute("aria-invalid", "true");
        return;
      }
      filter = parsed.expr;
      errorBox.hidden = true;
    }
    filterBox.removeAttribute("aria-invalid");
    page = 0;
    await draw();
  };
  filterBox.addEventListener("input", () => {
    typing = true;
    holdWorker(true);
    clearTimeout(timer);
    timer = setTimeout(() => void applyFilter(), FILTER_DELAY_MS);
  });
  // Enter applies at once.
  filterBox.addEventListener("change", () => {
    clearTimeout(timer);
    void applyFilter();
  });
  filterBox.addEventListener("focus", () => void load(), { once: true });
  prefetchNearViewport(root, load);

  tools.hidden = false;
  for (const button of Array.from(head.querySelectorAll<HTMLButtonElement>(`button.${m.sort}`))) button.disabled = false;
  const rowsShown = body.rows.length;
  const firstInfo = info.textContent ?? "";
  // The static page is the first: "Next" works once there is more.
  next.disabled = !/ of /.test(firstInfo) || rowsShown === 0 || firstInfo.startsWith(`Rows 1–${rowsShown} of ${rowsShown}`);
  prev.disabled = true;
}

/**
 * Starts `load` in idle time once `root` comes within PREFETCH_MARGIN of the viewport: a page with
 * a 100,000-row table far below stays light, and the reader's first click does not wait for it.
 */
function prefetchNearViewport(root: HTMLElement, load: () => Promise<unknown>): void {
  if (!root.getAttribute(m.source)) return;
  const whenIdle = (f: () => void): void => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(f, { timeout: 2000 });
    else setTimeout(f, 200);
  };
  if (typeof IntersectionObserver === "undefined") {
    whenIdle(() => void load());
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      whenIdle(() => void load());
    },
    { rootMargin: `0px 0px ${PREFETCH_MARGIN} 0px` },
  );
  observer.observe(root);
}

for (const root of Array.from(document.querySelectorAll<HTMLElement>(`[${m.attribute}]`))) setup(root);
