/**
 * The build's legend entries made buttons: click isolates, shift-click toggles, double-click
 * shows all (the rule: `core/chart/line/legendToggle.ts`). Pressed entries are those with a shown
 * series.
 */
import { chartMarkup } from "../../core/render/markup.ts";
import type { LegendEntry, lineLegend } from "../../core/chart/line/legend.ts";
import { legendToggle } from "../../core/chart/line/legendToggle.ts";

export interface LegendView {
  readonly el: HTMLElement;
  readonly legend: ReturnType<typeof lineLegend>;
  readonly hidden: Set<number>;
  readonly seriesCount: number;
  /** The noun of the colour legend (`run`, a group field). */
  readonly noun: string;
  update(message: string | null): void;
}

export function bindLegend(view: LegendView): void {
  for (const box of view.el.querySelectorAll<HTMLElement>(`:scope > .${chartMarkup.legends} > .${chartMarkup.legend}`)) {
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", box.dataset.legend === "metrics" ? "Metrics" : `Legend: ${view.noun}`);
  }
  const click = (members: number[], toggle: boolean): void => {
    legendToggle(view.hidden, members, view.seriesCount, toggle);
    view.update(`${view.seriesCount - view.hidden.size} of ${view.seriesCount} series shown.`);
  };
  const showAll = (): void => {
    if (!view.hidden.size) return;
    view.hidden.clear();
    view.update("All series shown.");
  };
  for (const { item, entry, metric } of legendItems(view)) {
    item.tabIndex = 0;
    item.setAttribute("role", "button");
    item.setAttribute("aria-label", `${entry.label}: click to show only this ${metric ? "metric" : view.noun}, shift-click to toggle`);
    item.addEventListener("click", (e) => click(entry.members, e.shiftKey));
    item.addEventListener("dblclick", showAll);
    item.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      click(entry.members, e.shiftKey);
    });
  }
  showLegendState(view);
}

export function showLegendState(view: Pick<LegendView, "el" | "legend" | "hidden">): void {
  for (const { item, entry } of legendItems(view)) {
    const off = entry.members.every((i) => view.hidden.has(i));
    item.classList.toggle("rf-legend-off", off);
    item.setAttribute("aria-pressed", String(!off));
  }
}

/** Each legend entry element of the figure with the entry (series) it stands for. */
function* legendItems(view: Pick<LegendView, "el" | "legend">): Generator<{ item: HTMLElement; entry: LegendEntry; metric: boolean }> {
  for (const box of view.el.querySelectorAll<HTMLElement>(`:scope > .${chartMarkup.legends} > .${chartMarkup.legend}`)) {
    const metric = box.dataset.legend === "metrics";
    const entries = metric ? view.legend.metrics : view.legend.entries;
    for (const item of box.querySelectorAll<HTMLElement>(".rf-legend-entry")) {
      const entry = entries[Number(item.dataset.entry)];
      if (entry) yield { item, entry, metric };
    }
  }
}
