/**
 * Interactive line chart (see docs/charts.md, "Hydration"). The page keeps the build's SVG and
 * redraws it in place with the build's own code: the frame (`line/frame.ts`: axes, grid, titles)
 * laid out for the chart's size, zoom and y scale, and the lines, faint raw lines and bands
 * (`line/geometry.ts`) from the compact data. No chart library. This module owns the figure's
 * DOM and redraws it; pointer input, hover, the legend, the toolbar and the exports are modules
 * beside it.
 *
 * State that matters (smoothing, x zoom, hidden series, log y) lives in the URL hash, one entry per
 * chart id: `#chart-2=s0.6,x100-900,h3.5,ly` (see `core/chart/chartUrlState.ts`).
 */
import { chartMarkup } from "../../core/render/markup.ts";
import { bandPathD, linePathD } from "../../core/chart/line/geometry.ts";
import { parseFrameScale, type FrameScale } from "../../core/chart/line/frameScale.ts";
import { lineFrameSvg, type LineFrame } from "../../core/chart/line/frame.ts";
import type { TextMeasure } from "../../core/chart/line/textMeasure.ts";
import { lineLegend } from "../../core/chart/line/legend.ts";
import { frameFor } from "../../core/chart/line/lineChartSvg.ts";
import { liveDomain, liveSeries, type LiveSeries } from "../../core/chart/line/liveSeries.ts";
import { sliderFor, sliderValue, sliderValueOf, specOf, type SliderDef } from "../../core/chart/line/smoothingSlider.ts";
import type { XRange } from "../../core/chart/line/zoomDomain.ts";
import type { LineChartData } from "../../core/chart/lineChartData.ts";
import { smooth, type SmoothSpec } from "../../core/series/smooth.ts";
import { readChartState, writeChartState, type ChartState } from "../urlState.ts";
import { svgEl } from "./dom.ts";
import { exportCsv, exportFullCsv, exportPng, exportSvg } from "./export.ts";
import { Hover } from "./hover.ts";
import { bindLegend, showLegendState } from "./legend.ts";
import { bindPointer } from "./pointer.ts";
import { measureTextIn } from "./measureText.ts";
import { buildToolbar, type Toolbar } from "./toolbar.ts";

/**
 * Hydrating a line chart figure, the first of two steps: hover answers on the static chart at
 * once. `start()` on the result makes the chart live (legend, toolbar, zoom, redraws at its own
 * size), which `hydrateCharts` does one chart at a time.
 */
export function prepareLineChart(el: HTMLElement, data: LineChartData): { start(): Promise<void> } {
  const chart = new LineChartView(el, data);
  chart.prepare();
  return chart;
}

class LineChartView {
  readonly id: string;
  readonly series: LiveSeries[];
  readonly slider: SliderDef;
  readonly legend: ReturnType<typeof lineLegend>;
  readonly svg: SVGSVGElement;
  private readonly state: ChartState;
  /** The frame drawn last (live); undefined until `start`. */
  frame: LineFrame | undefined;
  private staticScales: { sx: FrameScale; sy: FrameScale } | undefined;
  private box = { width: 0, height: 0 };
  private smoothing: SmoothSpec = { kind: "none" };
  private readonly overlay = svgEl("g", { class: chartMarkup.lines });
  private readonly clipRect = svgEl("rect");
  private readonly bandPaths: SVGPathElement[] = [];
  private readonly rawPaths: SVGPathElement[] = [];
  readonly linePaths: SVGPathElement[] = [];
  readonly brush = svgEl("rect", { class: "rf-brush", y: "0", height: "0", width: "0" });
  readonly hit = svgEl("rect", { class: "rf-hit", x: "0", y: "0", fill: "transparent", "pointer-events": "all" });
  private hoverLayer: Hover | undefined;
  private toolbar: Toolbar | undefined;
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private measure: TextMeasure | undefined;
  private prepared = false;

  readonly el: HTMLElement;
  readonly data: LineChartData;

  constructor(el: HTMLElement, data: LineChartData) {
    this.el = el;
    this.data = data;
    this.id = data.id ?? el.id ?? "chart";
    this.series = liveSeries(data);
    this.legend = lineLegend(data);
    this.slider = sliderFor(data.smoothing);
    const svg = el.querySelector<SVGSVGElement>(`:scope > svg.${chartMarkup.lineSvg}`);
    if (!svg?.querySelector(`g.${chartMarkup.plot} > g.${chartMarkup.frame}`)) throw new Error("the static chart is missing");
    this.svg = svg;
    this.state = {
      smooth: sliderValueOf(data.smoothing),
      x: null,
      hidden: new Set<number>(),
      logY: data.scale?.y === "log",
      ...readChartState(this.id),
    };
    for (const h of [...this.state.hidden]) if (!(h >= 0 && h < this.series.length)) this.state.hidden.delete(h);
    if (this.state.smooth !== undefined) this.state.smooth = sliderValue(this.slider, this.state.smooth);
  }

  get hidden(): Set<number> {
    return this.state.hidden;
  }
  get seriesCount(): number {
    return this.series.length;
  }
  get noun(): string {
    return this.data.legendTitle ?? "run";
  }
  get smoothed(): boolean {
    return this.smoothing.kind !== "none";
  }
  get smooth(): number {
    return this.state.smooth ?? 0;
  }
  get logY(): boolean {
    return this.state.logY;
  }
  get zoomed(): boolean {
    return this.state.x !== null;
  }
  get zoom(): XRange | null {
    return this.state.x;
  }
  set zoom(x: XRange | null) {
    this.state.x = x;
  }
  get fullX(): [number, number] | undefined {
    return this.data.domain?.x;
  }

  /** Smoothing, the overlay, and hover on the static chart when it shows what the state asks for. */
  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    this.applySmoothing();
    this.buildOverlay();
    const { state, data } = this;
    const asBuilt =
      !state.x && state.hidden.size === 0 && (state.smooth ?? 0) === sliderValueOf(data.smoothing) && state.logY === (data.scale?.y === "log");
    // A shared link may hide series, zoom or re-smooth: the static picture would not match the tooltip.
    if (asBuilt) this.attachToStatic();
  }

  async start(): Promise<void> {
    this.prepare();
    // Laid out at the size the SVG is shown at (1 px = 1 px: text keeps its size on a phone),
    // which keeps the figure's height: nothing below moves.
    const box = this.svg.getBoundingClientRect();
    const [, , vw, vh] = (this.svg.getAttribute("viewBox") ?? "0 0 640 320").split(/\s+/).map(Number) as [number, number, number, number];
    this.box = box.width > 0 && box.height > 0 ? { width: Math.round(box.width), height: Math.round(box.height) } : { width: vw, height: vh };
    const staticLines = this.svg.querySelector(`g.${chartMarkup.plot} > g.${chartMarkup.lines}`);
    try {
      this.toolbar = buildToolbar(this);
      this.refresh();
    } catch (error) {
      this.toolbar?.element.remove();
      throw error;
    }
    // The overlay now draws every line; the static ones (full resolution, old size) go.
    staticLines?.remove();
    bindLegend(this);
    this.el.classList.add("rf-chart-live");
    this.followWidth();
  }

  /** A new width (window resized, phone rotated) lays the chart out again at its height. */
  private followWidth(): void {
    if (typeof ResizeObserver === "undefined") return;
    new ResizeObserver(() => {
      const width = Math.round(this.svg.getBoundingClientRect().width);
      if (width <= 0 || Math.abs(width - this.box.width) < 2) return;
      this.box = { width, height: this.box.height };
      this.refresh();
    }).observe(this.svg);
  }

  /**
   * Until the chart code has run `start`, the overlay (hover rule, tooltip, hit area) sits on the
   * static chart: the build wrote its scales on the lines group, so hover answers at once.
   */
  private attachToStatic(): void {
    const group = this.svg.querySelector<SVGGElement>(`g.${chartMarkup.lines}`);
    const plot = group?.parentElement;
    const rect = group?.querySelector("clipPath > rect");
    const sx = parseFrameScale(group?.getAttribute("data-x"));
    const sy = parseFrameScale(group?.getAttribute("data-y"));
    if (!group || !plot || !rect || !sx || !sy) return;
    this.sizeOverlay(rect.getAttribute("width") ?? "0", rect.getAttribute("height") ?? "0");
    this.staticScales = { sx, sy };
    plot.insertBefore(this.overlay, group.nextSibling);
    this.el.dataset.hover = "ready";
  }

  private sizeOverlay(width: string, height: string): void {
    for (const r of [this.clipRect, this.hit]) {
      r.setAttribute("width", width);
      r.setAttribute("height", height);
    }
    this.hoverLayer!.rule.setAttribute("y2", height);
    this.brush.setAttribute("height", height);
  }

  /** The live frame's scales, or the static chart's until the chart is live. */
  scales(): { sx: FrameScale; sy: FrameScale } | null {
    if (this.frame) return { sx: this.frame.x.scale, sy: this.frame.y.scale };
    return this.staticScales ?? null;
  }

  plotHeight(): number {
    if (this.frame) return this.frame.plot.height;
    const rect = this.svg.querySelector("g.rf-lines clipPath > rect");
    const height = Number(rect?.getAttribute("height"));
    // The static chart is scaled to its box: its plot is drawn that much shorter or taller.
    const [, , vw] = (this.svg.getAttribute("viewBox") ?? "0 0 640 320").split(/\s+/).map(Number) as [number, number, number];
    const scale = this.svg.getBoundingClientRect().width / (vw || 640);
    return Number.isFinite(height) && height > 0 ? height * (scale || 1) : 200;
  }

  liveX(): FrameScale | undefined {
    return this.frame?.x.scale;
  }

  /** The frame for the current size, zoom, y scale and visible series, then the lines. */
  refresh(): void {
    const domain = liveDomain(this.series, { hidden: this.state.hidden, zoom: this.state.x, fullX: this.fullX, smoothed: this.smoothed, logY: this.state.logY });
    this.measure ??= measureTextIn(this.svg.querySelector("g.rf-axis-labels"));
    const frame = frameFor(this.data, this.box.width, this.box.height, domain, this.state.logY, this.measure);
    this.frame = frame;
    this.svg.setAttribute("viewBox", `0 0 ${frame.width} ${frame.height}`);
    const plot = this.svg.querySelector<SVGGElement>(`g.${chartMarkup.plot}`)!;
    plot.setAttribute("transform", `translate(${frame.plot.left},${frame.plot.top})`);
    const holder = svgEl("g");
    holder.innerHTML = lineFrameSvg(frame);
    plot.querySelector(`:scope > g.${chartMarkup.frame}`)!.replaceWith(holder.firstElementChild!);
    if (this.overlay.parentNode !== plot) plot.append(this.overlay);
    this.redraw();
  }

  private buildOverlay(): void {
    const clipId = `rfl-${this.id.replace(/[^A-Za-z0-9_-]/g, "_")}-live-clip`;
    const clip = svgEl("clipPath", { id: clipId });
    clip.append(this.clipRect);
    const plot = svgEl("g", { "clip-path": `url(#${clipId})`, fill: "none", "stroke-linejoin": "round", "stroke-linecap": "round" });
    const bands = svgEl("g", { stroke: "none" });
    const raws = svgEl("g");
    const lines = svgEl("g");
    for (const s of this.series) {
      const band = svgEl("path", { class: "rf-band", fill: s.color, "fill-opacity": "0.2" });
      const raw = svgEl("path", { class: "rf-raw", stroke: s.color, "stroke-opacity": "0.25", "stroke-width": "1" });
      const line = svgEl("path", { class: "rf-line", stroke: s.color, "stroke-width": "1.5" });
      if (s.dash) line.setAttribute("stroke-dasharray", s.dash);
      line.dataset.series = String(s.index);
      bands.append(band);
      raws.append(raw);
      lines.append(line);
      this.bandPaths.push(band);
      this.rawPaths.push(raw);
      this.linePaths.push(line);
    }
    const hover = new Hover(this.el, this.data, this);
    this.hoverLayer = hover;
    plot.append(bands, raws, lines, hover.rule, this.brush);
    this.overlay.setAttribute("aria-hidden", "true");
    this.overlay.append(clip, plot, this.hit);
    this.brush.setAttribute("visibility", "hidden");
    bindPointer(this);
  }

  private redraw(): void {
    const frame = this.frame!;
    const sx = frame.x.scale;
    const sy = frame.y.scale;
    const logX = frame.x.type === "log";
    const { width, height } = frame.plot;
    this.sizeOverlay(String(width), String(height));
    const [x0, x1] = frame.x.domain;
    const smoothed = this.smoothed;
    for (const s of this.series) {
      const hidden = this.state.hidden.has(s.index);
      const line = this.linePaths[s.index]!;
      const raw = this.rawPaths[s.index]!;
      const band = this.bandPaths[s.index]!;
      line.setAttribute("d", hidden ? "" : linePathD(s.x, s.drawn, sx, sy, x0, x1, width, true, logX));
      raw.setAttribute("d", hidden || !smoothed ? "" : linePathD(s.x, s.y, sx, sy, x0, x1, width, true, logX));
      band.setAttribute("d", hidden || !s.lower || !s.upper ? "" : bandPathD(s.x, s.lower, s.upper, sx, sy));
    }
    this.el.dataset.visibleSeries = String(this.series.length - this.state.hidden.size);
  }

  private applySmoothing(): void {
    this.smoothing = specOf(this.slider, this.state.smooth ?? 0, this.data.smoothing);
    for (const s of this.series) smooth(s.x, s.y, this.smoothing, s.drawn);
  }

  hover(px: number, py: number, e: PointerEvent): void {
    this.hoverLayer?.show(px, py, e);
  }

  unhover(): void {
    this.hoverLayer?.hide();
  }

  setSmoothing(v: number): void {
    this.state.smooth = v;
    this.applySmoothing();
    this.update(null);
  }

  toggleLogY(): boolean {
    this.state.logY = !this.state.logY;
    this.refresh();
    this.persist(this.state.logY ? "Log y axis." : "Linear y axis.");
    return this.state.logY;
  }

  resetZoom(): void {
    this.state.x = null;
    this.update("Zoom reset.");
  }

  exportSvg(): void {
    this.unhover();
    exportSvg(this);
  }

  async exportPng(): Promise<void> {
    this.unhover();
    await exportPng(this);
  }

  exportFullCsv(base: string): Promise<void> {
    return exportFullCsv(this, base);
  }

  exportCsv(): void {
    exportCsv(this);
  }

  /** Draws, updates the legend, the reset button and the URL, and announces `message`. */
  update(message: string | null): void {
    if (this.toolbar) this.toolbar.resetButton.disabled = this.toolbar.resetButton.hidden = !this.state.x;
    this.refresh();
    showLegendState(this);
    this.persist(message);
  }

  private persist(message: string | null): void {
    if (message) this.toolbar?.announce(message);
    clearTimeout(this.writeTimer);
    const defaults = { smooth: sliderValueOf(this.data.smoothing), logY: this.data.scale?.y === "log" };
    this.writeTimer = setTimeout(() => writeChartState(this.id, this.state, defaults), 150);
  }
}
