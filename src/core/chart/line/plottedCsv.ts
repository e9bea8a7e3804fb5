/**
 * The chart's "CSV (plotted points)" download: the points the page draws (downsampled, grouped),
 * one row each, `run,name,metric,<x label>,<y label>` plus the smoothed value when smoothed, the
 * band and the run count when the chart has them. A different file from `historyCsv` (every logged
 * point, `step,time,value`), written through the same row format (`csvRow`).
 */
import { roundSignificant, type LineChartData } from "../lineChartData.ts";
import { csvRow, csvRowsWith, type CsvValue } from "../../export/csvRow.ts";

/**
 * `smoothed[k]`, when given, is the drawn (smoothed) line of `data.series[k]`, aligned with its x;
 * non-finite values are empty cells.
 */
export function plottedCsv(data: LineChartData, smoothed?: readonly ArrayLike<number>[]): string {
  const band = data.series.some((s) => s.band);
  const counts = data.series.some((s) => s.n);
  const head: CsvValue[] = ["run", "name", "metric", data.xLabel ?? "x", data.yLabel ?? "y"];
  if (smoothed) head.push("smoothed");
  if (band) head.push("lower", "upper");
  if (counts) head.push("n");
  let out = csvRow(head);
  data.series.forEach((s, k) => {
    const row = csvRowsWith([s.run, s.name, s.metric]);
    const drawn = smoothed?.[k];
    for (let i = 0; i < s.x.length; i++) {
      const cells: CsvValue[] = [data.xKind === "time" ? new Date(s.x[i]!).toISOString() : s.x[i]!, s.y[i] ?? null];
      if (smoothed) cells.push(drawn && Number.isFinite(drawn[i]!) ? roundSignificant(drawn[i]!) : null);
      if (band) cells.push(s.band?.lower[i] ?? null, s.band?.upper[i] ?? null);
      if (counts) cells.push(s.n?.[i] ?? null);
      out += row(cells);
    }
  });
  return out;
}
