/**
 * All run defaults live here: validated metadata plus an optional history become a `Run`.
 * The summary is each history metric's last finite value (null when it has none), overridden by
 * the explicit summary keys.
 */
import type { History, Run, RunSourceRef, SummaryValue } from "../run.ts";
import type { RunMeta } from "./parseRunJson.ts";

export interface NormalizeRunInput {
  /** `<project>/<run>`. */
  id: string;
  meta: RunMeta;
  history: History | null;
  source: RunSourceRef;
}

export function normalizeRun({ id, meta, history, source }: NormalizeRunInput): Run {
  const slash = id.indexOf("/");
  const project = slash < 0 ? id : id.slice(0, slash);
  const runPart = slash < 0 ? id : id.slice(slash + 1);
  const merged: Record<string, SummaryValue> = history ? lastValues(history) : {};
  if (meta.summary) Object.assign(merged, meta.summary);
  const summary: Record<string, SummaryValue> = {};
  for (const key of Object.keys(merged).sort()) summary[key] = merged[key]!;
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
    config: meta.config ?? {},
    summary,
    metrics: history ? Object.keys(history.metrics).sort() : [],
    steps: history ? history.step.length : 0,
    source,
  };
}

/** Each metric's last finite value, or null when it never has one. */
export function lastValues(history: History): Record<string, SummaryValue> {
  const out: Record<string, SummaryValue> = {};
  for (const [name, values] of Object.entries(history.metrics)) {
    let v: SummaryValue = null;
    for (let i = values.length - 1; i >= 0; i--) {
      if (Number.isFinite(values[i]!)) {
        v = values[i]!;
        break;
      }
    }
    out[name] = v;
  }
  return out;
}
