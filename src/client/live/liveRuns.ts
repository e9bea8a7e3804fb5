/**
 * The dev server's live pages (injected by the runfolio integration in `astro dev` only; a build
 * ships none of this). When the runs loader re-syncs runs, the server sends
 * `runfolio:runs-changed` with their ids instead of a full reload (src/integration/liveRuns.ts).
 * The open run page of a changed run renders itself again in the background and swaps in its
 * live parts (title, status, facts, summary) and its charts, which hydrate again from the URL
 * hash and so keep their zoom, hidden series and smoothing. Any other page reloads, as before.
 * A running run's status line says how long ago its last row was written and turns stale after
 * the silence its `data-stale-after` allows (core/live/liveStatus.ts).
 */
import { formatAge, isStale } from "../../core/live/liveStatus.ts";
import { sameShape, type PageShape } from "../../core/live/pageShape.ts";
import { chartMarkup } from "../../core/render/markup.ts";

const PART = "data-runfolio-live";
const EVENT = "runfolio:runs-changed";

interface Hot {
  on(event: string, cb: (data: unknown) => void): void;
}

let updating: Promise<void> | null = null;
let again = false;

function pageRun(): string | null {
  return document.querySelector(`[${PART}][data-runfolio-run]`)?.getAttribute("data-runfolio-run") ?? null;
}

function onRunsChanged(data: unknown): void {
  const ids = (data as { ids?: unknown } | null)?.ids;
  const run = pageRun();
  if (run === null) {
    location.reload();
    return;
  }
  if (!Array.isArray(ids) || !ids.includes(run)) return;
  if (updating) {
    again = true;
    return;
  }
  updating = updateRunPage()
    .catch((error: unknown) => {
      console.error("runfolio: live update failed, reloading", error);
      location.reload();
    })
    .finally(() => {
      updating = null;
      if (again) {
        again = false;
        onRunsChanged({ ids: [run] });
      }
    });
}

function shapeOf(doc: Document): PageShape {
  return {
    parts: [...doc.querySelectorAll(`[${PART}]`)].map((el) => el.getAttribute(PART) ?? ""),
    charts: [...doc.querySelectorAll(`figure[${chartMarkup.attribute}]`)].map((el) => el.id),
  };
}

async function updateRunPage(): Promise<void> {
  const res = await fetch(location.pathname + location.search, { cache: "no-store" });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} for the page`);
  const fresh = new DOMParser().parseFromString(await res.text(), "text/html");
  if (!sameShape(shapeOf(document), shapeOf(fresh))) {
    location.reload();
    return;
  }
  const { forgetRunData } = await import("../lineChart/runPoints.ts");
  forgetRunData();
  for (const part of document.querySelectorAll<HTMLElement>(`[${PART}]`)) {
    const name = part.getAttribute(PART)!;
    const next = fresh.querySelector(`[${PART}="${CSS.escape(name)}"]`);
    if (next) part.replaceWith(document.adoptNode(next));
  }
  tick();
  const charts = [...document.querySelectorAll<HTMLElement>(`figure[${chartMarkup.attribute}]`)];
  if (charts.length === 0) return;
  const { hydrate } = await import("../hydrateCharts.ts");
  const swaps: Promise<void>[] = [];
  for (const old of charts) {
    const next = fresh.getElementById(old.id);
    if (!next) continue;
    const wasLive = old.dataset.hydrated !== undefined;
    const figure = document.adoptNode(next) as HTMLElement;
    old.replaceWith(figure);
    // A chart not hydrated yet keeps waiting for the viewport, as on a page load.
    if (wasLive) swaps.push(hydrate(figure));
    else hydrateWhenNear(figure, hydrate);
  }
  await Promise.all(swaps);
  document.documentElement.dataset.runfolioLiveUpdates = String(Number(document.documentElement.dataset.runfolioLiveUpdates ?? 0) + 1);
}

function hydrateWhenNear(figure: HTMLElement, hydrate: (el: HTMLElement) => Promise<void>): void {
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      void hydrate(figure);
    },
    { rootMargin: "200px" },
  );
  observer.observe(figure);
}

/** The status line's age and stale mark, from the clock. */
function tick(): void {
  const line = document.querySelector<HTMLElement>(".rf-live-status");
  const lastRow = line?.dataset.lastRow;
  if (!line || !lastRow) return;
  const last = Date.parse(lastRow) / 1000;
  const after = Number(line.dataset.staleAfter);
  const now = Date.now() / 1000;
  const age = line.querySelector<HTMLElement>(".rf-live-age");
  if (age) {
    age.hidden = false;
    age.textContent = ` (${formatAge(now - last)} ago)`;
  }
  const stale = isStale("running", last, after, now);
  const mark = line.querySelector<HTMLElement>(".rf-stale");
  if (mark) mark.hidden = !stale;
  line.dataset.stale = String(stale);
}

function watch(hot: Hot): void {
  hot.on(EVENT, onRunsChanged);
  tick();
  setInterval(tick, 1000);
}

if (import.meta.hot) watch(import.meta.hot);
