/**
 * System metrics (`system.jsonl`) where line charts read histories: a run shows them as metrics
 * `system/<name>` and its history gains their samples as rows with wall time (and no step), so
 * a line chart draws them against `time` or `relative` with everything it already does (hover,
 * legend, smoothing, zoom).
 */
import type { History, Run } from "../run.ts";
import { SYSTEM_PREFIX, type RunDataReader, type SystemSamples } from "../plots/runData.ts";

export function isSystemMetric(metric: string): boolean {
  return metric.startsWith(SYSTEM_PREFIX);
}

/** The run with its system metrics listed among its metrics (as `system/<name>`). */
export function withSystemMetrics(run: Run): Run {
  if (!run.system) return run;
  return { ...run, metrics: [...run.metrics, ...run.system.metrics.map((m) => SYSTEM_PREFIX + m)] };
}

/**
 * `history` followed by the system samples' rows: history columns are gaps in the sample rows and
 * system columns gaps in the history rows. Sample rows have step NaN; each metric's rows stay in
 * their own order, which is all a series needs.
 */
export function appendSystemRows(history: History, samples: SystemSamples | null, columns: readonly string[]): History {
  if (!samples) return history;
  const n = history.step.length;
  const m = samples.time.length;
  const pad = (head: Float64Array | null, tail: Float64Array | null): Float64Array => {
    const out = new Float64Array(n + m).fill(NaN);
    if (head) out.set(head.subarray(0, n), 0);
    if (tail) out.set(tail.subarray(0, m), n);
    return out;
  };
  const metrics: Record<string, Float64Array> = Object.create(null) as Record<string, Float64Array>;
  for (const [name, values] of Object.entries(history.metrics)) metrics[name] = pad(values, null);
  for (const column of columns) {
    if (!isSystemMetric(column)) continue;
    const values = samples.metrics[column.slice(SYSTEM_PREFIX.length)];
    if (values) metrics[column] = pad(null, values);
  }
  return { step: pad(history.step, null), time: pad(history.time, samples.time), metrics };
}

/** A `readHistory` that serves `system/…` columns from each run's samples and the rest from `readHistory`. */
export function readWithSystem(readHistory: (run: Run, metrics?: readonly string[]) => Promise<History>, reader: RunDataReader): (run: Run, metrics?: readonly string[]) => Promise<History> {
  return async (run, metrics) => {
    const system = (metrics ?? []).filter(isSystemMetric);
    if (system.length === 0) return readHistory(run, metrics);
    const rest = (metrics ?? []).filter((m) => !isSystemMetric(m));
    const history: History = rest.length > 0 ? await readHistory(run, rest) : { step: new Float64Array(0), time: null, metrics: {} };
    return appendSystemRows(history, await reader.system(run), system);
  };
}

/** `gpu.0.utilization` → `gpu.utilization`: the chart a metric belongs to on a run page (one series per GPU). */
export function systemFamily(metric: string): string {
  return metric.replace(/^gpu\.\d+\./, "gpu.");
}
