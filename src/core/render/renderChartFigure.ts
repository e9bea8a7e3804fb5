import { escapeHtml, jsonForScript } from "./escapeHtml.ts";
import { chartMarkup as m } from "./markup.ts";

export interface ChartFigureInput {
  id: string;
  /** Who draws it in the page: Runfolio's line chart, or vega (the dataset kinds and raw vega-lite). */
  kind: "line" | "vega";
  title: string;
  /** Build-time SVG (already safe markup, built from escaped text). */
  svg: string;
  /** Already-escaped legend markup shown under the SVG (line charts: `lineLegendHtml`). */
  legend?: string;
  /** What the client needs to hydrate: a line chart's compact data, or a compiled vega spec and its datasets. */
  payload: unknown;
  notes: readonly string[];
  /** Already-escaped HTML shown under the chart for readers without a mouse (a data table). */
  fallback?: string;
  /** The page adds a toolbar (smoothing, zoom, export): its row is reserved at build, so nothing shifts. */
  toolbar?: boolean;
  /** Where every logged point the chart draws from is: see `FullDataOffer`. */
  fullData?: FullDataOffer;
  /** The site's base path, for a chart whose page loads its points from a run's JSON. */
  dataBase?: string;
}

/**
 * Every logged point of a line chart, offered under it (and in its export menu). `csv`: each run's
 * published JSON holds them all, and the page turns them into one CSV on request (the payload
 * names the runs and metrics); `sources`: some run logged more than its JSON holds, so the points
 * are in the runs' source files, linked when few (`more` counts the runs not listed).
 */
export type FullDataOffer =
  | { kind: "csv"; base: string }
  | { kind: "sources"; files: readonly { run: string; file: string; href: string | null }[]; more: number };

/** What the site gives a line chart to offer every logged point with (`BlockContext.fullData`). */
export interface FullDataLinks {
  /** The site's base path: the page fetches each run's JSON under it. */
  base: string;
  /** A run source file's link (the copy, or the file at the built commit), or null when there is none. */
  sourceHref: (file: string) => string | null;
}

/** Runs whose source files a chart lists by name; more would crowd the figure. */
export const LISTED_SOURCE_RUNS = 10;

function renderFullData(offer: FullDataOffer): string {
  if (offer.kind === "csv") {
    // Shown by the page script, which builds the file: without JavaScript there is nothing to click.
    return `<p class="${m.fullData}" ${m.dataBase}="${escapeHtml(offer.base)}" hidden><button type="button" class="rf-chart-button">Every logged point (CSV)</button></p>`;
  }
  const listed = offer.files.map((f) => {
    const name = `${escapeHtml(f.run)}: <code>${escapeHtml(f.file)}</code>`;
    return f.href ? `<a href="${escapeHtml(f.href)}">${name}</a>` : name;
  });
  if (!listed.length) return `<p class="${m.fullData}">Every logged point is in each run's source files, listed on its run page.</p>`;
  const more = offer.more ? ` The other ${offer.more} runs list theirs on their run pages.` : "";
  return `<p class="${m.fullData}">Every logged point is in the runs' source files: ${listed.join(", ")}.${more}</p>`;
}

/**
 * A chart as it stands in the page: a titled figure whose static SVG shows with JavaScript off,
 * with the hydration payload beside it in a non-executable JSON script (allowed by a strict CSP).
 */
export function renderChartFigure(input: ChartFigureInput): string {
  const notes = input.notes.length
    ? `<ul class="${m.notes}">${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`
    : "";
  return (
    `<figure class="${m.figure}${input.toolbar ? ` ${m.withToolbar}` : ""}" id="${escapeHtml(input.id)}" ${m.attribute}="${input.kind}"${input.dataBase === undefined ? "" : ` ${m.dataBase}="${escapeHtml(input.dataBase)}"`}>` +
    `<figcaption><a class="${m.anchor}" href="#${escapeHtml(input.id)}">${escapeHtml(input.title)}</a></figcaption>` +
    // The markup contract (./markup.ts): the SVG, legend and payload are direct children.
    input.svg +
    (input.legend ?? "") +
    `<script type="application/json" class="${m.payload}">${jsonForScript(input.payload)}</script>` +
    notes +
    (input.fullData ? renderFullData(input.fullData) : "") +
    `${input.fallback ?? ""}</figure>`
  );
}

/** A block that could not be rendered, shown in its place (dev server) with every problem. */
export function renderBlockError(lang: string, messages: readonly string[]): string {
  return (
    `<div class="rf-block-error" role="alert"><strong>This \`${escapeHtml(lang)}\` block has ${messages.length} problem${messages.length === 1 ? "" : "s"}</strong>` +
    `<pre>${messages.map(escapeHtml).join("\n\n")}</pre></div>`
  );
}
