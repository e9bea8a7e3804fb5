/**
 * Interactive line chart (see docs/charts.md, "Hydration"). The page keeps the build's SVG and
 * redraws it in place with the build's own code: the frame (`line/frame.ts`: axes, grid, titles)
 * laid out for the chart's size, zoom and y scale, and the lines, faint raw lines and bands
 * (`line/geometry.ts`) from the compact data. The legend is the build's HTML, its entries made
 * buttons. No chart library: pointer moves invert x with the frame's scale and binary-search
 * each visible series.
 *
 * State that matters (smoothing, x zoom, hidden series, log y) lives in the URL hash, one entry per
 * chart id: `#chart-2=s0.6,x100-900,h3.5,ly` (entries joined by `&`).
 */
import { bandPathD, dashFor, extent, linePathD, nearestIndex } from "../core/chart/line/geometry.ts";
import { parseFrameScale, type FrameScale } from "../core/chart/line/frameScale.ts";
import { lineFrameSvg, type LineFrame } from "../core/chart/line/frame.ts";
import { lineLegend, lineLegendSvg, type LegendEntry } from "../core/chart/line/legend.ts";
import { frameFor } from "../core/chart/line/lineChartSvg.ts";
import { isMultiMetric, roundSignificant as roundSig, seriesLabel, type LineChartData } from "../core/chart/lineChartData.ts";
import { formatChartNumber as formatNumber } from "../core/format/formatValue.ts";
import { csvCell } from "../core/export/csvCell.ts";
import { smooth, type SmoothSpec } from "../core/series/smooth.ts";
import { readChartState, writeChartState, type ChartState } from "./urlState.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

interface Prepared {
  index: number;
  name: string;
  metric: string;
  label: string;
  color: string;
  dash: string;
  x: Float64Array;
  y: Float64Array;
  drawn: Float64Array;
  lower?: Float64Array;
  upper?: Float64Array;
  n?: number[];
  sorted: boolean;
  /** x was rounded to multiples of this at build (downsampled series): the tooltip says "≈". */
  xRounding?: number;
}

interface SliderDef {
  kind: SmoothSpec["kind"];
  min: number;
  max: number;
  step: number;
  label: string;
}

/** The slider: the smoothing kind given (its parameter), else TensorBoard's EMA weight. */
function sliderFor(spec: SmoothSpec | undefined): SliderDef {
  switch (spec?.kind) {
    case "gaussian":
      return { kind: "gaussian", min: 0, max: 20, step: 0.5, label: "Smoothing (σ, points)" };
    case "running":
      return { kind: "running", min: 1, max: 101, step: 1, label: "Smoothing (window, points)" };
    case "twema":
      return { kind: "twema", min: 0, max: 0.99, step: 0.01, label: "Smoothing (time-weighted EMA)" };
    default:
      return { kind: "ema", min: 0, max: 0.99, step: 0.01, label: "Smoothing (EMA)" };
  }
}

function paramOf(spec: SmoothSpec | undefined): number {
  if (!spec) return 0;
  switch (spec.kind) {
    case "ema":
    case "twema":
      return spec.weight;
    case "gaussian":
      return spec.sigma;
    case "running":
      return spec.window;
    default:
      return 0;
  }
}

function specOf(def: SliderDef, v: number, base: SmoothSpec | undefined): SmoothSpec {
  switch (def.kind) {
    case "gaussian":
      return v > 0 ? { kind: "gaussian", sigma: v } : { kind: "none" };
    case "running":
      return v > 1 ? { kind: "running", window: Math.round(v) } : { kind: "none" };
    case "twema":
      return v > 0 ? { kind: "twema", weight: Math.min(v, 0.999), ...(base?.kind === "twema" && base.unit ? { unit: base.unit } : {}) } : { kind: "none" };
    default:
      return v > 0 ? { kind: "ema", weight: Math.min(v, 0.999) } : { kind: "none" };
  }
}

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string> = {}): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

function htmlEl<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}


function prepare(data: LineChartData): Prepared[] {
  const multi = isMultiMetric(data);
  return data.series.map((s, index) => {
    const x = Float64Array.from(s.x);
    const y = Float64Array.from(s.y, (v) => (v === null ? NaN : v));
    let sorted = true;
    for (let i = 1; i < x.length && sorted; i++) sorted = x[i]! >= x[i - 1]!;
    return {
      index,
      name: s.name,
      metric: s.metric,
      label: seriesLabel(s.name, s.metric, multi),
      color: s.color,
      dash: multi ? dashFor(s.m ?? 0) : "",
      x,
      y,
      drawn: y.slice(),
      ...(s.band
        ? {
            lower: Float64Array.from(s.band.lower, (v) => (v === null ? NaN : v)),
            upper: Float64Array.from(s.band.upper, (v) => (v === null ? NaN : v)),
          }
        : {}),
      ...(s.n ? { n: s.n } : {}),
      ...(s.xRounding ? { xRounding: s.xRounding } : {}),
      sorted,
    };
  });
}

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
  private readonly id: string;
  private readonly series: Prepared[];
  private readonly slider: SliderDef;
  private state: ChartState;
  /** The frame drawn last (live); undefined until `start`. */
  private frame: LineFrame | undefined;
  private staticScales: { sx: FrameScale; sy: FrameScale } | undefined;
  private readonly svg: SVGSVGElement;
  private box = { width: 0, height: 0 };
  private smoothing: SmoothSpec = { kind: "none" };
  // overlay
  private readonly overlay = svgEl("g", { class: "rf-lines" });
  private readonly clipRect = svgEl("rect");
  private readonly bandPaths: SVGPathElement[] = [];
  private readonly rawPaths: SVGPathElement[] = [];
  private readonly linePaths: SVGPathElement[] = [];
  private readonly rule = svgEl("line", { class: "rf-rule", y1: "0" });
  private readonly brush = svgEl("rect", { class: "rf-brush", y: "0", height: "0", width: "0" });
  private readonly hit = svgEl("rect", { class: "rf-hit", x: "0", y: "0", fill: "transparent", "pointer-events": "all" });
  private readonly tooltip = htmlEl("div", "rf-chart-tooltip");
  private highlighted = -1;
  // controls
  private readonly toolbar = htmlEl("div", "rf-chart-toolbar");
  private readonly range = htmlEl("input");
  private readonly rangeOut = htmlEl("output");
  private readonly logButton = htmlEl("button", "rf-chart-button", "Log y");
  private readonly resetButton = htmlEl("button", "rf-chart-button", "Reset zoom");
  private readonly status = htmlEl("p", "rf-visually-hidden");
  private writeTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly el: HTMLElement;
  private readonly data: LineChartData;
  private readonly legend: ReturnType<typeof lineLegend>;

  constructor(el: HTMLElement, data: LineChartData) {
    this.el = el;
    this.data = data;
    this.id = data.id ?? el.id ?? "chart";
    this.series = prepare(data);
    this.legend = lineLegend(data);
    this.slider = sliderFor(data.smoothing);
    const svg = el.querySelector<SVGSVGElement>(":scope > svg.rf-line-chart");
    if (!svg?.querySelector("g.rf-plot > g.rf-frame")) throw new Error("the static chart is missing");
    this.svg = svg;
    const initial = readChartState(this.id);
    this.state = {
      smooth: paramOf(data.smoothing),
      x: null,
      hidden: new Set<number>(),
      logY: data.scale?.y === "log",
      ...initial,
    };
    for (const h of [...this.state.hidden]) if (!(h >= 0 && h < this.series.length)) this.state.hidden.delete(h);
    if (this.state.smooth !== undefined) this.state.smooth = clampTo(this.state.smooth, this.slider.min, this.slider.max);
  }

  private prepared = false;

  /** Smoothing, the overlay, and hover on the static chart when it shows what the state asks for. */
  prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    this.applySmoothing();
    this.buildOverlay();
    const { state, data } = this;
    const asBuilt =
      !state.x && state.hidden.size === 0 && (state.smooth ?? 0) === paramOf(data.smoothing) && state.logY === (data.scale?.y === "log");
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
    const staticLines = this.svg.querySelector("g.rf-plot > g.rf-lines");
    try {
      this.buildControls();
      this.refresh();
    } catch (error) {
      this.toolbar.remove();
      throw error;
    }
    // The overlay now draws every line; the static ones (full resolution, old size) go.
    staticLines?.remove();
    this.bindLegend();
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
    const group = this.svg.querySelector<SVGGElement>("g.rf-lines");
    const plot = group?.parentElement;
    const rect = group?.querySelector("clipPath > rect");
    const sx = parseFrameScale(group?.getAttribute("data-x"));
    const sy = parseFrameScale(group?.getAttribute("data-y"));
    if (!group || !plot || !rect || !sx || !sy) return;
    const width = rect.getAttribute("width") ?? "0";
    const height = rect.getAttribute("height") ?? "0";
    for (const r of [this.clipRect, this.hit]) {
      r.setAttribute("width", width);
      r.setAttribute("height", height);
    }
    this.rule.setAttribute("y2", height);
    this.brush.setAttribute("height", height);
    this.staticScales = { sx, sy };
    plot.insertBefore(this.overlay, group.nextSibling);
    this.el.dataset.hover = "ready";
  }

  /** The live frame's scales, or the static chart's until the chart is live. */
  private scales(): { sx: FrameScale; sy: FrameScale } | null {
    if (this.frame) return { sx: this.frame.x.scale, sy: this.frame.y.scale };
    return this.staticScales ?? null;
  }

  // ---- frame ------------------------------------------------------------------------------------

  /** The frame for the current size, zoom, y scale and visible series, then the lines. */
  private refresh(): void {
    const frame = frameFor(this.data, this.box.width, this.box.height, this.domain(), this.state.logY);
    this.frame = frame;
    this.svg.setAttribute("viewBox", `0 0 ${frame.width} ${frame.height}`);
    const plot = this.svg.querySelector<SVGGElement>("g.rf-plot")!;
    plot.setAttribute("transform", `translate(${frame.plot.left},${frame.plot.top})`);
    const holder = svgEl("g");
    holder.innerHTML = lineFrameSvg(frame);
    plot.querySelector(":scope > g.rf-frame")!.replaceWith(holder.firstElementChild!);
    if (this.overlay.parentNode !== plot) plot.append(this.overlay);
    this.redraw();
  }

  private domain(): { x: [number, number]; y: [number, number] } | null {
    const visible = this.series.filter((s) => !this.state.hidden.has(s.index));
    const pool = visible.length ? visible : this.series;
    const full = this.data.domain?.x ?? extent(pool.map((s) => ({ x: s.x, values: s.x })));
    if (!full) return null;
    const x: [number, number] = this.state.x ?? [full[0], full[1]];
    const arrays: { x: Float64Array; values: Float64Array }[] = [];
    for (const s of pool) {
      arrays.push({ x: s.x, values: s.drawn });
      if (this.smoothing.kind !== "none") arrays.push({ x: s.x, values: s.y });
      if (s.lower && s.upper) arrays.push({ x: s.x, values: s.lower }, { x: s.x, values: s.upper });
    }
    const y = extent(arrays, x[0], x[1], this.state.logY) ?? extent(arrays, -Infinity, Infinity, this.state.logY);
    if (!y) return null;
    return { x, y };
  }

  // ---- drawing ----------------------------------------------------------------------------------

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
    plot.append(bands, raws, lines, this.rule, this.brush);
    this.overlay.setAttribute("aria-hidden", "true");
    this.overlay.append(clip, plot, this.hit);
    this.rule.setAttribute("visibility", "hidden");
    this.brush.setAttribute("visibility", "hidden");
    this.tooltip.hidden = true;
    this.tooltip.setAttribute("role", "status");
    this.el.append(this.tooltip);
    this.bindPointer();
  }

  private redraw(): void {
    const frame = this.frame!;
    const sx = frame.x.scale;
    const sy = frame.y.scale;
    const logX = frame.x.type === "log";
    const { width, height } = frame.plot;
    for (const r of [this.clipRect, this.hit]) {
      r.setAttribute("width", String(width));
      r.setAttribute("height", String(height));
    }
    this.rule.setAttribute("y2", String(height));
    this.brush.setAttribute("height", String(height));
    const [x0, x1] = frame.x.domain;
    const smoothed = this.smoothing.kind !== "none";
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

  // ---- pointer: hover, brush, reset --------------------------------------------------------------

  private bindPointer(): void {
    const hit = this.hit;
    let dragFrom: number | null = null;
    const local = (e: PointerEvent | MouseEvent): [number, number] => {
      const r = hit.getBoundingClientRect();
      const w = Number(hit.getAttribute("width")) || r.width;
      const scale = r.width > 0 ? w / r.width : 1;
      return [(e.clientX - r.left) * scale, (e.clientY - r.top) * scale];
    };
    // Two fingers pinch-zoom x: the data under each finger stays under it (see pinchDomain).
    const touches = new Map<number, number>();
    let pinch: { ids: [number, number]; at: [number, number]; invert: (px: number) => number; frame: number } | null = null;
    const endPinch = (e: PointerEvent): void => {
      if (pinch) {
        // the last move may still wait for its frame: apply it now
        cancelAnimationFrame(pinch.frame);
        this.state.x = this.pinchDomain(pinch.at, [touches.get(pinch.ids[0])!, touches.get(pinch.ids[1])!], pinch.invert);
      }
      touches.delete(e.pointerId);
      if (!pinch) return;
      pinch = null;
      const x = this.state.x;
      this.update(x ? `Zoomed to ${formatNumber(x[0])} – ${formatNumber(x[1])}.` : "Zoom reset.");
    };
    hit.addEventListener("pointermove", (e) => {
      const [px, py] = local(e);
      if (touches.has(e.pointerId)) touches.set(e.pointerId, px);
      if (pinch) {
        const p = pinch;
        cancelAnimationFrame(p.frame);
        p.frame = requestAnimationFrame(() => {
          const now: [number, number] = [touches.get(p.ids[0])!, touches.get(p.ids[1])!];
          this.state.x = this.pinchDomain(p.at, now, p.invert);
          this.refresh();
        });
        return;
      }
      if (dragFrom !== null) {
        const a = Math.max(0, Math.min(dragFrom, px));
        const b = Math.min(Number(hit.getAttribute("width")), Math.max(dragFrom, px));
        this.brush.setAttribute("x", String(a));
        this.brush.setAttribute("width", String(Math.max(0, b - a)));
        this.brush.setAttribute("visibility", "visible");
      }
      this.hover(px, py, e);
    });
    hit.addEventListener("pointerleave", () => this.unhover());
    hit.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      if (e.pointerType === "touch") {
        touches.set(e.pointerId, local(e)[0]);
        if (touches.size === 2 && this.frame) {
          // A second finger turns the drag into a pinch.
          dragFrom = null;
          this.brush.setAttribute("visibility", "hidden");
          this.unhover();
          const ids = [...touches.keys()] as [number, number];
          // The scale the fingers started on: each redraw makes a new frame.
          const sx = this.frame.x.scale;
          pinch = { ids, at: [touches.get(ids[0])!, touches.get(ids[1])!], invert: (v) => sx.invert(v), frame: 0 };
          hit.setPointerCapture?.(e.pointerId);
          return;
        }
      }
      dragFrom = local(e)[0];
      hit.setPointerCapture?.(e.pointerId);
    });
    hit.addEventListener("pointercancel", (e) => {
      endPinch(e);
      dragFrom = null;
      this.brush.setAttribute("visibility", "hidden");
    });
    hit.addEventListener("pointerup", (e) => {
      if (pinch || touches.has(e.pointerId)) {
        const wasPinch = pinch !== null;
        endPinch(e);
        if (wasPinch) return;
      }
      if (dragFrom === null) return;
      const from = dragFrom;
      dragFrom = null;
      this.brush.setAttribute("visibility", "hidden");
      const to = local(e)[0];
      if (Math.abs(to - from) < 4 || !this.frame) return;
      const sx = this.frame.x.scale;
      const a = sx.invert(Math.min(from, to));
      const b = sx.invert(Math.max(from, to));
      if (!(b > a)) return;
      this.state.x = [roundSig(a), roundSig(b)];
      this.update(`Zoomed to ${formatNumber(a)} – ${formatNumber(b)}.`);
    });
    hit.addEventListener("dblclick", () => {
      if (!this.state.x || !this.frame) return;
      this.state.x = null;
      this.update("Zoom reset.");
    });
  }

  /**
   * The x domain after a pinch: fingers that started at pixels `from` (under the scale `invert`
   * then) are now at `to`; the plot's edges map back through the same affine move. Clamped to the
   * data; the whole range is "no zoom" (null).
   */
  private pinchDomain(from: [number, number], to: [number, number], invert: (px: number) => number): [number, number] | null {
    const width = Number(this.hit.getAttribute("width"));
    const spread = to[1] - to[0];
    if (!(Math.abs(spread) > 8) || !(Math.abs(from[1] - from[0]) > 8)) return this.state.x;
    const k = (from[1] - from[0]) / spread;
    const a = invert(from[0] + (0 - to[0]) * k);
    const b = invert(from[0] + (width - to[0]) * k);
    const full = this.data.domain?.x;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    if (!full) return [roundSig(lo), roundSig(hi)];
    const x0 = Math.max(full[0], lo);
    const x1 = Math.min(full[1], hi);
    if (x0 <= full[0] && x1 >= full[1]) return null;
    return x1 > x0 ? [roundSig(x0), roundSig(x1)] : this.state.x;
  }

  private hover(px: number, py: number, e: PointerEvent): void {
    const scales = this.scales();
    if (!scales) return;
    const { sx, sy } = scales;
    const xv = sx.invert(px);
    const rows: { s: Prepared; i: number; v: number; dy: number }[] = [];
    for (const s of this.series) {
      if (this.state.hidden.has(s.index)) continue;
      const i = nearestIndex(s.x, xv, s.sorted);
      if (i < 0 || !Number.isFinite(s.drawn[i]!)) continue;
      rows.push({ s, i, v: s.drawn[i]!, dy: Math.abs(sy(s.drawn[i]!) - py) });
    }
    if (!rows.length) return this.unhover();
    let near = rows[0]!;
    for (const r of rows) if (r.dy < near.dy) near = r;
    const ruleX = sx(near.s.x[near.i]!);
    this.rule.setAttribute("x1", String(ruleX));
    this.rule.setAttribute("x2", String(ruleX));
    this.rule.setAttribute("visibility", "visible");
    this.highlight(near.s.index);

    rows.sort((a, b) => b.v - a.v);
    const tip = this.tooltip;
    const approx = near.s.xRounding ? "≈ " : "";
    const head = htmlEl("div", "rf-tt-head", `${this.data.xLabel ?? "x"} ${approx}${this.formatX(near.s.x[near.i]!)}`);
    const body = htmlEl("div", "rf-tt-rows");
    const smoothed = this.smoothing.kind !== "none";
    for (const r of rows) {
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
    tip.replaceChildren(head, body);
    tip.hidden = false;
    const fig = this.el.getBoundingClientRect();
    const tw = tip.offsetWidth;
    let left = e.clientX - fig.left + 14;
    if (left + tw > fig.width) left = Math.max(0, e.clientX - fig.left - tw - 14);
    tip.style.left = `${left}px`;
    tip.style.top = `${Math.max(0, e.clientY - fig.top + 14)}px`;
  }

  private unhover(): void {
    this.rule.setAttribute("visibility", "hidden");
    this.tooltip.hidden = true;
    this.highlight(-1);
  }

  private highlight(index: number): void {
    if (index === this.highlighted) return;
    if (this.highlighted >= 0) this.linePaths[this.highlighted]?.setAttribute("stroke-width", "1.5");
    if (index >= 0) this.linePaths[index]?.setAttribute("stroke-width", "3");
    this.highlighted = index;
  }

  private formatX(v: number): string {
    if (this.data.xKind === "time") return new Date(v).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
    if (this.data.xKind === "relative") return `${formatNumber(v)} h`;
    return formatNumber(v);
  }

  // ---- legend -----------------------------------------------------------------------------------

  /** The build's legend entries become buttons: click isolates, shift-click toggles, double-click shows all. */
  private bindLegend(): void {
    const noun = this.data.legendTitle ?? "run";
    for (const box of this.el.querySelectorAll<HTMLElement>(":scope > .rf-legends > .rf-legend")) {
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", box.dataset.legend === "metrics" ? "Metrics" : `Legend: ${noun}`);
    }
    for (const { item, entry, metric } of this.legendItems()) {
      item.tabIndex = 0;
      item.setAttribute("role", "button");
      item.setAttribute("aria-label", `${entry.label}: click to show only this ${metric ? "metric" : noun}, shift-click to toggle`);
      item.addEventListener("click", (e) => this.legendClick(entry.members, e.shiftKey));
      item.addEventListener("dblclick", () => this.showAll());
      item.addEventListener("keydown", (e) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        this.legendClick(entry.members, e.shiftKey);
      });
    }
    this.showLegendState();
  }

  /** Pressed entries are those with a shown series. */
  private showLegendState(): void {
    for (const { item, entry } of this.legendItems()) {
      const off = entry.members.every((i) => this.state.hidden.has(i));
      item.classList.toggle("rf-legend-off", off);
      item.setAttribute("aria-pressed", String(!off));
    }
  }

  /** Each legend entry element of the figure with the entry (series) it stands for. */
  private *legendItems(): Generator<{ item: HTMLElement; entry: LegendEntry; metric: boolean }> {
    for (const box of this.el.querySelectorAll<HTMLElement>(":scope > .rf-legends > .rf-legend")) {
      const metric = box.dataset.legend === "metrics";
      const entries = metric ? this.legend.metrics : this.legend.entries;
      for (const item of box.querySelectorAll<HTMLElement>(".rf-legend-entry")) {
        const entry = entries[Number(item.dataset.entry)];
        if (entry) yield { item, entry, metric };
      }
    }
  }

  private legendClick(members: number[], toggle: boolean): void {
    const hidden = this.state.hidden;
    if (toggle) {
      const allHidden = members.every((i) => hidden.has(i));
      for (const i of members) (allHidden ? hidden.delete(i) : hidden.add(i));
    } else {
      const isolated = this.series.every((s) => members.includes(s.index) !== hidden.has(s.index));
      if (isolated) hidden.clear();
      else {
        hidden.clear();
        for (const s of this.series) if (!members.includes(s.index)) hidden.add(s.index);
      }
    }
    const shown = this.series.length - hidden.size;
    this.update(`${shown} of ${this.series.length} series shown.`);
  }

  private showAll(): void {
    if (!this.state.hidden.size) return;
    this.state.hidden.clear();
    this.update("All series shown.");
  }

  // ---- controls ---------------------------------------------------------------------------------

  private buildControls(): void {
    const bar = this.toolbar;
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Chart controls");
    const sid = `${this.id}-smoothing`;
    const label = htmlEl("label", "rf-chart-smooth", this.slider.label);
    label.htmlFor = sid;
    const r = this.range;
    r.type = "range";
    r.id = sid;
    r.min = String(this.slider.min);
    r.max = String(this.slider.max);
    r.step = String(this.slider.step);
    r.value = String(this.state.smooth ?? 0);
    this.rangeOut.htmlFor.add(sid);
    this.rangeOut.textContent = r.value;
    r.addEventListener("input", () => {
      this.state.smooth = Number(r.value);
      this.rangeOut.textContent = r.value;
      this.applySmoothing();
      this.update(null);
    });
    label.append(r, this.rangeOut);

    const log = this.logButton;
    log.type = "button";
    log.setAttribute("aria-pressed", String(this.state.logY));
    log.addEventListener("click", () => {
      this.state.logY = !this.state.logY;
      log.setAttribute("aria-pressed", String(this.state.logY));
      this.refresh();
      this.persist(this.state.logY ? "Log y axis." : "Linear y axis.");
    });

    const reset = this.resetButton;
    reset.type = "button";
    reset.disabled = !this.state.x;
    reset.addEventListener("click", () => {
      this.state.x = null;
      this.update("Zoom reset.");
    });

    const menu = htmlEl("details", "rf-chart-menu");
    const summary = htmlEl("summary", "rf-chart-button", "Export");
    const items = htmlEl("div", "rf-chart-menu-items");
    const exportButton = (text: string, fn: () => Promise<void> | void) => {
      const b = htmlEl("button", "rf-chart-button", text);
      b.type = "button";
      b.addEventListener("click", () => {
        menu.open = false;
        void Promise.resolve(fn()).catch((err) => this.announce(`Export failed: ${String(err)}`));
      });
      items.append(b);
    };
    exportButton("PNG", () => this.exportPng());
    exportButton("SVG", () => this.exportSvg());
    exportButton("CSV (plotted points)", () => this.exportCsv());
    // Every logged point: a file the build published next to the page (see the figure's link).
    const full = this.el.querySelector<HTMLAnchorElement>(":scope > .rf-chart-full > a");
    if (full) {
      const link = htmlEl("a", "rf-chart-button", "CSV (every logged point)");
      link.href = full.href;
      link.download = "";
      link.addEventListener("click", () => (menu.open = false));
      items.append(link);
    }
    menu.append(summary, items);

    this.status.setAttribute("role", "status");
    bar.append(label, log, reset, menu, this.status);
    this.el.append(bar);
  }

  private update(message: string | null): void {
    this.resetButton.disabled = !this.state.x;
    this.refresh();
    this.showLegendState();
    this.persist(message);
  }

  private persist(message: string | null): void {
    if (message) this.announce(message);
    clearTimeout(this.writeTimer);
    const defaults = { smooth: paramOf(this.data.smoothing), logY: this.data.scale?.y === "log" };
    this.writeTimer = setTimeout(() => writeChartState(this.id, this.state, defaults), 150);
  }

  private announce(message: string): void {
    this.status.textContent = message;
  }

  // ---- export -----------------------------------------------------------------------------------

  private fileName(ext: string): string {
    return `${this.id.replace(/[^A-Za-z0-9_-]/g, "_")}.${ext}`;
  }

  /**
   * The chart as a standalone SVG document: the frame and lines as shown (without the hover
   * layer), with the legend of the shown series drawn under it.
   */
  private exportSvgText(): { text: string; width: number; height: number } {
    const frame = this.frame!;
    const legend = lineLegendSvg(this.legend, frame.width - 16, this.state.hidden);
    const height = frame.height + (legend.height ? legend.height + 8 : 0);
    const copy = this.svg.cloneNode(true) as SVGSVGElement;
    copy.querySelectorAll(".rf-rule, .rf-brush, .rf-hit").forEach((n) => n.remove());
    copy.setAttribute("xmlns", SVG_NS);
    copy.setAttribute("width", String(frame.width));
    copy.setAttribute("height", String(height));
    copy.setAttribute("viewBox", `0 0 ${frame.width} ${height}`);
    const under = svgEl("g", { transform: `translate(8,${frame.height + 4})` });
    under.innerHTML = legend.svg;
    copy.append(under);
    return { text: new XMLSerializer().serializeToString(copy), width: frame.width, height };
  }

  private exportSvg(): void {
    this.unhover();
    const { text } = this.exportSvgText();
    download(URL.createObjectURL(new Blob([text], { type: "image/svg+xml" })), this.fileName("svg"), true);
  }

  /** The exported SVG rasterised at 2×, through an image (a data URL: a strict CSP allows it). */
  private async exportPng(): Promise<void> {
    this.unhover();
    const { text, width, height } = this.exportSvgText();
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no canvas");
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    download(canvas.toDataURL("image/png"), this.fileName("png"), false);
  }

  private exportCsv(): void {
    const band = this.data.series.some((s) => s.band);
    const counts = this.data.series.some((s) => s.n);
    const smoothed = this.smoothing.kind !== "none";
    const head = ["run", "name", "metric", this.data.xLabel ?? "x", this.data.yLabel ?? "y"];
    if (smoothed) head.push("smoothed");
    if (band) head.push("lower", "upper");
    if (counts) head.push("n");
    const lines = [head.map(csvCell).join(",")];
    this.data.series.forEach((s, k) => {
      const p = this.series[k]!;
      for (let i = 0; i < s.x.length; i++) {
        const row: (string | number | null)[] = [s.run, s.name, s.metric, this.data.xKind === "time" ? new Date(s.x[i]!).toISOString() : s.x[i]!, s.y[i] ?? null];
        if (smoothed) row.push(Number.isFinite(p.drawn[i]!) ? roundSig(p.drawn[i]!) : null);
        if (band) row.push(s.band?.lower[i] ?? null, s.band?.upper[i] ?? null);
        if (counts) row.push(s.n?.[i] ?? null);
        lines.push(row.map(csvCell).join(","));
      }
    });
    download(URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/csv" })), this.fileName("csv"), true);
  }
}

function download(url: string, name: string, revoke: boolean): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  if (revoke) setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function clampTo(v: number, lo: number, hi: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo;
}

