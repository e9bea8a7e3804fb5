/**
 * Turns the build-time SVG of every `[data-runfolio-chart]` element into an interactive vega view
 * when it nears the viewport. Markup contract (see docs/charts.md):
 *
 *   <figure data-runfolio-chart>
 *     <svg …>…</svg>                              static chart, shown until hydration succeeds
 *     <script type="application/json">{"spec": VegaSpec, "data": LineChartData}</script>
 *   </figure>
 *
 * or, for the other chart kinds (scatter, bar, parallel coordinates, histogram, importance), whose
 * specs read named datasets: `{"spec": VegaSpec, "datasets": {"<name>": [row, …], …}}`; each
 * dataset is inserted into the view under its name.
 *
 * Only the vega runtime, vega-interpreter and vega-tooltip are loaded: specs are compiled from
 * vega-lite at build time, and expressions are interpreted (no eval, no `new Function`), so a
 * strict Content-Security-Policy works. Tooltip styles live in `chart.css`, not in an injected
 * `<style>` element.
 */
import type { Spec, View } from "vega";
import type { Handler } from "vega-tooltip";
import { expandLineChartData, SERIES_DATASET, type LineChartData } from "../core/chart/lineChartData.ts";

const SELECTOR = "[data-runfolio-chart]";
const ROOT_MARGIN = "200px";

type ChartPayload =
  | { spec: Spec; data: LineChartData; datasets?: undefined }
  | { spec: Spec; datasets: Record<string, object[]>; data?: undefined };

interface Runtime {
  vega: typeof import("vega");
  expressionInterpreter: typeof import("vega-interpreter").expressionInterpreter;
  tooltip: Handler;
}

let runtime: Promise<Runtime> | undefined;

/** The vega runtime is fetched on first need (a separate chunk in the site build), then shared. */
function loadRuntime(): Promise<Runtime> {
  runtime ??= Promise.all([import("vega"), import("vega-interpreter"), import("vega-tooltip")]).then(
    ([vega, interpreter, vegaTooltip]) => ({
      vega,
      expressionInterpreter: interpreter.expressionInterpreter,
      // No injected <style> element (blocked by a strict style-src): styles are in chart.css.
      tooltip: new vegaTooltip.Handler({ disableDefaultStyle: true, theme: "runfolio" }),
    }),
  );
  return runtime;
}

function readPayload(el: HTMLElement): ChartPayload {
  const script = el.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
  if (!script?.textContent) throw new Error("chart data is missing");
  const payload = JSON.parse(script.textContent) as { spec?: Spec; data?: LineChartData; datasets?: unknown };
  if (!payload.spec || typeof payload.spec !== "object") throw new Error("chart data is malformed");
  if (Array.isArray(payload.data?.series)) return { spec: payload.spec, data: payload.data };
  const datasets = payload.datasets;
  if (
    datasets &&
    typeof datasets === "object" &&
    !Array.isArray(datasets) &&
    Object.values(datasets).every((rows) => Array.isArray(rows))
  ) {
    return { spec: payload.spec, datasets: datasets as Record<string, object[]> };
  }
  throw new Error("chart data is malformed");
}

function showError(el: HTMLElement, error: unknown): void {
  const message = document.createElement("p");
  message.className = "runfolio-chart-error";
  message.setAttribute("role", "status");
  message.textContent = `Interactive chart unavailable (${error instanceof Error ? error.message : String(error)}); showing the static chart.`;
  el.append(message);
  el.dataset.hydrated = "error";
}

async function hydrate(el: HTMLElement): Promise<void> {
  if (el.dataset.hydrated) return;
  el.dataset.hydrated = "pending";
  const staticSvg = el.querySelector<SVGSVGElement>(":scope > svg");
  const container = document.createElement("div");
  container.className = "runfolio-chart-view";
  let view: View | undefined;
  try {
    const payload = readPayload(el);
    const { spec } = payload;
    const { vega, expressionInterpreter, tooltip } = await loadRuntime();
    const box = (staticSvg ?? el).getBoundingClientRect();
    // Same box as the static SVG (which scales with the page): no layout shift on swap.
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
    if (width > 0 && height > 0) view.width(width).height(height);
    if (payload.data) view.data(SERIES_DATASET, expandLineChartData(payload.data));
    else for (const [name, rows] of Object.entries(payload.datasets)) view.data(name, rows);
    await view.runAsync();
    container.hidden = false;
    if (staticSvg) staticSvg.style.display = "none";
    el.style.minHeight = "";
    el.dataset.hydrated = "true";
  } catch (error) {
    view?.finalize();
    container.remove();
    el.style.minHeight = "";
    showError(el, error);
  }
}

function hydrateAll(): void {
  const charts = [...document.querySelectorAll<HTMLElement>(SELECTOR)];
  if (charts.length === 0) return;
  if (typeof IntersectionObserver === "undefined") {
    for (const el of charts) void hydrate(el);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer.unobserve(entry.target);
        void hydrate(entry.target as HTMLElement);
      }
    },
    { rootMargin: ROOT_MARGIN },
  );
  for (const el of charts) observer.observe(el);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", hydrateAll, { once: true });
  else hydrateAll();
}
