/**
 * Dataset charts (scatter, bar, parallel coordinates, histogram, importance): a vega view of the
 * compiled spec with vega-tooltip (shown by a tap too: tapTooltip.ts), sized to the static SVG's
 * box, swapped in once rendered.
 * vega-tooltip is created with `disableDefaultStyle: true` (no injected `<style>`); its rules are
 * in chart.css.
 */
import type { Spec, View } from "vega";
import { sizesItself } from "../core/chart/chartSizing.ts";
import { chartMarkup } from "../core/render/markup.ts";
import { loadRuntime } from "./runtime.ts";
import { keepTooltipOnScreen, showTooltipsOnTap } from "./tapTooltip.ts";

interface Tooltip {
  show: import("vega").TooltipHandler;
  hide: () => void;
}
let tooltipHandler: Promise<Tooltip> | undefined;

async function loadTooltip(): Promise<Tooltip> {
  const { Handler } = await import("vega-tooltip");
  const handler = new Handler({ disableDefaultStyle: true, theme: "runfolio" });
  const show: Tooltip["show"] = (scenegraph, event, item, value) => {
    handler.call(scenegraph, event, item, value);
    keepTooltipOnScreen(document.getElementById("vg-tooltip-element"));
  };
  // vega-tooltip hides on a null value; the scenegraph handler and item are not read then
  return { show, hide: () => handler.call(undefined, new MouseEvent("mouseout"), undefined as never, null) };
}

export async function hydrateDatasetChart(el: HTMLElement, spec: Spec, datasets: Record<string, object[]>): Promise<void> {
  // A grid has two static pictures (wide and one column); the one the page shows sets the view's columns.
  const pictures = [...el.querySelectorAll<SVGSVGElement>(":scope > svg")];
  const staticSvg = pictures.find((svg) => svg.getClientRects().length > 0) ?? pictures[0] ?? null;
  const columns = Number(staticSvg?.getAttribute(chartMarkup.gridColumns));
  if (columns > 0 && spec.layout && typeof spec.layout === "object") spec = { ...spec, layout: { ...spec.layout, columns } };
  const container = document.createElement("div");
  container.className = "runfolio-chart-view";
  let view: View | undefined;
  try {
    const { vega, expressionInterpreter } = await loadRuntime();
    tooltipHandler ??= loadTooltip();
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
      tooltip: tooltip.show,
    });
    showTooltipsOnTap(container, tooltip.hide);
    // A spec that sizes itself (a grid of panels, a raw spec with its own size) is drawn at that
    // size and scaled down like its static picture (chartSizing.ts): same box. Others fit the box.
    const ownSize = sizesItself(spec);
    if (ownSize) container.classList.add(chartMarkup.ownSize);
    else if (width > 0 && height > 0) view.width(width).height(height);
    for (const [name, rows] of Object.entries(datasets)) view.data(name, rows);
    await view.runAsync();
    if (ownSize) keepBox(container, staticSvg);
    container.hidden = false;
    for (const svg of pictures) svg.style.display = "none";
    el.style.minHeight = "";
  } catch (error) {
    view?.finalize();
    container.remove();
    el.style.minHeight = "";
    throw error;
  }
}

/**
 * A view drawn at its own size measures its text with the page's font, the build with DejaVu
 * Sans' widths (vegaTextMetrics.ts): in another font the grid comes out a little wider or
 * narrower. It takes the static picture's size (its own drawing scaled to fit, centred), so the
 * page does not move when the chart turns live. Hover still finds the mark under the pointer:
 * vega's SVG renderer picks items by event target, not by coordinates.
 */
function keepBox(container: HTMLElement, staticSvg: SVGSVGElement | null): void {
  const live = container.querySelector<SVGSVGElement>(":scope > svg");
  const box = staticSvg?.viewBox.baseVal;
  if (!live || !box || !(box.width > 0 && box.height > 0)) return;
  live.setAttribute("width", String(box.width));
  live.setAttribute("height", String(box.height));
}
