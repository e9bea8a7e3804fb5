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
  /** A CSV of every logged point the chart draws from: linked under the chart and from its export menu. */
  fullDataHref?: string;
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
    `<figure class="${m.figure}${input.toolbar ? ` ${m.withToolbar}` : ""}" id="${escapeHtml(input.id)}" ${m.attribute}="${input.kind}">` +
    `<figcaption><a class="${m.anchor}" href="#${escapeHtml(input.id)}">${escapeHtml(input.title)}</a></figcaption>` +
    // The markup contract (./markup.ts): the SVG, legend and payload are direct children.
    input.svg +
    (input.legend ?? "") +
    `<script type="application/json" class="${m.payload}">${jsonForScript(input.payload)}</script>` +
    notes +
    (input.fullDataHref
      ? `<p class="${m.fullData}"><a href="${escapeHtml(input.fullDataHref)}" download>Every logged point (CSV)</a></p>`
      : "") +
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
