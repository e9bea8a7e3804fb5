/**
 * The "Data table" fallback of a line chart: a `<details>` with each series' last value and
 * minimum, built at build time so it works without JavaScript and for screen readers. Every text
 * from a run file is escaped.
 */
import { escapeHtml } from "../../render/escapeHtml.ts";
import { formatChartNumber as formatValue } from "../../format/formatValue.ts";
import { isMultiMetric, type LineChartData } from "../lineChartData.ts";
import type { LineChartRender } from "../buildLineChart.ts";
import { scanSeries } from "./scanSeries.ts";

/**
 * `<details class="rf-chart-table">` listing, per series, the last value (and its x) and the
 * minimum (and its x). Read from `render` (every logged point, exact) when given, else from the
 * shipped points.
 */
export function renderLineChartTable(data: LineChartData, render?: LineChartRender): string {
  const multi = isMultiMetric(data);
  const xLabel = data.xLabel ?? "x";
  const legend = data.legendTitle ?? "run";
  const fmtX = (v: number): string => (data.xKind === "time" ? new Date(v).toISOString().replace(".000Z", "Z") : formatValue(v));
  const head =
    `<tr><th scope="col">${escapeHtml(legend)}</th>${multi ? `<th scope="col">metric</th>` : ""}` +
    `<th scope="col">last</th><th scope="col">at ${escapeHtml(xLabel)}</th>` +
    `<th scope="col">min</th><th scope="col">at ${escapeHtml(xLabel)}</th>${data.series.some((s) => s.n) ? `<th scope="col">n (last)</th>` : ""}</tr>`;
  const withN = data.series.some((s) => s.n);
  const exact = render !== undefined && render.series.length === data.series.length;
  const rows = data.series.map((s, k) => {
    const full = exact ? render.series[k]! : undefined;
    const xs: ArrayLike<number> = full ? full.x : s.x;
    const ys: ArrayLike<number | null> = full ? (full.raw ?? full.y) : s.y;
    const { last, min } = full?.stats ?? scanSeries(Float64Array.from(xs), Float64Array.from(ys, (v) => v ?? NaN)).stats;
    let lastShipped = -1;
    for (let i = 0; i < s.y.length; i++) if (s.y[i] !== null && s.y[i] !== undefined) lastShipped = i;
    const cell = (i: number, v: () => string) => (i < 0 ? "<td>–</td>" : `<td>${escapeHtml(v())}</td>`);
    return (
      `<tr><th scope="row">${escapeHtml(s.name)}</th>${multi ? `<td>${escapeHtml(s.metric)}</td>` : ""}` +
      cell(last, () => formatValue(ys[last]!)) +
      cell(last, () => fmtX(xs[last]!)) +
      cell(min, () => formatValue(ys[min]!)) +
      cell(min, () => fmtX(xs[min]!)) +
      (withN ? cell(lastShipped, () => String(s.n?.[lastShipped] ?? "")) : "") +
      `</tr>`
    );
  });
  const caption = `${data.yLabel ?? "value"} by ${xLabel}: last value and minimum per series (${exact ? "of every logged point" : "from the plotted points"})`;
  return (
    `<details class="rf-chart-table"><summary>Data table</summary>` +
    `<table><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></details>`
  );
}
