/**
 * Swapping a fresh render of the open page into it, block by block, for the dev server's live
 * updates (liveRuns.ts): chart figures, interactive runs tables and cited facts (values cited in
 * prose, claim lists, scalar figures). Charts and tables hydrate again from the URL hash, which
 * holds their zoom, hidden series, smoothing, sorting, filters and page, so a swap keeps them.
 */
import type { PageShape } from "../../core/live/pageShape.ts";
import { chartMarkup, tableMarkup } from "../../core/render/markup.ts";

const PART = "data-runfolio-live";
/** What a report shows from runs besides charts and tables (remarkReportFacts, checkClaims, renderScalar). */
const FACTS = ".rf-cite, .rf-claims, .rf-scalar";
const CHARTS = `figure[${chartMarkup.attribute}]`;
const TABLES = `[${tableMarkup.attribute}]`;

export function shapeOf(doc: Document): PageShape {
  return {
    parts: [...doc.querySelectorAll(`[${PART}]`)].map((el) => el.getAttribute(PART) ?? ""),
    charts: [...doc.querySelectorAll(CHARTS)].map((el) => el.id),
    tables: [...doc.querySelectorAll(TABLES)].map((el) => el.id),
    facts: doc.querySelectorAll(FACTS).length,
  };
}

/** Whether the page shows anything a run change can update in place. */
export function hasLiveBlocks(doc: Document): boolean {
  return doc.querySelector(`${CHARTS}, ${TABLES}, ${FACTS}`) !== null;
}

/** The JSON a chart or table hydrates from: when it is unchanged, so is what the block shows. */
function payloadOf(el: Element, selector: string): string | null {
  return el.querySelector(selector)?.textContent ?? null;
}

/**
 * Swaps `fresh`'s charts (all of them with `allCharts`, whose points may load from a run's JSON
 * behind an unchanged payload; else those whose payload changed), tables and facts into the open
 * page, which has the same shape. Returns how many blocks were swapped.
 */
export async function swapBlocks(fresh: Document, allCharts: boolean): Promise<number> {
  let swapped = 0;
  const charts = [...document.querySelectorAll<HTMLElement>(CHARTS)];
  const changedCharts = charts.filter((old) => {
    const next = fresh.getElementById(old.id);
    if (!next) return false;
    const before = payloadOf(old, `:scope > script.${chartMarkup.payload}`);
    return allCharts || before === null || before !== payloadOf(next, `:scope > script.${chartMarkup.payload}`);
  });
  const hydrations: Promise<void>[] = [];
  if (changedCharts.length) {
    const { hydrate } = await import("../hydrateCharts.ts");
    for (const old of changedCharts) {
      const wasLive = old.dataset.hydrated !== undefined;
      const figure = document.adoptNode(fresh.getElementById(old.id)!) as HTMLElement;
      old.replaceWith(figure);
      swapped++;
      // A chart not hydrated yet keeps waiting for the viewport, as on a page load.
      if (wasLive) hydrations.push(hydrate(figure));
      else hydrateWhenNear(figure, hydrate);
    }
  }
  const tables = [...document.querySelectorAll<HTMLElement>(TABLES)].filter((old) => {
    const next = fresh.getElementById(old.id);
    return next !== null && payloadOf(old, `script.${tableMarkup.payload}`) !== payloadOf(next, `script.${tableMarkup.payload}`);
  });
  if (tables.length) {
    const { setupRunsTable } = await import("../runsTable.ts");
    for (const old of tables) {
      const table = document.adoptNode(fresh.getElementById(old.id)!) as HTMLElement;
      old.replaceWith(table);
      setupRunsTable(table);
      swapped++;
    }
  }
  const nextFacts = [...fresh.querySelectorAll(FACTS)];
  [...document.querySelectorAll(FACTS)].forEach((old, i) => {
    const next = nextFacts[i];
    if (!next || next.outerHTML === old.outerHTML) return;
    old.replaceWith(document.adoptNode(next));
    swapped++;
  });
  await Promise.all(hydrations);
  return swapped;
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
