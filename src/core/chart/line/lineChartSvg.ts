/**
 * A line chart as SVG: the frame (`frame.ts`) and the lines, bands and faint raw lines
 * (`geometry.ts`) mapped by the frame's scales. The build writes it from the full-resolution
 * series; the page lays out the same frame for its own size and state. No DOM, no Node APIs.
 */
import { chartMarkup } from "../../render/markup.ts";
import { escapeXml } from "../../render/escapeHtml.ts";
import type { LineChart, LineRenderSeries } from "../buildLineChart.ts";
import type { LineChartData } from "../lineChartData.ts";
import { layoutLineFrame, lineFrameSvg, type LineFrame } from "./frame.ts";
import type { TextMeasure } from "./textMeasure.ts";
import { linePathD } from "./geometry.ts";
import { columnBandPathD } from "./columnBand.ts";

export type LineDomain = { x: [number, number]; y: [number, number] };

/** The frame of a chart's data at a size: axis kinds and titles from the data, domains as given. */
export function frameFor(data: LineChartData, width: number, height: number, domain: LineDomain | null, logY = data.scale?.y === "log", measure?: TextMeasure): LineFrame {
  return layoutLineFrame({
    width,
    height,
    ...(measure ? { measure } : {}),
    x: { type: data.xKind === "time" ? "utc" : data.scale?.x === "log" ? "log" : "linear", domain: domain?.x ?? [0, 1], title: data.xLabel ?? "x" },
    y: { type: logY ? "log" : "linear", domain: domain?.y ?? [0, 1], title: data.yLabel ?? "y" },
  });
}

/**
 * The static chart, from the full-resolution series of `chart.render`: `role="img"` with the
 * description, `width="100%"` and a viewBox so it scales with its container; frame, then
 * (clipped to the plot, whose clip path is named after the chart id) bands, faint raw lines and
 * lines in legend order. Bands, and the lines of groups of runs as soon as they have more points
 * than the plot has pixel columns, are drawn per pixel column: a report of charts grouped over
 * every run otherwise ships each aggregate at every step (and its band twice). The lines group
 * carries the scales (`data-x`, `data-y`) the page answers hover with.
 */
export function lineChartSvg(chart: LineChart): string {
  const { id, series, domain } = chart.render;
  const frame = frameFor(chart.data, chart.width, chart.height, domain);
  const clipId = `rfl-${id.replace(/[^A-Za-z0-9_-]/g, "_")}-clip`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${chartMarkup.lineSvg}" role="img" aria-label="${escapeXml(chart.description)}" width="100%" viewBox="0 0 ${chart.width} ${chart.height}">` +
    `<g class="${chartMarkup.plot}" transform="translate(${frame.plot.left},${frame.plot.top})">${lineFrameSvg(frame)}${domain ? linesSvg(series, frame, clipId) : ""}</g></svg>`
  );
}

function linesSvg(series: readonly LineRenderSeries[], frame: LineFrame, clipId: string): string {
  const { x: fx, y: fy } = frame;
  const [x0, x1] = fx.domain;
  const { width, height } = frame.plot;
  const logX = fx.type === "log";
  let bands = "";
  let raws = "";
  let lines = "";
  for (const s of series) {
    if (s.lower && s.upper) {
      const d = columnBandPathD(s.x, s.lower, s.upper, fx.scale, fy.scale, width);
      if (d) bands += `<path class="rf-band" d="${d}" fill="${escapeXml(s.color)}" fill-opacity="0.2"/>`;
    }
    if (s.raw) {
      const d = linePathD(s.x, s.raw, fx.scale, fy.scale, x0, x1, width, false, logX, s.grouped);
      if (d) raws += `<path class="rf-raw" d="${d}" stroke="${escapeXml(s.color)}" stroke-opacity="0.25" stroke-width="1"/>`;
    }
    const d = linePathD(s.x, s.y, fx.scale, fy.scale, x0, x1, width, false, logX, s.grouped);
    if (d) {
      const dash = s.dash ? ` stroke-dasharray="${escapeXml(s.dash)}"` : "";
      lines += `<path class="rf-line" d="${d}" stroke="${escapeXml(s.color)}" stroke-width="1.5"${dash}/>`;
    }
  }
  return (
    `<g class="${chartMarkup.lines}" aria-hidden="true" data-x="${escapeXml(fx.text)}" data-y="${escapeXml(fy.text)}"><clipPath id="${clipId}"><rect width="${width}" height="${height}"/></clipPath>` +
    `<g clip-path="url(#${clipId})" fill="none" stroke-linejoin="round" stroke-linecap="round">` +
    `<g stroke="none">${bands}</g>${raws}${lines}</g></g>`
  );
}
