import type { TableColumn } from "../render/renderRunsTable.ts";
import type { Run } from "../run.ts";

/** How many summary metrics the runs page shows per project before it gets too wide to read. */
const KEY_METRICS = 4;

/**
 * Columns of the runs page: identity and state, then the summary metrics most runs of the
 * project share (validation metrics first, as a reader compares those), then step count.
 */
export function explorerColumns(runs: readonly Run[]): TableColumn[] {
  const counts = new Map<string, number>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.summary)) if (typeof v === "number" || v === null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const rank = (k: string) => (/^(val|valid|validation|eval|test)[/_.]/.test(k) ? 0 : /^train[/_.]/.test(k) ? 1 : 2);
  const metrics = [...counts.entries()]
    .filter(([k]) => !k.startsWith("_"))
    .sort(([a, ca], [b, cb]) => rank(a) - rank(b) || cb - ca || (a < b ? -1 : 1))
    .slice(0, KEY_METRICS)
    .map(([k]) => k);
  return [
    { label: "name", key: "name", value: (r) => r.name },
    { label: "state", key: "state", value: (r) => r.state },
    { label: "group", key: "group", value: (r) => r.group },
    { label: "created", key: "created", value: (r) => r.created },
    ...metrics.map((m): TableColumn => ({ label: m, key: `summary.${m}`, value: (r) => r.summary[m] })),
    { label: "steps", key: "steps", value: (r) => r.steps },
  ];
}
