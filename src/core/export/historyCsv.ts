/**
 * Every logged point of some runs' metrics as one long-form CSV: the "all logged points" download
 * of a line chart, which shows only a downsampled part of long runs. Pure: histories in, text out.
 * Written through `csvRow`, the row format of the chart's "plotted points" export as well.
 */
import type { History, Run } from "../run.ts";
import { csvRow, csvRowsWith } from "./csvRow.ts";

export const HISTORY_CSV_COLUMNS = ["run", "name", "metric", "step", "time", "value"] as const;
export const HISTORY_CSV_HEADER = csvRow(HISTORY_CSV_COLUMNS).slice(0, -1);

/**
 * Rows `run,name,metric,step,time,value`, run by run in the given order, metrics in the given
 * order, steps as logged. `time` is the row's unix time in seconds (empty without wall time). A
 * metric has no row where it was not logged (or logged as NaN: the history cannot tell them
 * apart); ±Infinity is written as `Infinity` / `-Infinity`.
 */
export function historyCsv(runs: readonly { run: Run; history: History }[], metrics: readonly string[]): string {
  return `${HISTORY_CSV_HEADER}\n` + runs.map(({ run, history }) => [...historyCsvChunks(run, history, metrics)].join("")).join("");
}

/**
 * The rows of one run, a piece per metric (no header), so a large chart's file is written without
 * ever being one string (JavaScript strings stop at about 500 MB).
 */
export function* historyCsvChunks(run: Run, history: History, metrics: readonly string[]): Generator<string> {
  for (const metric of metrics) {
    const values = history.metrics[metric];
    if (!values) continue;
    const row = csvRowsWith([run.id, run.name, metric]);
    const lines: string[] = [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      const t = history.time?.[i];
      lines.push(row([history.step[i]!, t !== undefined && Number.isFinite(t) ? t : null, v]));
    }
    if (lines.length) yield lines.join("");
  }
}

/** A metric as a run's published JSON holds it (`MetricSeries` of core/explore/runData.ts). */
interface PublishedSeries {
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
  readonly logged: number;
  readonly t?: readonly (number | null)[];
}

/**
 * The same rows from a run's published JSON (`/data/runs/<id>.json`, its `history`), as the browser builds the
 * download: for each wanted metric whose points there are every logged point (`x.length` equals
 * `logged`). Returns null when one is not (downsampled, or logged ±Infinity): that CSV would not
 * be every logged point, and the source file is the place to get them.
 */
export function runDataCsvChunks(
  run: Pick<Run, "id" | "name">,
  history: { readonly metrics: Readonly<Record<string, PublishedSeries>>; readonly time?: { readonly step: readonly number[]; readonly t: readonly (number | null)[] } },
  wanted: readonly string[],
): string[] | null {
  const { metrics, time } = history;
  const timeAt = new Map<number, number | null>();
  if (time) time.step.forEach((s, i) => timeAt.set(s, time.t[i] ?? null));
  const chunks: string[] = [];
  for (const metric of wanted) {
    const s = Object.hasOwn(metrics, metric) ? metrics[metric]! : undefined;
    if (!s) continue;
    if (s.x.length !== s.logged) return null;
    const row = csvRowsWith([run.id, run.name, metric]);
    const lines: string[] = [];
    for (let i = 0; i < s.x.length; i++) {
      const v = s.y[i];
      if (v === null || v === undefined) continue;
      lines.push(row([s.x[i]!, s.t ? (s.t[i] ?? null) : (timeAt.get(s.x[i]!) ?? null), v]));
    }
    if (lines.length) chunks.push(lines.join(""));
  }
  return chunks;
}
