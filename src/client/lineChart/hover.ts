/**
 * The hover layer: the vertical rule at the nearest logged x, the tooltip listing the shown
 * series' values there (nearest line in bold, highest value on top; on a short plot only the
 * lines nearest the pointer, see `tooltipRows`), and the nearest line drawn thicker.
 */
import { nearestIndex } from "../../core/chart/line/geometry.ts";
import type { FrameScale } from "../../core/chart/line/frameScale.ts";
import type { LiveSeries } from "../../core/chart/line/liveSeries.ts";
import { tooltipRows } from "../../core/chart/line/tooltipRows.ts";
import type { LineChartData } from "../../core/chart/lineChartData.ts";
import { formatChartNumber as formatNumber } from "../../core/format/formatValue.ts";
import { htmlEl, svgEl } from "./dom.ts";

export interface HoverView {
  readonly series: readonly LiveSeries[];
  readonly hidden: ReadonlySet<number>;
  readonly smoothed: boolean;
  /** Each series' line path, by series index. */
  readonly linePaths: readonly SVGPathElement[];
  scales(): { sx: FrameScale; sy: FrameScale } | null;
  /** The plot's height in px as drawn. */
  plotHeight(): number;
}

export class Hover {
  readonly rule = svgEl("line", { class: "rf-rule", y1: "0" });
  readonly tooltip = htmlEl("div", "rf-chart-tooltip");
  private highlighted = -1;
  private readonly el: HTMLElement;
  private readonly data: LineChartData;
  private readonly view: HoverView;

  constructor(el: HTMLElement, data: LineChartData, view: HoverView) {
    this.el = el;
    this.data = data;
    this.view = view;
    this.rule.setAttribute("visibility", "hidden");
    this.tooltip.hidden = true;
    this.tooltip.setAttribute("role", "status");
    el.append(this.tooltip);
  }

  /** The pointer at plot pixel (px, py); `e` places the tooltip beside it. */
  show(px: number, py: number, e: PointerEvent): void {
    const scales = this.view.scales();
    if (!scales) return;
    const { sx, sy } = scales;
    const xv = sx.invert(px);
    const rows: { s: LiveSeries; i: number; v: number; dy: number }[] = [];
    for (const s of this.view.series) {
      if (this.view.hidden.has(s.index)) continue;
      const i = nearestIndex(s.x, xv, s.sorted);
      if (i < 0 || !Number.isFinite(s.drawn[i]!)) continue;
      rows.push({ s, i, v: s.drawn[i]!, dy: Math.abs(sy(s.drawn[i]!) - py) });
    }
    if (!rows.length) return this.hide();
    let near = rows[0]!;
    for (const r of rows) if (r.dy < near.dy) near = r;
    const ruleX = sx(near.s.x[near.i]!);
    this.rule.setAttribute("x1", String(ruleX));
    this.rule.setAttribute("x2", String(ruleX));
    this.rule.setAttribute("visibility", "visible");
    this.highlight(near.s.index);

    // A tooltip never hides most of the plot: past a few rows it lists the lines nearest the pointer.
    const { rows: shown, more } = tooltipRows(rows, this.view.plotHeight());
    const tip = this.tooltip;
    const approx = near.s.xRounding ? "≈ " : "";
    const head = htmlEl("div", "rf-tt-head", `${this.data.xLabel ?? "x"} ${approx}${this.formatX(near.s.x[near.i]!)}`);
    const body = htmlEl("div", "rf-tt-rows");
    const smoothed = this.view.smoothed;
    for (const r of shown) {
      const row = htmlEl("div", r === near ? "rf-tt-row rf-tt-near" : "rf-tt-row");
      const sw = htmlEl("span", "rf-tt-swatch");
      sw.style.background = r.s.color;
      row.append(sw, htmlEl("span", "rf-tt-name", r.s.label), htmlEl("span", "rf-tt-value", formatNumber(r.v)));
      if (smoothed) row.append(htmlEl("span", "rf-tt-raw", `raw ${formatNumber(r.s.y[r.i]!)}`));
      if (r.s.n) row.append(htmlEl("span", "rf-tt-n", `n=${r.s.n[r.i] ?? 0}`));
      if (r.s.lower && Number.isFinite(r.s.lower[r.i]!)) {
        row.append(htmlEl("span", "rf-tt-band", `[${formatNumber(r.s.lower[r.i]!)}, ${formatNumber(r.s.upper![r.i]!)}]`));
      }
      body.append(row);
    }
    if (more) body.append(htmlEl("div", "rf-tt-more", `+${more} more (the legend isolates a line)`));
    tip.replaceChildren(head, body);
    tip.hidden = false;
    const fig = this.el.getBoundingClientRect();
    const tw = tip.offsetWidth;
    let left = e.clientX - fig.left + 14;
    if (left + tw > fig.width) left = Math.max(0, e.clientX - fig.left - tw - 14);
    tip.style.left = `${left}px`;
    // Below the pointer, or above it when it would run past the figure's foot.
    const th = tip.offsetHeight;
    let top = e.clientY - fig.top + 14;
    if (top + th > fig.height) top = e.clientY - fig.top - th - 14;
    tip.style.top = `${Math.max(0, top)}px`;
  }

  hide(): void {
    this.rule.setAttribute("visibility", "hidden");
    this.tooltip.hidden = true;
    this.highlight(-1);
  }

  private highlight(index: number): void {
    if (index === this.highlighted) return;
    if (this.highlighted >= 0) this.view.linePaths[this.highlighted]?.setAttribute("stroke-width", "1.5");
    if (index >= 0) this.view.linePaths[index]?.setAttribute("stroke-width", "3");
    this.highlighted = index;
  }

  private formatX(v: number): string {
    if (this.data.xKind === "time") return new Date(v).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
    if (this.data.xKind === "relative") return `${formatNumber(v)} h`;
    return formatNumber(v);
  }
}
