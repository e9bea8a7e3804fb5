import type { TableColumn } from "../table/renderRunsTable.ts";
import { compareText } from "../format/compareText.ts";
import { fieldLabel, fieldsOfRuns, IDENTITY_FIELDS } from "../query/fields.ts";
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

/** Identity and git fields first, then every config leaf and summary metric some run has, as field paths. */
export function columnChoices(runs: readonly Run[]): { group: "run" | "config" | "summary"; key: string }[] {
  const fields = fieldsOfRuns(runs);
  return [
    ...[...IDENTITY_FIELDS, ...fields.git.map(fieldLabel)].map((key) => ({ group: "run" as const, key })),
    ...fields.config.map((path) => ({ group: "config" as const, key: fieldLabel(path) })),
    ...fields.summary.map((path) => ({ group: "summary" as const, key: fieldLabel(path) })),
  ];
}

/** Summary metrics most runs share, validation ones first. */
export function keyMetrics(runs: readonly Run[]): string[] {
  const counts = new Map<string, number>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.summary)) if (typeof v === "number" || v === null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const rank = (k: string) => (/^(val|valid|validation|eval|test)[/_.]/.test(k) ? 0 : /^train[/_.]/.test(k) ? 1 : 2);
  return [...counts.entries()]
    .filter(([k]) => !k.startsWith("_"))
    .sort(([a, ca], [b, cb]) => rank(a) - rank(b) || cb - ca || compareText(a, b))
    .slice(0, KEY_METRICS)
    .map(([k]) => k);
}
