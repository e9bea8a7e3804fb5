/**
 * The "Data table" fallback of a line chart: a `<details>` with each series' last value and
 * minimum, built at build time so it works without JavaScript and for screen readers. Every text
 * from a run file is escaped.
 */
import { escapeHtml } from "../../render/escapeHtml.ts";
import { isMultiMetric, type LineChartData } from "../lineChartData.ts";

/** `<details class="rf-chart-table">` listing, per series, the last value (and its x) and the minimum (and its x). */
export function renderLineChartTable(data: LineChartData): string {
  const multi = isMultiMetric(data);
  const xLabel = data.xLabel ?? "x";
  const legend = data.legendTitle ?? "run";
  const fmtX = (v: number): string => (data.xKind === "time" ? new Date(v).toISOString().replace(".000Z", "Z") : formatValue(v));
  const head =
    `<tr><th scope="col">${escapeHtml(legend)}</th>${multi ? `<th scope="col">metric</th>` : ""}` +
    `<th scope="col">last</th><th scope="col">at ${escapeHtml(xLabel)}</th>` +
    `<th scope="col">min</th><th scope="col">at ${escapeHtml(xLabel)}</th>${data.series.some((s) => s.n) ? `<th scope="col">n (last)</th>` : ""}</tr>`;
  const withN = data.series.some((s) => s.n);
  const rows = data.series.map((s) => {
    let last = -1;
    let min = -1;
    for (let i = 0; i < s.y.length; i++) {
      const v = s.y[i];
      if (v === null || v === undefined) continue;
      last = i;
      if (min < 0 || v < s.y[min]!) min = i;
    }
    const cell = (i: number, v: () => string) => (i < 0 ? "<td>–</td>" : `<td>${escapeHtml(v())}</td>`);
    return (
      `<tr><th scope="row">${escapeHtml(s.name)}</th>${multi ? `<td>${escapeHtml(s.metric)}</td>` : ""}` +
      cell(last, () => formatValue(s.y[last]!)) +
      cell(last, () => fmtX(s.x[last]!)) +
      cell(min, () => formatValue(s.y[min]!)) +
      cell(min, () => fmtX(s.x[min]!)) +
      (withN ? cell(last, () => String(s.n?.[last] ?? "")) : "") +
      `</tr>`
    );
  });
  const caption = `${data.yLabel ?? "value"} by ${xLabel}: last value and minimum per series (from the plotted points)`;
  return (
    `<details class="rf-chart-table"><summary>Data table</summary>` +
    `<table><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></details>`
  );
}

/** Up to 6 significant digits, no exponent for ordinary magnitudes. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e15)) return v.toExponential(4).replace(/\.?0+e/, "e");
  return String(Number(v.toPrecision(6)));
}
