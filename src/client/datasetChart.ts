/**
 * Dataset charts (scatter, bar, parallel coordinates, histogram, importance): a vega view of the
 * compiled spec with vega-tooltip, sized to the static SVG's box, swapped in once rendered.
 * vega-tooltip is created with `disableDefaultStyle: true` (no injected `<style>`); its rules are
 * in chart.css.
 */
import type { Spec, View } from "vega";
import { fitsItsBox } from "../core/chart/chartSizing.ts";
import { chartMarkup } from "../core/render/markup.ts";
import { loadRuntime } from "./runtime.ts";

let tooltipHandler: Promise<import("vega-tooltip").Handler> | undefined;

export async function hydrateDatasetChart(el: HTMLElement, spec: Spec, datasets: Record<string, object[]>): Promise<void> {
  const staticSvg = el.querySelector<SVGSVGElement>(":scope > svg");
  const container = document.createElement("div");
  container.className = "runfolio-chart-view";
  let view: View | undefined;
  try {
    const { vega, expressionInterpreter } = await loadRuntime();
    tooltipHandler ??= import("vega-tooltip").then((m) => new m.Handler({ disableDefaultStyle: true, theme: "runfolio" }));
    const tooltip = await tooltipHandler;
    const box = (staticSvg ?? el).getBoundingClientRect();
    const width = Math.round(box.width);
    const height = Math.round(box.height);
    if (height > 0) el.style.minHeight = `${height}px`;
    container.hidden = true;
    el.append(container);
    view = new vega.View(vega.parse(spec, undefined, { ast: true }), {
      expr: expressionInterpreter,
      renderer: "svg",
      container,
      hover: true,
      tooltip: tooltip.call,
    });
    // A grid of panels (facets: confusion matrices, heatmaps) has no one width to fit: it is drawn
    // at its own size (scaled down on a narrow screen), as its static SVG is. Another spec that
    // sizes itself keeps its size (its static picture was drawn at it): same box.
    const grid = !("width" in spec);
    const fits = fitsItsBox(spec) && !grid;
    if (!fits && !grid) container.classList.add(chartMarkup.ownSize);
    if (fits && width > 0 && height > 0) view.width(width).height(height);
    for (const [name, rows] of Object.entries(datasets)) view.data(name, rows);
    await view.runAsync();
    container.hidden = false;
    if (staticSvg) staticSvg.style.display = "none";
    el.style.minHeight = "";
  } catch (error) {
    view?.finalize();
    container.remove();
    el.style.minHeight = "";
    throw error;
  }
}
