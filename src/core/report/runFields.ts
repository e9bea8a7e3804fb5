import { getField, parseFieldPath, type FieldPath } from "../query/index.ts";
import type { Run } from "../run.ts";
import { ownRecord } from "../ownRecord.ts";

/** Field paths that some run has, for did-you-mean on columns and chart fields. */
export function knownFields(runs: readonly Run[]): string[] {
  const out = new Set<string>(["id", "name", "project", "group", "tags", "state", "created", "duration", "notes", "steps"]);
  for (const r of runs) {
    for (const k of Object.keys(flattenConfig(r.config))) out.add(`config.${k}`);
    for (const k of Object.keys(r.summary)) out.add(`summary.${k}`);
  }
  return [...out];
}

/** Nested config → dotted keys of its leaf values (lists are leaves). */
export function flattenConfig(config: Record<string, unknown>, prefix = "", out: Record<string, unknown> = ownRecord()): Record<string, unknown> {
  for (const [k, v] of Object.entries(config)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) flattenConfig(v as Record<string, unknown>, key, out);
    else out[key] = v;
  }
  return out;
}

/**
 * A chart field as written: a field path (`config.lr`, `summary.val/loss`, `group`), or a bare
 * metric name, which means its summary value (`val/loss` → `summary.val/loss`).
 */
export function parseChartField(text: string): ReturnType<typeof parseFieldPath> {
  const direct = parseFieldPath(text);
  if (direct.ok) return direct;
  const asMetric = parseFieldPath(`summary.${text}`);
  return asMetric.ok ? asMetric : direct;
}

export function hasField(runs: readonly Run[], path: FieldPath): boolean {
  return runs.some((r) => getField(r, path) !== undefined);
}
