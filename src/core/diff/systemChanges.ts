/**
 * System metrics (`system.jsonl`) in a diff: each metric summed up as its mean over the run's
 * samples (finite values), so a pull request that changes a run's GPU utilisation or memory says
 * so beside its summary metrics. Pure.
 */
import { compareText } from "../format/compareText.ts";
import { SYSTEM_PREFIX, type SystemSamples } from "../plots/runData.ts";

/** `system/<name>` → the mean of its finite samples (metrics without one are left out). */
export function systemMeans(samples: SystemSamples | null): Map<string, number> {
  const out = new Map<string, number>();
  if (!samples) return out;
  for (const name of Object.keys(samples.metrics).sort(compareText)) {
    let sum = 0;
    let n = 0;
    for (const v of samples.metrics[name]!) {
      if (Number.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    if (n > 0) out.set(SYSTEM_PREFIX + name, sum / n);
  }
  return out;
}

/** The system metrics whose mean differs between two revisions of a run, by name; absent on one side is `undefined`. */
export function systemMeanChanges(base: SystemSamples | null, head: SystemSamples | null): { metric: string; base: number | undefined; head: number | undefined }[] {
  const a = systemMeans(base);
  const b = systemMeans(head);
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort(compareText)
    .filter((m) => a.get(m) !== b.get(m))
    .map((metric) => ({ metric, base: a.get(metric), head: b.get(metric) }));
}

/** How a system metric is named where a diff lists it: its value is a mean. */
export function systemMetricLabel(metric: string): string {
  return metric.startsWith(SYSTEM_PREFIX) ? `${metric} (mean)` : metric;
}
