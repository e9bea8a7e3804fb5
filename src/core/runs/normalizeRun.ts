/**
 * All run defaults live here: validated metadata plus an optional history become a `Run`.
 * The summary is each history metric's last logged value, overridden by the explicit summary keys:
 * cells that were not logged (empty CSV cell, absent key, JSON null) are skipped, and a logged
 * non-finite value (NaN, ±Infinity) is a gap, so a metric ending in a logged `nan` has a `null`
 * summary. A metric with no logged value at all is `null` too.
 */
import { compareText } from "../format/compareText.ts";
import { ownRecord, setOwn } from "../ownRecord.ts";
import type { History, Run, RunSourceRef, SummaryValue } from "../run.ts";
import type { RunMeta } from "./parseRunJson.ts";

export interface NormalizeRunInput {
  /** `<project>/<run>`. */
  id: string;
  meta: RunMeta;
  history: History | null;
  /**
   * The parser's last logged value per history metric (NaN when it was non-finite; metrics never
   * logged are absent). `History` alone cannot tell "not logged" from "logged NaN", hence this.
   */
  lastLogged: Record<string, number> | null;
  source: RunSourceRef;
}

export function normalizeRun({ id, meta, history, lastLogged, source }: NormalizeRunInput): Run {
  const slash = id.indexOf("/");
  const project = slash < 0 ? id : id.slice(0, slash);
  const runPart = slash < 0 ? id : id.slice(slash + 1);
  const merged = history ? summaryDefaults(history, lastLogged ?? ownRecord()) : ownRecord<SummaryValue>();
  if (meta.summary) for (const key of Object.keys(meta.summary)) setOwn(merged, key, meta.summary[key]!);
  const summary = ownRecord<SummaryValue>();
  for (const key of Object.keys(merged).sort(compareText)) setOwn(summary, key, merged[key]!);
  return {
    id,
    project,
    name: meta.name ?? runPart,
    group: meta.group ?? null,
    tags: meta.tags ?? [],
    state: meta.state ?? "finished",
    created: meta.created ?? null,
    duration: meta.duration ?? null,
    notes: meta.notes ?? null,
    git: meta.git ?? null,
    config: meta.config ?? ownRecord(),
    summary,
    metrics: history ? Object.keys(history.metrics).sort(compareText) : [],
    steps: history ? history.step.length : 0,
    source,
  };
}

/**
 * The default summary: for every metric of `history`, its last logged value when that is finite,
 * else null (the last logged value was NaN/±Infinity, or nothing was ever logged).
 */
export function summaryDefaults(history: History, lastLogged: Record<string, number>): Record<string, SummaryValue> {
  const out = ownRecord<SummaryValue>();
  for (const name of Object.keys(history.metrics)) {
    const v = Object.hasOwn(lastLogged, name) ? lastLogged[name]! : NaN;
    setOwn(out, name, Number.isFinite(v) ? v : null);
  }
  return out;
}
