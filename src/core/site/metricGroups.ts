import { compareText as codePointOrder } from "../format/compareText.ts";

/**
 * A run page's metrics grouped by prefix (`train/`, `val/`, the rest): groups in code-point order
 * with the metrics without a prefix last, as "other"; metrics in the run's order within a group.
 */
export function metricGroups(metrics: readonly string[]): { group: string; metrics: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const m of metrics) {
    const g = m.includes("/") ? m.slice(0, m.indexOf("/")) : "";
    groups.set(g, [...(groups.get(g) ?? []), m]);
  }
  return [...groups]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : codePointOrder(a, b)))
    .map(([group, metrics]) => ({ group: group || "other", metrics }));
}
