import { setOwn } from "../ownRecord.ts";
import type { Run, SummaryValue } from "../run.ts";

/** One summary key over the runs: its values, and the indexes of the runs that have it when not all do. */
export interface SummaryColumn {
  key: string;
  values: SummaryValue[];
  runs?: number[];
}

export function badIndex(): Error {
  return new Error("the explorer index is not a version-2 index with one entry per run in every field");
}

/** Every summary key of the runs as a column, in first-seen order. */
export function summaryColumns(runs: readonly Run[]): SummaryColumn[] {
  const columns = new Map<string, { values: SummaryValue[]; runs: number[] }>();
  runs.forEach((run, i) => {
    for (const [key, value] of Object.entries(run.summary)) {
      let c = columns.get(key);
      if (!c) columns.set(key, (c = { values: [], runs: [] }));
      c.values.push(value);
      c.runs.push(i);
    }
  });
  return [...columns].map(([key, c]) => (c.runs.length === runs.length ? { key, values: c.values } : { key, values: c.values, runs: c.runs }));
}

/** Writes each summary column's values into the per-run records it indexes; throws on a column that does not fit them. */
export function spreadSummary(columns: readonly SummaryColumn[], into: Record<string, SummaryValue>[]): void {
  const n = into.length;
  for (const { key, values, runs: at } of columns) {
    if (!Array.isArray(values) || values.length !== (at ? at.length : n)) throw badIndex();
    for (let j = 0; j < values.length; j++) {
      const i = at ? at[j]! : j;
      if (!(i >= 0 && i < n)) throw badIndex();
      put(into[i]!, key, values[j]!);
    }
  }
}

/**
 * `obj[key] = value` as an own property, on a plain object or one without a prototype. The
 * explorer builds plain objects: V8 keeps prototype-free ones in slow dictionary mode, and
 * building 10,000 configs that way took seconds (the page receives plain objects from the worker
 * either way). Every reader looks keys up as own properties (`ownValue`), so an inherited member is
 * never found; only `__proto__` needs defining.
 */
export function put<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") setOwn(obj, key, value);
  else obj[key] = value;
}
