/**
 * `/compare/?runs=a,b,c[&show=all]`: the chosen runs as columns, config and summary as rows
 * (only differing keys unless `show=all`), deltas against the first run, then one overlaid line
 * chart per metric the runs share (the interactive line chart, `compareCharts.ts`), from each
 * run's published JSON. Every string from
 * the data is set with `textContent` or as an attribute value, never parsed as HTML.
 */
import { compareText } from "../core/format/compareText.ts";
import { compareRuns } from "../core/compare/compareRuns.ts";
import { formatCompareState, parseCompareState, type CompareState } from "../core/compare/compareState.ts";
import { compareCellClass, compareTableModel, type CompareTableModel } from "../core/compare/compareTableModel.ts";
import { compareChartData } from "../core/compare/compareChartData.ts";
import { compareChartFigure, startCompareCharts } from "./compareCharts.ts";
import type { MetricSeries } from "../core/explore/runData.ts";
import { decodeRunData } from "../core/explore/runDataWire.ts";
import type { Run } from "../core/run.ts";
import { runDataPath, runPath } from "../core/paths/runPath.ts";
import { siteHref } from "../core/paths/siteHref.ts";
import { compareMarkup, type CompareChartsState } from "../core/render/pageMarkup.ts";

interface CompareData {
  runs: Run[];
  colors: Record<string, string>;
}

const root = document.getElementById(compareMarkup.rootId);
const dataEl = document.getElementById(compareMarkup.dataId);
if (root && dataEl) init(root, JSON.parse(dataEl.textContent ?? "{}") as CompareData);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}


function init(root: HTMLElement, data: CompareData): void {
  const base = root.getAttribute(compareMarkup.base) ?? "/";
  const runHref = (id: string) => siteHref(base, runPath(id));
  const dataHref = (id: string) => siteHref(base, runDataPath(id));
  const byId = new Map(data.runs.map((r) => [r.id, r]));
  const state: CompareState = parseCompareState(location.search);
  const unknown = state.runs.filter((id) => !byId.has(id));
  const runs = state.runs.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const status = root.querySelector<HTMLElement>(`.${compareMarkup.status}`)!;

  if (unknown.length) root.prepend(el("p", { class: "rf-problems", role: "alert" }, `No run with the id ${unknown.join(", ")}: left out.`));
  if (runs.length < 2) {
    if (runs.length === 1) status.prepend(`Only one run (${runs[0]!.name}) is chosen. `);
    return;
  }
  status.textContent = `${runs.length} runs; deltas are against the first, ${runs[0]!.name}.`;
  document.title = `Compare ${runs.length} runs · Runfolio`;

  const result = compareRuns(runs);
  const toolbar = el("div", { class: "rf-compare-toolbar" });
  const toggleLabel = el("label");
  const toggle = el("input", { type: "checkbox", id: "rf-compare-all" });
  toggle.checked = state.show === "all";
  toggleLabel.append(toggle, " Show keys that are the same in every run");
  const summary = el("span", { class: "muted", "aria-live": "polite" });
  toolbar.append(toggleLabel, summary);
  const tableWrap = el("div", { class: "rf-compare-wrap" });
  root.append(toolbar, tableWrap);

  const renderTable = () => {
    const model = compareTableModel(result, { show: state.show, hrefForRun: runHref });
    tableWrap.replaceChildren(compareTable(model));
    summary.textContent = model.note;
    history.replaceState(null, "", `${location.pathname}${formatCompareState(state)}${location.hash}`);
  };
  toggle.addEventListener("change", () => {
    state.show = toggle.checked ? "all" : "differing";
    renderTable();
  });
  renderTable();

  const charts = el("section", { class: compareMarkup.metrics, "aria-labelledby": "rf-compare-metrics-title" });
  setChartsState(charts, "loading");
  charts.append(el("h2", { id: "rf-compare-metrics-title" }, "Metrics"));
  const chartStatus = el("p", { class: "muted", "aria-live": "polite" }, "Loading histories…");
  charts.append(chartStatus);
  root.append(charts);
  void Promise.all(
    runs.map(async (r) => {
      const res = await fetch(dataHref(r.id));
      if (!res.ok) throw new Error(`${res.status} ${res.url}`);
      return decodeRunData(await res.json());
    }),
  ).then(
    (loaded) => drawCharts(charts, chartStatus, runs, loaded.map((d) => d.history.metrics), data.colors),
    () => {
      chartStatus.textContent = "The metric histories could not be loaded (opened from disk? they need the site served over http).";
      setChartsState(charts, "error");
    },
  );
}

/** The model as DOM: the same markup the `compare` block renders as HTML (renderCompareTable.ts). */
function compareTable(model: CompareTableModel): HTMLElement {
  const table = el("table", { class: "rf-table rf-compare" });
  const head = el("tr");
  head.append(el("th", { scope: "col" }, model.keyHeader));
  for (const col of model.columns) {
    const th = el("th", { scope: "col" });
    th.append(el("a", { href: col.href, title: col.name }, col.name));
    if (col.marker) th.append(" ", el("span", { class: "rf-compare-ref" }, col.marker));
    head.append(th);
  }
  const thead = el("thead");
  thead.append(head);
  table.append(thead);
  for (const section of model.sections) {
    const body = el("tbody");
    const sectionRow = el("tr", { class: "rf-compare-section" });
    sectionRow.append(el("th", { scope: "colgroup", colspan: String(model.columns.length + 1) }, section.title));
    body.append(sectionRow);
    for (const row of section.rows) {
      const tr = el("tr", row.differs ? { class: "differs" } : {});
      tr.append(el("th", { scope: "row", title: row.key }, row.label));
      for (const cell of row.cells) {
        const cls = compareCellClass(cell);
        const td = el("td", { ...(cls ? { class: cls } : {}), ...(cell.text.length > 20 ? { title: cell.text } : {}) }, cell.text);
        if (cell.delta) td.append(" ", el("span", { class: `rf-delta ${cell.delta.direction}` }, cell.delta.text));
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
  }
  if (!model.empty) return table;
  const frag = el("div");
  frag.append(el("p", { class: "rf-empty" }, model.empty), table);
  return frag;
}

function drawCharts(section: HTMLElement, status: HTMLElement, runs: Run[], histories: Record<string, MetricSeries>[], colors: Record<string, string>): void {
  const names = [...new Set(histories.flatMap((h) => Object.keys(h)))].sort(compareText);
  const inAll = names.filter((m) => histories.every((h) => h[m]));
  const metrics = inAll.length ? inAll : names.filter((m) => histories.filter((h) => h[m]).length >= 2);
  if (!metrics.length) {
    status.textContent = "These runs share no logged metric.";
    setChartsState(section, "empty");
    return;
  }
  status.textContent = inAll.length ? `${metrics.length} metrics every run logs, by step.` : `${metrics.length} metrics logged by two or more of the runs, by step.`;
  const grid = el("div", { class: "rf-compare-charts" });
  const figures = metrics.flatMap((metric, k) => {
    const chart = compareChartData(`compare-${k + 1}`, metric, runs, histories, colors);
    return chart ? [{ el: compareChartFigure(chart, metric), data: chart }] : [];
  });
  grid.append(...figures.map((f) => f.el));
  section.append(grid);
  void startCompareCharts(figures).then(() => setChartsState(section, "ready"));
}

/** The charts' progress, for readers of assistive technology (`aria-busy`) and for tools (`data-state`). */
function setChartsState(section: HTMLElement, state: CompareChartsState): void {
  section.setAttribute(compareMarkup.state, state);
  if (state === "loading") section.setAttribute("aria-busy", "true");
  else section.removeAttribute("aria-busy");
}
