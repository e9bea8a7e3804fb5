/**
 * The dev server's live pages (injected by the runfolio integration in `astro dev` only; a build
 * ships none of this). When the runs loader re-syncs runs, the server sends
 * `runfolio:runs-changed` with their ids instead of a full reload (src/integration/liveRuns.ts).
 * The open page renders itself again in the background and swaps in what changed
 * (liveBlocks.ts): a run page of a changed run its live parts (title, status, facts, summary) and
 * its charts; a report (or any page with charts, runs tables or cited values) the charts, tables
 * and cited values whose data changed. Charts and tables hydrate again from the URL hash and so
 * keep their zoom, hidden series, smoothing, sorting and filters. A page whose structure changed,
 * or with none of these, reloads, as before.
 * A running run's status line says how long ago its last row was written and turns stale after
 * the silence its `data-stale-after` allows (core/live/liveStatus.ts).
 */
import { formatAge, isStale } from "../../core/live/liveStatus.ts";
import { sameShape } from "../../core/live/pageShape.ts";
import { hasLiveBlocks, shapeOf, swapBlocks } from "./liveBlocks.ts";

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
  if (run !== null ? !Array.isArray(ids) || !ids.includes(run) : !hasLiveBlocks(document)) {
    if (run === null) location.reload();
    return;
  }
  if (updating) {
    again = true;
    return;
  }
  updating = updatePage(run !== null)
    .catch((error: unknown) => {
      console.error("runfolio: live update failed, reloading", error);
      location.reload();
    })
    .finally(() => {
      updating = null;
      if (again) {
        again = false;
        onRunsChanged(data);
      }
    });
}

async function updatePage(runPage: boolean): Promise<void> {
  const res = await fetch(location.pathname + location.search, { cache: "no-store" });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} for the page`);
  const fresh = new DOMParser().parseFromString(await res.text(), "text/html");
  if (!sameShape(shapeOf(document), shapeOf(fresh))) {
    location.reload();
    return;
  }
  if (runPage) {
    // The run page's charts load their points from the run's JSON, which changed behind them.
    const { forgetRunData } = await import("../lineChart/runPoints.ts");
    forgetRunData();
  }
  for (const part of document.querySelectorAll<HTMLElement>(`[${PART}]`)) {
    const name = part.getAttribute(PART)!;
    const next = fresh.querySelector(`[${PART}="${CSS.escape(name)}"]`);
    if (next) part.replaceWith(document.adoptNode(next));
  }
  tick();
  await swapBlocks(fresh, runPage);
  document.documentElement.dataset.runfolioLiveUpdates = String(Number(document.documentElement.dataset.runfolioLiveUpdates ?? 0) + 1);
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
