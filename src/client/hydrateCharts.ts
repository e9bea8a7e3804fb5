/**
 * Turns the build-time SVG of every chart figure into an interactive chart when it nears the
 * viewport. The markup it reads is the contract in `core/render/markup.ts`; the payload is
 * `{"data": WireLineChartData}` for line charts (`data-runfolio-chart="line"`), and for the other
 * kinds (scatter, bar, parallel coordinates, histogram, importance, raw vega-lite), whose specs
 * read named datasets, `{"spec": VegaSpec, "datasets": {"<name>": [row, …], …}}`.
 *
 * A large chart's payload script is empty, its `data-file` naming the site's file that holds the
 * payload: fetched from there (same origin) when the chart nears the viewport.
 *
 * A run page's charts carry no points: `{"data": …, "from": {"run": id}}` and `data-base` on the
 * figure say where they are (the run's JSON, loaded once when its first chart nears the viewport).
 *
 * The line chart code comes with this entry (about 36 KB gzipped, loaded from the page's head
 * while its HTML streams in, so charts in view can answer at DOMContentLoaded); `datasetChart.ts`
 * and the vega runtime load only for the vega kinds. Expressions are interpreted (no eval, no
 * `new Function`) and nothing injects styles, so a strict Content-Security-Policy works.
 */
import type { Spec } from "vega";
import type { LineChartData } from "../core/chart/lineChartData.ts";
import { decodeLineChartData, type WireLineChartData } from "../core/chart/lineChartWire.ts";
import { withRunPoints } from "./lineChart/runPoints.ts";
import { prepareLineChart } from "./lineChart/view.ts";
import { loadRuntime } from "./runtime.ts";
import { chartMarkup } from "../core/render/markup.ts";
import { fetchDataFile } from "./fetchDataFile.ts";

const SELECTOR = `[${chartMarkup.attribute}]`;
const ROOT_MARGIN = "200px";

export type ChartPayload =
  | { data: LineChartData; from?: { run: string }; spec?: undefined; datasets?: undefined }
  | { spec: Spec; datasets: Record<string, object[]>; data?: undefined };

async function readPayload(el: HTMLElement): Promise<ChartPayload> {
  const script = el.querySelector<HTMLScriptElement>(`:scope > script.${chartMarkup.payload}`);
  // A large chart's payload is a data file of the site (core/report/blockDataFiles.ts).
  const file = script?.getAttribute(chartMarkup.dataFile);
  const text = file ? await fetchDataFile(file) : script?.textContent;
  if (!text) throw new Error("chart data is missing");
  const payload = JSON.parse(text) as { spec?: Spec; data?: WireLineChartData; from?: { run?: unknown }; datasets?: unknown };
  if (Array.isArray(payload.data?.series)) {
    const data = decodeLineChartData(payload.data);
    return typeof payload.from?.run === "string" ? { data, from: { run: payload.from.run } } : { data };
  }
  if (!payload.spec || typeof payload.spec !== "object") throw new Error("chart data is malformed");
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

export async function hydrate(el: HTMLElement): Promise<void> {
  if (el.dataset.hydrated) return;
  el.dataset.hydrated = "pending";
  try {
    const payload = await readPayload(el);
    if (payload.data) {
      // A run page's chart loads its points from the run's JSON first.
      const data = payload.from ? await withRunPoints(payload.data, el.dataset.base ?? "/", payload.from.run) : payload.data;
      // hover on the static chart now; the live chart waits for its turn
      const chart = prepareLineChart(el, data);
      await liveTurn(() => chart.start());
    } else {
      const { hydrateDatasetChart } = await import("./datasetChart.ts");
      const { spec, datasets } = payload;
      await liveTurn(() => hydrateDatasetChart(el, spec, datasets));
    }
    el.dataset.hydrated = "true";
  } catch (error) {
    showError(el, error);
  }
}

/**
 * Charts already in view as the page loads start hydrating now, at DOMContentLoaded, instead of
 * after the observer's first callback (which waits for the first frame to be painted), and when
 * one of them needs vega its runtime is fetched alongside the chart code instead of after it.
 * Charts further down load nothing until the reader scrolls near them.
 */
function hydrateInViewNow(charts: readonly HTMLElement[]): void {
  const margin = parseInt(ROOT_MARGIN, 10);
  const limit = window.innerHeight + margin;
  const inView = charts.filter((el) => {
    const r = el.getBoundingClientRect();
    return r.top < limit && r.bottom > -margin;
  });
  if (!inView.length) return;
  if (inView.some((el) => el.dataset.runfolioChart === "vega")) void loadRuntime();
  for (const el of inView) void hydrate(el);
}

/**
 * Live views are built one at a time, in the order charts came near the viewport: the
 * first one seen turns interactive as soon as it can instead of sharing the main thread with its
 * neighbours, and the page stays responsive between charts.
 */
let turns: Promise<unknown> = Promise.resolve();

function liveTurn<T>(build: () => Promise<T>): Promise<T> {
  // Each live view is a task of its own, apart from the one that read its data and put the hover
  // on the static chart: together they made the page's longest task (a grouped chart over 1,000 runs).
  const run = turns.then(nextTask).then(build);
  turns = run.catch(() => undefined);
  return run;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function hydrateAll(): void {
  const charts = [...document.querySelectorAll<HTMLElement>(SELECTOR)];
  if (charts.length === 0) return;
  hydrateInViewNow(charts);
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
