/**
 * A line chart's legend: one entry per run (or group) with its colour, and with several metrics a
 * second legend of dash patterns. HTML in the page (it wraps, scrolls past a hundred runs, and its
 * entries become buttons before any chart code runs), SVG in an exported image. The build and the
 * page derive it from the same data, so an entry's index names the same series on both sides.
 */
import { chartMarkup } from "../../render/markup.ts";
import { escapeHtml, escapeXml } from "../../render/escapeHtml.ts";
import { isMultiMetric, type LineChartData } from "../lineChartData.ts";
import { dashFor } from "./geometry.ts";
import { textWidth } from "./frame.ts";

export interface LegendEntry {
  label: string;
  /** Swatch stroke: the run's colour, grey in the metric legend. */
  color: string;
  /** Swatch stroke-dasharray, "" for solid. */
  dash: string;
  /** Indices of the series this entry shows and hides. */
  members: number[];
}

export interface LineLegend {
  /** Colour legend title (`legendTitle`: "run", or the group field). */
  title: string;
  entries: LegendEntry[];
  /** The dash legend, when the chart shows several metrics. */
  metrics: LegendEntry[];
}

const METRIC_SWATCH = "#555";

/** Entries in the series' order (the build sorts series into legend order). */
export function lineLegend(data: LineChartData): LineLegend {
  const byName = new Map<string, LegendEntry>();
  data.series.forEach((s, i) => {
    const entry = byName.get(s.name);
    if (entry) entry.members.push(i);
    else byName.set(s.name, { label: s.name, color: s.color, dash: "", members: [i] });
  });
  const metrics = isMultiMetric(data)
    ? (data.metrics ?? []).map((m, k) => ({
        label: m,
        color: METRIC_SWATCH,
        dash: dashFor(k),
        members: data.series.flatMap((s, i) => (s.metric === m ? [i] : [])),
      }))
    : [];
  return { title: data.legendTitle ?? "run", entries: [...byName.values()], metrics };
}

/**
 * The legend as page markup: `data-legend` ("entries" or "metrics") and `data-entry` index each
 * entry for the page. A single run or group has no colour legend; "" when nothing is left.
 */
export function lineLegendHtml(legend: LineLegend): string {
  const list = (kind: "entries" | "metrics", title: string, entries: readonly LegendEntry[]): string =>
    `<div class="${chartMarkup.legend}" data-legend="${kind}"><span class="rf-legend-title">${escapeHtml(title)}</span><ul>` +
    entries
      .map(
        (e, k) =>
          `<li><span class="rf-legend-entry" data-entry="${k}"><svg class="rf-swatch" viewBox="0 0 20 10" aria-hidden="true">` +
          `<path d="M1,5h18" stroke="${escapeHtml(e.color)}" stroke-width="2"${e.dash ? ` stroke-dasharray="${e.dash}"` : ""}/></svg>` +
          `<span class="rf-legend-label">${escapeHtml(e.label)}</span></span></li>`,
      )
      .join("") +
    `</ul></div>`;
  // One run (or group) needs no colour legend: the chart's title and tooltip name it.
  const colours = legend.entries.length > 1 ? list("entries", legend.title, legend.entries) : "";
  const metrics = legend.metrics.length ? list("metrics", "metric", legend.metrics) : "";
  return colours || metrics ? `<div class="${chartMarkup.legends}">${colours}${metrics}</div>` : "";
}

const ROW = 16;
const FONT = 11;
const SWATCH = 20;
const GAP = 14;

/**
 * The legend as SVG rows under an exported chart, `width` wide: titles, then entries wrapped into
 * columns of the widest label. Skips entries whose series are all hidden (`hidden`).
 */
export function lineLegendSvg(legend: LineLegend, width: number, hidden: ReadonlySet<number> = new Set()): { svg: string; height: number } {
  let y = 0;
  let out = "";
  for (const [title, entries] of [[legend.title, legend.entries], ["metric", legend.metrics]] as const) {
    const shown = entries.filter((e) => !e.members.every((i) => hidden.has(i)));
    if (!shown.length) continue;
    y += ROW;
    out += `<text x="0" y="${y - 4}" font-weight="bold">${escapeXml(title)}</text>`;
    const colWidth = SWATCH + 6 + Math.max(...shown.map((e) => textWidth(e.label, FONT))) + GAP;
    const cols = Math.max(1, Math.floor(width / colWidth));
    shown.forEach((e, k) => {
      const cx = (k % cols) * colWidth;
      const cy = y + Math.floor(k / cols) * ROW + ROW / 2;
      out +=
        `<path d="M${Math.round(cx)},${cy}h${SWATCH}" stroke="${escapeXml(e.color)}" stroke-width="2"${e.dash ? ` stroke-dasharray="${e.dash}"` : ""}/>` +
        `<text x="${Math.round(cx + SWATCH + 6)}" y="${cy + 4}">${escapeXml(e.label)}</text>`;
    });
    y += Math.ceil(shown.length / cols) * ROW + 4;
  }
  return { svg: `<g class="rf-legend-svg" font-family="sans-serif" font-size="${FONT}px" fill="#000">${out}</g>`, height: y };
}
