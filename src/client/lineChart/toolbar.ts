/**
 * The chart's toolbar, one compact row: the smoothing slider (its range:
 * `core/chart/line/smoothingSlider.ts`), log y, reset zoom (while zoomed), the export menu, and a
 * status line that screen readers announce. A narrow chart shortens the slider's label (chart.css).
 */
import { chartMarkup } from "../../core/render/markup.ts";
import type { SliderDef } from "../../core/chart/line/smoothingSlider.ts";
import { htmlEl } from "./dom.ts";

export interface ToolbarView {
  readonly el: HTMLElement;
  readonly id: string;
  readonly slider: SliderDef;
  readonly smooth: number;
  readonly logY: boolean;
  readonly zoomed: boolean;
  setSmoothing(v: number): void;
  toggleLogY(): boolean;
  resetZoom(): void;
  exportPng(): Promise<void>;
  exportSvg(): void;
  exportCsv(): void;
  /** Every logged point of the chart's runs, from their JSON under `base` (see fullCsv.ts). */
  exportFullCsv(base: string): Promise<void>;
}

export interface Toolbar {
  readonly element: HTMLElement;
  readonly resetButton: HTMLButtonElement;
  announce(message: string): void;
}

export function buildToolbar(view: ToolbarView): Toolbar {
  const bar = htmlEl("div", "rf-chart-toolbar");
  const status = htmlEl("p", "rf-visually-hidden");
  const announce = (message: string): void => {
    status.textContent = message;
  };
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Chart controls");
  const sid = `${view.id}-smoothing`;
  // The full name, and a short one a narrow chart shows instead (chart.css); the input keeps the full name.
  const label = htmlEl("label", "rf-chart-smooth");
  label.htmlFor = sid;
  label.append(htmlEl("span", "rf-chart-smooth-long", view.slider.label), htmlEl("span", "rf-chart-smooth-short", "Smooth"));
  label.title = view.slider.label;
  const r = htmlEl("input");
  const out = htmlEl("output");
  r.type = "range";
  r.id = sid;
  r.min = String(view.slider.min);
  r.max = String(view.slider.max);
  r.step = String(view.slider.step);
  r.value = String(view.smooth);
  r.setAttribute("aria-label", view.slider.label);
  out.htmlFor.add(sid);
  out.textContent = r.value;
  r.addEventListener("input", () => {
    out.textContent = r.value;
    view.setSmoothing(Number(r.value));
  });
  label.append(r, out);

  const log = htmlEl("button", "rf-chart-button", "Log y");
  log.type = "button";
  log.setAttribute("aria-pressed", String(view.logY));
  log.addEventListener("click", () => log.setAttribute("aria-pressed", String(view.toggleLogY())));

  const reset = htmlEl("button", "rf-chart-button", "Reset zoom");
  reset.type = "button";
  // Only while zoomed: the row stays short.
  reset.disabled = reset.hidden = !view.zoomed;
  reset.addEventListener("click", () => view.resetZoom());

  const menu = htmlEl("details", "rf-chart-menu");
  const summary = htmlEl("summary", "rf-chart-button", "Export");
  const items = htmlEl("div", "rf-chart-menu-items");
  const exportButton = (text: string, fn: () => Promise<void> | void) => {
    const b = htmlEl("button", "rf-chart-button", text);
    b.type = "button";
    b.addEventListener("click", () => {
      menu.open = false;
      void Promise.resolve(fn()).catch((err) => announce(`Export failed: ${String(err)}`));
    });
    items.append(b);
  };
  exportButton("PNG", () => view.exportPng());
  exportButton("SVG", () => view.exportSvg());
  exportButton("CSV (plotted points)", () => view.exportCsv());
  // Every logged point: built from the runs' published JSON, offered here and under the chart.
  const full = view.el.querySelector<HTMLElement>(`:scope > .${chartMarkup.fullData}[${chartMarkup.dataBase}]`);
  if (full) {
    exportButton("CSV (every logged point)", () => view.exportFullCsv(full.dataset.base!));
    full.querySelector("button")?.addEventListener("click", () => {
      void view.exportFullCsv(full.dataset.base!).catch((err) => announce(`Export failed: ${String(err)}`));
    });
    full.hidden = false;
  }
  menu.append(summary, items);

  status.setAttribute("role", "status");
  bar.append(label, log, reset, menu, status);
  view.el.append(bar);
  return { element: bar, resetButton: reset, announce };
}
