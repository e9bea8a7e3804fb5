import { parse, View, type Spec as VegaSpec } from "vega";
import { INTERACTIVE_SUFFIX, type LineChart, type LineChartRender, type LineRenderSeries } from "./buildLineChartSpec.ts";
import { bandPathD, linePathD, type PixelScale } from "./line/geometry.ts";
import { formatFrameScale, parseFrameScale } from "./line/frameScale.ts";
import { frameRows, SERIES_DATASET, type LineChartRow } from "./lineChartData.ts";
import { clearWithRunCaches } from "../runs/derivedCaches.ts";
import { escapeXml } from "../render/escapeHtml.ts";

/**
 * Static SVG of a line chart, rendered at build time (no DOM, no canvas: vega estimates text
 * widths). Vega draws only the frame (axes, grid, legends) from two rows fixing the scale domains,
 * in one run; the lines are drawn here from the full-resolution series (`chart.render`):
 * - each line is mapped through the view's x/y scales at the fitted plot size and reduced with M4
 *   to the plot's pixel columns (it rasterises like the full series), in 0.1 px relative paths
 *   broken at gaps; bands are translucent areas under their line, a smoothed chart draws the raw
 *   line faint behind the smoothed one;
 * - the paths go into the plot group (before the legend), in legend order, clipped to the plot by a
 *   clip path whose id derives from the chart id (`rfl-<id>-clip`: unique per page, deterministic);
 * - the root gets `role="img"`, an `aria-label` (the spec's description or title) and
 *   `width="100%"` with a `viewBox`, so it scales with its container.
 *
 * `renderChartSvg(spec, rows)` (rows of `expandLineChartData`) still works: lines are drawn from
 * the rows, colours and dashes read from the spec's scales (no bands, no smoothing).
 */
export async function renderChartSvg(vegaSpec: VegaSpec, chart: LineChart): Promise<string>;
export async function renderChartSvg(vegaSpec: VegaSpec, rows: readonly LineChartRow[]): Promise<string>;
export async function renderChartSvg(vegaSpec: VegaSpec, datasets: Readonly<Record<string, readonly object[]>>): Promise<string>;
export async function renderChartSvg(
  vegaSpec: VegaSpec,
  data: LineChart | readonly LineChartRow[] | Readonly<Record<string, readonly object[]>>,
): Promise<string> {
  if (Array.isArray(data)) return renderLineSvg(vegaSpec, renderFromRows(vegaSpec, data as readonly LineChartRow[]));
  if (isLineChart(data)) return renderLineSvg(vegaSpec, data.render);
  return renderChartSvgWithData(vegaSpec, data as Readonly<Record<string, readonly object[]>>);
}

function isLineChart(v: unknown): v is LineChart {
  return typeof v === "object" && v !== null && "render" in v && "data" in v && "vegaLite" in v;
}

/** The compiled spec without its marks: axes, grid and legends only. */
export function frameSpec(spec: VegaSpec): VegaSpec {
  return { ...spec, marks: [] };
}

async function renderLineSvg(vegaSpec: VegaSpec, render: LineChartRender): Promise<string> {
  const { svg: frame, width, height, sx, sy } = await frameOf(vegaSpec, frameRows(render.domain));
  const svg = finishSvg(frame, ariaLabel(vegaSpec));
  if (!render.domain || !sx || !sy) return svg;
  const [x0, x1] = sx.domain().map(Number) as [number, number];
  const scales = { x: frameScaleAttr(sx), y: frameScaleAttr(sy) };
  // The lines are mapped by the scales written on them, as the page's hover reads them back: the
  // same numbers, and a plain function is several times cheaper per point than vega's scale.
  const mapX = parseFrameScale(scales.x) ?? sx;
  const mapY = parseFrameScale(scales.y) ?? sy;
  const lines = lineLayersSvg(render.series, mapX, mapY, x0, x1, width, height, `rfl-${render.id.replace(/[^A-Za-z0-9_-]/g, "_")}-clip`, scales, sx.type === "log");
  return insertIntoPlot(svg, lines);
}

/** What vega draws of a line chart (axes, grid, legends), and the scales the lines are drawn with. */
interface Frame {
  /** As vega writes it: `finishSvg` renumbers its ids and labels it. */
  svg: string;
  width: number;
  height: number;
  sx: VegaScale | undefined;
  sy: VegaScale | undefined;
}

type VegaScale = PixelScale & { type: string; domain(): (number | Date)[]; range(): number[] };

/** The scale as the page reads it back to answer hover before vega loads (`line/frameScale.ts`). */
function frameScaleAttr(scale: VegaScale): string {
  return formatFrameScale(scale.type, scale.domain(), scale.range());
}

/**
 * Frames by their input. Vega's run is most of the cost of a chart's SVG, and charts of the same
 * runs and metric (the same spec but for the description, which vega does not draw, and the same
 * domains) have the same frame. Bounded; emptied with the run caches.
 */
const frames = new Map<string, Promise<Frame>>();
const MAX_FRAMES = 64;
clearWithRunCaches(() => frames.clear());

function frameOf(vegaSpec: VegaSpec, rows: readonly LineChartRow[]): Promise<Frame> {
  // −0 kept apart from 0: an axis labels them differently.
  const key = JSON.stringify([{ ...vegaSpec, description: null }, rows], (_, v: unknown) => (Object.is(v, -0) ? "-0" : v));
  let frame = frames.get(key);
  if (!frame) {
    frame = drawFrame(vegaSpec, rows);
    frames.set(key, frame);
    if (frames.size > MAX_FRAMES) frames.delete(frames.keys().next().value!);
    frame.catch(() => frames.delete(key));
  }
  return frame;
}

async function drawFrame(vegaSpec: VegaSpec, rows: readonly LineChartRow[]): Promise<Frame> {
  const view = new View(parse(frameSpec(vegaSpec)), { renderer: "none" });
  try {
    view.data(SERIES_DATASET, rows.map((r) => ({ ...r })));
    await view.runAsync();
    return {
      svg: await view.toSVG(),
      width: Number(view.signal("width")),
      height: Number(view.signal("height")),
      sx: view.scale("x") as Frame["sx"],
      sy: view.scale("y") as Frame["sy"],
    };
  } finally {
    view.finalize();
  }
}

/** Bands (all series), then faint raw lines, then lines, each in legend order, clipped to the plot. */
function lineLayersSvg(
  series: readonly LineRenderSeries[],
  sx: PixelScale,
  sy: PixelScale,
  x0: number,
  x1: number,
  width: number,
  height: number,
  clipId: string,
  scales: { x: string; y: string },
  logX: boolean,
): string {
  const cols = Math.max(1, Math.round(width));
  let bands = "";
  let raws = "";
  let lines = "";
  for (const s of series) {
    if (s.lower && s.upper) {
      const d = bandPathD(s.x, s.lower, s.upper, sx, sy);
      if (d) bands += `<path class="rf-band" d="${d}" fill="${escapeXml(s.color)}" fill-opacity="0.2"/>`;
    }
    if (s.raw) {
      const d = linePathD(s.x, s.raw, sx, sy, x0, x1, cols, false, logX);
      if (d) raws += `<path class="rf-raw" d="${d}" stroke="${escapeXml(s.color)}" stroke-opacity="0.25" stroke-width="1"/>`;
    }
    const d = linePathD(s.x, s.y, sx, sy, x0, x1, cols, false, logX);
    if (d) {
      const dash = s.dash ? ` stroke-dasharray="${escapeXml(s.dash)}"` : "";
      lines += `<path class="rf-line" d="${d}" stroke="${escapeXml(s.color)}" stroke-width="1.5"${dash}/>`;
    }
  }
  const w = Math.round(width * 10) / 10;
  const h = Math.round(height * 10) / 10;
  return (
    `<g class="rf-lines" aria-hidden="true" data-x="${escapeXml(scales.x)}" data-y="${escapeXml(scales.y)}"><clipPath id="${clipId}"><rect width="${w}" height="${h}"/></clipPath>` +
    `<g clip-path="url(#${clipId})" fill="none" stroke-linejoin="round">` +
    `<g stroke="none">${bands}</g>${raws}${lines}</g></g>`
  );
}

const LEGEND_GROUP = '<g class="mark-group role-legend"';

/** The lines go into the root group after the axes and before the legends (or at its end). */
function insertIntoPlot(svg: string, lines: string): string {
  const at = svg.indexOf(LEGEND_GROUP);
  if (at >= 0) return svg.slice(0, at) + lines + svg.slice(at);
  const end = svg.lastIndexOf('<path class="foreground"');
  const close = end >= 0 ? svg.lastIndexOf("</g>", end) : -1;
  return close >= 0 ? svg.slice(0, close) + lines + svg.slice(close) : svg;
}

/** Lines from expanded rows: colours and dashes from the spec's `color` and `strokeDash` scales. */
function renderFromRows(spec: VegaSpec, rows: readonly LineChartRow[]): LineChartRender {
  const scales = (spec.scales ?? []) as { name: string; domain?: unknown; range?: unknown }[];
  const lookup = (name: string): Map<string, unknown> => {
    const sc = scales.find((s) => s.name === name);
    const m = new Map<string, unknown>();
    if (sc && Array.isArray(sc.domain) && Array.isArray(sc.range)) sc.domain.forEach((d, i) => m.set(String(d), (sc.range as unknown[])[i]));
    return m;
  };
  const colors = lookup("color");
  const dashes = lookup("strokeDash");
  const groups = new Map<string, LineChartRow[]>();
  for (const r of rows) {
    const g = groups.get(r.series);
    if (g) g.push(r);
    else groups.set(r.series, [r]);
  }
  const series: LineRenderSeries[] = [];
  for (const g of groups.values()) {
    const dash = dashes.get(g[0]!.metric);
    series.push({
      color: String(colors.get(g[0]!.name) ?? "#888888"),
      dash: Array.isArray(dash) && !(dash.length === 2 && dash[1] === 0) ? dash.join(",") : "",
      x: Float64Array.from(g, (r) => r.x),
      y: Float64Array.from(g, (r) => (r.y === null ? NaN : r.y)),
    });
  }
  let xl = Infinity, xh = -Infinity, yl = Infinity, yh = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.y[i]!) || !Number.isFinite(s.x[i]!)) continue;
      xl = Math.min(xl, s.x[i]!), xh = Math.max(xh, s.x[i]!), yl = Math.min(yl, s.y[i]!), yh = Math.max(yh, s.y[i]!);
    }
  }
  const id = typeof spec.description === "string" ? `c${fnv1a(spec.description)}` : "chart";
  return { id, series, domain: xl <= xh ? { x: [xl, xh], y: [yl, yh] } : null };
}



/**
 * Static SVG of a compiled chart that reads named datasets (scatter, bar, parallel coordinates,
 * histogram, importance: see `DatasetChart`). Each dataset is inserted by name as given (no
 * downsampling: these charts have one mark per run, bar or bin); hover-only layers are dropped and
 * the output is finished like a line chart's (rounded coordinates, per-document clip ids, `role`,
 * `aria-label` from the description, `width="100%"` and a `viewBox`). Byte-identical for the same
 * input.
 */
export async function renderChartSvgWithData(
  vegaSpec: VegaSpec,
  datasets: Readonly<Record<string, readonly object[]>>,
): Promise<string> {
  const view = new View(parse(withoutInteractiveMarks(vegaSpec)), { renderer: "none" });
  try {
    for (const name of Object.keys(datasets).sort()) view.data(name, datasets[name]!.map((r) => ({ ...r })));
    await view.runAsync();
    const svg = await view.toSVG();
    // Ids (clip paths, legend gradients) are prefixed with a hash of the input, so two different
    // charts inlined in one page never share an id, and the same input still gives the same bytes.
    return finishSvg(svg, ariaLabel(vegaSpec, "Chart"), `rf${fnv1a(JSON.stringify([vegaSpec, datasets]))}-`);
  } finally {
    view.finalize();
  }
}

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

function withoutInteractiveMarks(spec: VegaSpec): VegaSpec {
  const strip = (marks: unknown): unknown =>
    Array.isArray(marks)
      ? marks
          .filter((m: { name?: string }) => !(typeof m.name === "string" && m.name.includes(INTERACTIVE_SUFFIX)))
          .map((m: { marks?: unknown }) => (m.marks ? { ...m, marks: strip(m.marks) } : m))
      : marks;
  return { ...spec, marks: strip(spec.marks) as VegaSpec["marks"] };
}

function ariaLabel(spec: VegaSpec, fallback = "Line chart"): string {
  if (typeof spec.description === "string" && spec.description) return spec.description;
  const title = spec.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && "text" in title && typeof title.text === "string") return title.text;
  return fallback;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;

function round1(num: string): string {
  const v = Math.round(Number(num) * 10) / 10;
  return String(Object.is(v, -0) ? 0 : v);
}

/**
 * A path of only absolute moveto/lineto commands (every line mark) becomes one absolute moveto per
 * subpath followed by relative linetos in tenths of a pixel: the same shape in about half the
 * bytes, and small repeated deltas compress well. Other paths get their numbers rounded.
 */
export function compactPath(d: string): string {
  if (!LINE_PATH.test(d)) return d.replace(NUMBER, round1);
  let out = "";
  let px = 0;
  let py = 0;
  let relative = false;
  for (const m of d.matchAll(/([ML])([^,ML]+),([^ML]+)/g)) {
    const x = Math.round(Number(m[2]) * 10);
    const y = Math.round(Number(m[3]) * 10);
    if (m[1] === "M") {
      out += `M${pair(x, y)}`;
      relative = false;
    } else {
      const p = pair(x - px, y - py);
      out += relative ? (p.startsWith("-") ? p : ` ${p}`) : `l${p}`;
      relative = true;
    }
    px = x;
    py = y;
  }
  return out;
}

const COORD = String.raw`-?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;
const LINE_PATH = new RegExp(`^(?:[ML]${COORD},${COORD})+$`);

/** Two numbers given in tenths, without separators SVG does not need: `5,-12` → `.5-1.2`. */
function pair(x: number, y: number): string {
  const ys = tenths(y);
  return `${tenths(x)}${ys.startsWith("-") ? "" : ","}${ys}`;
}

function tenths(n: number): string {
  return String(n / 10).replace(/^(-?)0\./, "$1.");
}

function finishSvg(svg: string, label: string, idPrefix = ""): string {
  const ids = new Map<string, string>();
  const gradients = new Map<string, string>();
  return svg
    .replace(/\sd="([^"]*)"/g, (_, d: string) => ` d="${compactPath(d)}"`)
    .replace(/\stransform="([^"]*)"/g, (_, t: string) => ` transform="${t.replace(NUMBER, round1)}"`)
    .replace(/(id="|url\(#)(clip\d+)/g, (_, pre: string, id: string) => {
      if (!ids.has(id)) ids.set(id, `${idPrefix}clip${ids.size + 1}`);
      return pre + ids.get(id)!;
    })
    // Gradient ids (colour legends) come from a per-process counter too.
    .replace(/(id="|url\(#)(gradient_\d+)/g, (_, pre: string, id: string) => {
      if (!gradients.has(id)) gradients.set(id, `${idPrefix}gradient_${gradients.size}`);
      return pre + gradients.get(id)!;
    })
    .replace(/^<svg ([^>]*?) width="([\d.]+)" height="([\d.]+)"/, (_, attrs: string) =>
      `<svg ${attrs} role="img" aria-label="${escapeXml(label)}" width="100%"`,
    );
}
