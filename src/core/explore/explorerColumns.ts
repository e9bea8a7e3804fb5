import type { TableColumn } from "../table/renderRunsTable.ts";
import { fieldLabel } from "../query/fieldPath.ts";
import type { Run } from "../run.ts";

/** How many summary metrics the runs page shows per project before it gets too wide to read. */
const KEY_METRICS = 4;

/**
 * Columns of the runs page: identity and state, then the summary metrics most runs of the
 * project share (validation metrics first, as a reader compares those), then step count.
 */
export function explorerColumns(runs: readonly Run[]): TableColumn[] {
  const metrics = keyMetrics(runs);
  return [
    { label: "name", key: "name", value: (r) => r.name },
    { label: "state", key: "state", value: (r) => r.state },
    { label: "group", key: "group", value: (r) => r.group },
    { label: "created", key: "created", value: (r) => r.created },
    ...metrics.map((m): TableColumn => ({ label: m, key: `summary.${m}`, value: (r) => r.summary[m] })),
    { label: "steps", key: "steps", value: (r) => r.steps },
  ];
}

/** The explorer's default columns (field paths) over runs of every project. */
export function explorerColumnKeys(runs: readonly Run[]): string[] {
  return ["name", "project", "state", "group", "created", ...keyMetrics(runs).map((m) => fieldLabel({ root: "summary", keys: [m] })), "steps"];
}

/** Identity fields first, then every config leaf and summary metric some run has, as field paths. */
export function columnChoices(runs: readonly Run[]): { group: "run" | "config" | "summary"; key: string }[] {
  const config = new Set<string>();
  const summary = new Set<string>();
  const walk = (v: Record<string, unknown>, keys: string[]) => {
    for (const [k, val] of Object.entries(v)) {
      if (val !== null && typeof val === "object" && !Array.isArray(val)) walk(val as Record<string, unknown>, [...keys, k]);
      else config.add(fieldLabel({ root: "config", keys: [...keys, k] }));
    }
  };
  for (const r of runs) {
    walk(r.config, []);
    for (const m of Object.keys(r.summary)) summary.add(fieldLabel({ root: "summary", keys: [m] }));
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    ...["name", "id", "project", "state", "group", "tags", "created", "duration", "steps", "notes", "git.commit", "git.branch"].map((key) => ({ group: "run" as const, key })),
    ...sorted(config).map((key) => ({ group: "config" as const, key })),
    ...sorted(summary).map((key) => ({ group: "summary" as const, key })),
  ];
}

/** Summary metrics most runs share, validation ones first. */
function keyMetrics(runs: readonly Run[]): string[] {
  const counts = new Map<string, number>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.summary)) if (typeof v === "number" || v === null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const rank = (k: string) => (/^(val|valid|validation|eval|test)[/_.]/.test(k) ? 0 : /^train[/_.]/.test(k) ? 1 : 2);
  return [...counts.entries()]
    .filter(([k]) => !k.startsWith("_"))
    .sort(([a, ca], [b, cb]) => rank(a) - rank(b) || cb - ca || (a < b ? -1 : 1))
    .slice(0, KEY_METRICS)
    .map(([k]) => k);
}
