/**
 * A line chart's frame: plot area, axes (ticks, labels, titles) and grid, laid out for a size and
 * written as SVG. The build draws the static chart with it and the page redraws it on zoom, log
 * toggle and resize, so both show the same frame and the page needs no chart library for line
 * charts. Ticks and their labels come from d3-scale (the same rules vega uses); pixels map through
 * `frameScale.ts`, which the page also reads back from the static SVG. No DOM, no Node APIs.
 */
import { chartMarkup } from "../../render/markup.ts";
import { scaleLinear, scaleLog, scaleUtc } from "d3-scale";
import { escapeXml } from "../../render/escapeHtml.ts";
import { usableDomain } from "../usableDomain.ts";
import { formatFrameScale, parseFrameScale, type FrameScale } from "./frameScale.ts";
import { estimateTextWidth, fitText, type TextMeasure } from "./textMeasure.ts";

export type FrameScaleType = "linear" | "log" | "utc";

export interface FrameAxisInput {
  type: FrameScaleType;
  /** Data extent to show; a linear y axis is widened to round ticks, a log y axis padded. */
  domain: readonly [number, number];
  title: string;
}

export interface LineFrameInput {
  /** The whole SVG, in px. */
  width: number;
  height: number;
  x: FrameAxisInput;
  y: FrameAxisInput;
  /** Widths of label and title text. __Default value:__ `estimateTextWidth` (the build has no fonts). */
  measure?: TextMeasure;
}

export interface FrameTick {
  /** Pixel offset along the axis, from the plot's left (x) or top (y). */
  at: number;
  /** "" for a tick drawn without a label (log axes thin their labels). */
  label: string;
  /** How an x label hangs from its tick: the first and last stay inside the plot's width. */
  anchor?: "start" | "middle" | "end";
}

export interface FrameAxis {
  type: FrameScaleType;
  domain: [number, number];
  title: string;
  ticks: FrameTick[];
  /** `formatFrameScale` text of the scale (written on the static lines group for the page). */
  text: string;
  scale: FrameScale;
}

export interface LineFrame {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  x: FrameAxis;
  y: FrameAxis;
  /** Axis titles as drawn: cut with an ellipsis to the plot's width (x) and height (y). */
  titles: { x: { text: string; cut: boolean }; y: { text: string; cut: boolean } };
}

const LABEL_FONT = 10;
const TITLE_FONT = 11;
const TICK = 5;
const LABEL_GAP = 2;
const TITLE_GAP = 6;
const TOP = 8;
const RIGHT = 8;
/** x labels' baseline and the x title's, below the plot. */
const X_LABEL_Y = TICK + LABEL_GAP + LABEL_FONT;
const X_TITLE_Y = X_LABEL_Y + TITLE_GAP + TITLE_FONT;
const BOTTOM = X_TITLE_Y + 4;
/** Pixels between ticks the axes aim for (vega-lite's default tick count). */
const TICK_SPACING = 40;
/** Least space between two x labels. */
const X_LABEL_GAP = 6;
/** A log y axis keeps this many pixels free at each end, so lines at the extremes stay visible. */
const LOG_PADDING = 6;
/** Least positive end of a padded log domain (see `usableDomain`). */
const LOG_MIN = 1e-251;

/** Plot area, scales, ticks, labels and titles of a line chart of the given size and domains. */
export function layoutLineFrame(input: LineFrameInput): LineFrame {
  const measure = input.measure ?? estimateTextWidth;
  const width = (label: string) => measure(label, LABEL_FONT);
  const plotHeight = Math.max(20, Math.round(input.height - TOP - BOTTOM));
  const y = axis(input.y, plotHeight, true, Math.ceil(plotHeight / TICK_SPACING));
  const labelWidth = Math.max(0, ...y.ticks.map((t) => width(t.label)));
  const left = Math.ceil(TICK + LABEL_GAP + labelWidth + TITLE_GAP + TITLE_FONT + 2);
  const plotWidth = Math.max(20, Math.round(input.width - left - RIGHT));
  // Fewer x ticks until their labels fit side by side (wide labels like "10,000" or dates).
  let count = Math.ceil(plotWidth / TICK_SPACING);
  let x = axis(input.x, plotWidth, false, count);
  while (count > 2 && !labelsFit(anchorLabels(x.ticks, plotWidth, width), width)) x = axis(input.x, plotWidth, false, (count = Math.ceil(count / 2)));
  x.ticks = thinXLabels(anchorLabels(x.ticks, plotWidth, width), plotWidth, width);
  y.ticks = thinLabels(y.ticks, () => LABEL_FONT, 2);
  const titles = {
    x: fitText(input.x.title, plotWidth, TITLE_FONT, measure, "bold"),
    y: fitText(input.y.title, plotHeight, TITLE_FONT, measure, "bold"),
  };
  return { width: input.width, height: input.height, plot: { left, top: TOP, width: plotWidth, height: plotHeight }, x, y, titles };
}

/** Where an x label's text starts and ends, in plot pixels, given its anchor. */
function labelSpan(t: FrameTick, width: (label: string) => number): [number, number] {
  const w = width(t.label);
  return t.anchor === "start" ? [t.at, t.at + w] : t.anchor === "end" ? [t.at - w, t.at] : [t.at - w / 2, t.at + w / 2];
}

/** Labels centred on their ticks, except that one sticking out of the plot hangs inwards. */
function anchorLabels(ticks: readonly FrameTick[], plotWidth: number, width: (label: string) => number): FrameTick[] {
  return ticks.map((t) => {
    const half = width(t.label) / 2;
    return { ...t, anchor: t.at - half < 0 ? "start" : t.at + half > plotWidth ? "end" : "middle" };
  });
}

function labelsFit(ticks: readonly FrameTick[], width: (label: string) => number): boolean {
  let end = -Infinity;
  for (const t of [...ticks].sort((a, b) => a.at - b.at)) {
    if (!t.label) continue;
    const [from, to] = labelSpan(t, width);
    if (from < end + X_LABEL_GAP) return false;
    end = to;
  }
  return true;
}

/** x labels that would overlap a kept one are blanked (the tick stays); the last label wins over its neighbour. */
function thinXLabels(ticks: FrameTick[], plotWidth: number, width: (label: string) => number): FrameTick[] {
  const ordered = [...ticks].filter((t) => t.label).sort((a, b) => a.at - b.at);
  const kept = new Set<FrameTick>();
  let end = -Infinity;
  const last = ordered[ordered.length - 1];
  const lastFrom = last ? labelSpan(last, width)[0] : plotWidth;
  for (const t of ordered) {
    const [from, to] = labelSpan(t, width);
    if (from < end + X_LABEL_GAP) continue;
    if (t !== last && to + X_LABEL_GAP > lastFrom) continue;
    kept.add(t);
    end = to;
  }
  return ticks.map((t) => (kept.has(t) || !t.label ? t : { at: t.at, label: "" }));
}

function axis(input: FrameAxisInput, length: number, vertical: boolean, tickCount: number): FrameAxis {
  const count = Math.max(2, tickCount);
  const domain = usableDomain(input.type, input.domain);
  const range: [number, number] = vertical ? [length, 0] : [0, length];
  if (input.type === "utc") {
    const s = scaleUtc().domain(domain).range(range);
    const format = s.tickFormat(count);
    return finish(input, domain, range, s.ticks(count).map((d) => ({ value: +d, label: format(d) })));
  }
  if (input.type === "log") {
    const padded = vertical ? padLog(domain, length) : domain;
    const s = scaleLog().domain(padded).range(range);
    const format = s.tickFormat(count, ",~g");
    return finish(input, padded, range, s.ticks(count).map((v) => ({ value: v, label: format(v) })));
  }
  // y rounds out to ticks (vega-lite's "nice"); x ends at the data so a zoom is exact.
  const s = scaleLinear().domain(domain).range(range);
  const ticks = vertical ? fittedNice(s, domain, count) : count;
  // Rounding out to ticks can overflow at the edge of the number range: keep the data's domain then.
  if (!Number.isFinite(s.domain()[1]! - s.domain()[0]!)) s.domain(domain);
  const [d0, d1] = s.domain() as [number, number];
  const format = s.tickFormat(ticks);
  return finish(input, [d0, d1], range, s.ticks(ticks).map((v) => ({ value: v, label: format(v) })));
}

function finish(input: FrameAxisInput, domain: [number, number], range: [number, number], ticks: { value: number; label: string }[]): FrameAxis {
  const text = formatFrameScale(input.type, domain, range);
  const scale = parseFrameScale(text)!;
  return {
    type: input.type,
    domain,
    title: input.title,
    text,
    scale,
    ticks: ticks.map((t) => ({ at: scale(t.value), label: t.label })).filter((t) => t.at >= -0.5 && t.at <= Math.max(range[0], range[1]) + 0.5),
  };
}

/** A nice y domain may add at most this share of the data's span (else finer ticks are used). */
const NICE_SLACK = 0.25;

/**
 * Rounds a linear y scale out to ticks, with finer ticks while the coarse ones would leave much of
 * the plot empty (a short plot asks for two ticks: data 4–11 would be drawn on 0–20). Returns the
 * tick count used; the labels are thinned afterwards, so extra ticks cost no overlap.
 */
function fittedNice(s: ReturnType<typeof scaleLinear>, domain: readonly [number, number], count: number): number {
  const span = domain[1] - domain[0];
  let n = count;
  for (; n <= Math.max(count, 10); n++) {
    s.domain(domain).nice(n);
    const [a, b] = s.domain() as [number, number];
    if (!(span > 0) || b - a <= span * (1 + NICE_SLACK)) return n;
  }
  return n - 1;
}

/** A log domain widened so its ends sit `LOG_PADDING` px inside the plot. */
function padLog([lo, hi]: [number, number], length: number): [number, number] {
  const l0 = Math.log(lo);
  const l1 = Math.log(hi);
  const d = ((l1 - l0) * LOG_PADDING) / Math.max(1, length - 2 * LOG_PADDING);
  return [Math.max(LOG_MIN, Math.exp(l0 - d)), Math.min(Number.MAX_VALUE, Math.exp(l1 + d))];
}

/** Labels that would overlap the previous kept one are blanked (the tick stays). */
function thinLabels(ticks: FrameTick[], size: (t: FrameTick) => number, gap: number): FrameTick[] {
  const ordered = [...ticks].sort((a, b) => a.at - b.at);
  let end = -Infinity;
  const kept = new Set<FrameTick>();
  for (const t of ordered) {
    if (!t.label) continue;
    const half = size(t) / 2;
    if (t.at - half < end + gap) continue;
    kept.add(t);
    end = t.at + half;
  }
  return ticks.map((t) => (kept.has(t) || !t.label ? t : { at: t.at, label: "" }));
}

/** Width of axis text as the build estimates it (see `textMeasure.ts`). */
export function textWidth(text: string, fontSize: number): number {
  return estimateTextWidth(text, fontSize);
}

const r1 = (v: number): number => Math.round(v * 10) / 10;

/**
 * The frame as SVG, in plot coordinates (the caller translates it to `plot.left`, `plot.top`):
 * grid, axis lines, ticks, labels and titles. Colours are attributes (an exported SVG keeps them);
 * the page's stylesheet adapts them to dark mode through the classes.
 */
export function lineFrameSvg(frame: LineFrame): string {
  const { width: w, height: h } = frame.plot;
  const grid: string[] = [];
  const ticks: string[] = [];
  const labels: string[] = [];
  // A log axis ticks every 2…9 × 10^k: grid lines only where it writes a label.
  const gridAt = (axis: FrameAxis, t: FrameTick): boolean => axis.type !== "log" || t.label !== "";
  for (const t of frame.x.ticks) {
    const x = r1(t.at);
    if (gridAt(frame.x, t)) grid.push(`M${x},0v${h}`);
    ticks.push(`M${x},${h}v${TICK}`);
    if (!t.label) continue;
    const anchor = t.anchor ?? "middle";
    labels.push(`<text x="${anchor === "start" ? Math.max(0, x) : anchor === "end" ? Math.min(w, x) : x}" y="${h + X_LABEL_Y}" text-anchor="${anchor}">${escapeXml(t.label)}</text>`);
  }
  for (const t of frame.y.ticks) {
    const y = r1(t.at);
    if (gridAt(frame.y, t)) grid.push(`M0,${y}h${w}`);
    ticks.push(`M0,${y}h${-TICK}`);
    if (t.label) labels.push(`<text x="${-(TICK + LABEL_GAP)}" y="${r1(t.at + LABEL_FONT * 0.35)}" text-anchor="end">${escapeXml(t.label)}</text>`);
  }
  const titleX = -(frame.plot.left - TITLE_FONT + 1);
  // The build's SVG is scaled to its box until the chart turns live: a scaled 1 px crisp line snaps
  // to 1 or 2 device pixels, and the 2 px ones read as markers. Strokes that do not scale stay 1 px.
  const line = `fill="none" shape-rendering="crispEdges" vector-effect="non-scaling-stroke"`;
  return (
    `<g class="${chartMarkup.frame}" aria-hidden="true">` +
    `<path class="rf-grid" d="${grid.join("")}" stroke="#ddd" ${line}/>` +
    `<path class="rf-axis-line" d="M0,0v${h}h${w}${ticks.join("")}" stroke="#888" ${line}/>` +
    `<g class="rf-axis-labels" font-family="sans-serif" font-size="${LABEL_FONT}px" fill="#000">${labels.join("")}</g>` +
    `<g class="rf-axis-titles" font-family="sans-serif" font-size="${TITLE_FONT}px" font-weight="bold" fill="#000" text-anchor="middle">` +
    `<text x="${r1(w / 2)}" y="${h + X_TITLE_Y}">${titleSvg(frame.titles.x, frame.x.title)}</text>` +
    `<text transform="translate(${r1(titleX)},${r1(h / 2)}) rotate(-90)">${titleSvg(frame.titles.y, frame.y.title)}</text>` +
    `</g></g>`
  );
}

/** A title's text; a cut one keeps its full form in a `<title>` (a tooltip, and for the layout check). */
function titleSvg(fit: { text: string; cut: boolean }, full: string): string {
  return fit.cut ? `<title>${escapeXml(full)}</title>${escapeXml(fit.text)}` : escapeXml(fit.text);
}
