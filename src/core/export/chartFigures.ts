import { parse } from "node-html-parser";

export interface ChartFigure {
  /** The figure's anchor id (`chart-2`), the chart's name in links and embed URLs. */
  id: string;
  /** The caption text. */
  title: string;
  /** The whole `<figure>` as rendered (static SVG, hydration payload, notes). */
  html: string;
  /** The build-time SVG alone. */
  svg: string;
}

/**
 * Every chart figure of a rendered report, in page order: the markup contract of
 * `renderChartFigure` (`<figure id=… data-runfolio-chart>` with the SVG as a direct child).
 * Figures without an id (none today) are skipped: they cannot be linked to.
 */
export function chartFigures(html: string): ChartFigure[] {
  const root = parse(html, { comment: false });
  const out: ChartFigure[] = [];
  for (const fig of root.querySelectorAll("figure[data-runfolio-chart]")) {
    const id = fig.getAttribute("id");
    if (!id) continue;
    const svg = fig.childNodes.find((n) => "tagName" in n && (n as { tagName: string }).tagName?.toLowerCase() === "svg");
    out.push({
      id,
      title: fig.querySelector("figcaption")?.textContent.trim() ?? id,
      html: html.slice(fig.range[0], fig.range[1]),
      svg: svg ? html.slice(svg.range[0], svg.range[1]) : "",
    });
  }
  return out;
}
