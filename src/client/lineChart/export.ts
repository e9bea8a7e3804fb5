/**
 * The export menu's files: the chart as shown as SVG (with the legend of the shown series drawn
 * under it) or as PNG at twice its size, and the plotted points as CSV (`plottedCsv`).
 */
import type { LineFrame } from "../../core/chart/line/frame.ts";
import { lineLegendSvg, type lineLegend } from "../../core/chart/line/legend.ts";
import { plottedCsv } from "../../core/chart/line/plottedCsv.ts";
import type { LiveSeries } from "../../core/chart/line/liveSeries.ts";
import type { LineChartData } from "../../core/chart/lineChartData.ts";
import { SVG_NS, svgEl } from "./dom.ts";
import { fullCsvBlob } from "./fullCsv.ts";

export interface ExportView {
  readonly id: string;
  readonly svg: SVGSVGElement;
  readonly data: LineChartData;
  readonly series: readonly LiveSeries[];
  readonly legend: ReturnType<typeof lineLegend>;
  readonly hidden: ReadonlySet<number>;
  readonly smoothed: boolean;
  /** The frame drawn last. */
  readonly frame: LineFrame | undefined;
}

function fileName(view: Pick<ExportView, "id">, ext: string): string {
  return `${view.id.replace(/[^A-Za-z0-9_-]/g, "_")}.${ext}`;
}

/** The chart as a standalone SVG document: frame and lines as shown, without the hover layer. */
function svgText(view: ExportView): { text: string; width: number; height: number } {
  const frame = view.frame!;
  const legend = lineLegendSvg(view.legend, frame.width - 16, view.hidden);
  const height = frame.height + (legend.height ? legend.height + 8 : 0);
  const copy = view.svg.cloneNode(true) as SVGSVGElement;
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

export function exportSvg(view: ExportView): void {
  const { text } = svgText(view);
  download(URL.createObjectURL(new Blob([text], { type: "image/svg+xml" })), fileName(view, "svg"), true);
}

/** The exported SVG rasterised at 2×, through an image (a data URL: a strict CSP allows it). */
export async function exportPng(view: ExportView): Promise<void> {
  const { text, width, height } = svgText(view);
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
  download(canvas.toDataURL("image/png"), fileName(view, "png"), false);
}

/** Every logged point of the chart's runs (see fullCsv.ts), as `<chart>-every-point.csv`. */
export async function exportFullCsv(view: Pick<ExportView, "id"> & { readonly el: HTMLElement }, base: string): Promise<void> {
  const blob = await fullCsvBlob(view.el, base);
  download(URL.createObjectURL(blob), fileName(view, "csv").replace(/\.csv$/, "-every-point.csv"), true);
}

export function exportCsv(view: ExportView): void {
  const text = plottedCsv(view.data, view.smoothed ? view.series.map((s) => s.drawn) : undefined);
  download(URL.createObjectURL(new Blob([text], { type: "text/csv" })), fileName(view, "csv"), true);
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
