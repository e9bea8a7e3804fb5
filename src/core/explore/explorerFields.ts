import type { GitInfo, Run, SummaryValue } from "../run.ts";
import { badIndex, put, spreadSummary, type SummaryColumn } from "./explorerWire.ts";

/** One config leaf over the runs (`path` from the top of the config); `runs` as in SummaryColumn. */
export interface ConfigColumn {
  path: string[];
  values: unknown[];
  runs?: number[];
}

/**
 * `/data/explorer-fields.json`: the runs' fields the explorer's default view does not show, in
 * the index's run order: git, the config as one column per leaf (a nested object per run repeats
 * every key 10,000 times), and the summary metrics the index leaves out. Filters, sorts and
 * columns over them wait until it has loaded.
 */
export interface ExplorerFields {
  v: 2;
  n: number;
  git: (GitInfo | null)[];
  config: ConfigColumn[];
  summary: SummaryColumn[];
}

/** What the fields file adds to one run. */
export interface RunFields {
  git: GitInfo | null;
  config: Record<string, unknown>;
  summary: Record<string, SummaryValue>;
}

export function explorerFields(sorted: readonly Run[], summary: SummaryColumn[]): ExplorerFields {
  const leaves = new Map<string, ConfigColumn & { runs: number[] }>();
  sorted.forEach((run, i) => {
    for (const [path, value] of configLeaves(run.config)) {
      const key = JSON.stringify(path);
      let c = leaves.get(key);
      if (!c) leaves.set(key, (c = { path, values: [], runs: [] }));
      c.values.push(value);
      c.runs.push(i);
    }
  });
  const n = sorted.length;
  const config = [...leaves.values()].map((c) => (c.runs.length === n ? { path: c.path, values: c.values } : c));
  return { v: 2, n, git: sorted.map((r) => r.git), config, summary };
}

/**
 * Each run's fields from the file, in run order. A leaf is any value but a non-empty plain object,
 * so `{}` and lists come back as they were; a key named `__proto__` is an own property like any
 * other. Throws on a file that does not fit `n` runs.
 */
export function runFieldsOf(fields: ExplorerFields, n: number): RunFields[] {
  if (fields.v !== 2 || fields.n !== n || !Array.isArray(fields.git) || fields.git.length !== n || !Array.isArray(fields.config) || !Array.isArray(fields.summary)) throw badIndex();
  const out: RunFields[] = Array.from({ length: n }, (_, i) => ({ git: fields.git[i]!, config: {}, summary: {} }));
  for (const { path, values, runs: at } of fields.config) {
    if (!Array.isArray(path) || path.length === 0 || !Array.isArray(values) || values.length !== (at ? at.length : n)) throw badIndex();
    for (let j = 0; j < values.length; j++) {
      const i = at ? at[j]! : j;
      if (!(i >= 0 && i < n)) throw badIndex();
      setLeaf(out[i]!.config, path, values[j]);
    }
  }
  spreadSummary(fields.summary, out.map((f) => f.summary));
  return out;
}

/**
 * Each run's fields with its whole summary: the index's metrics (already on `runs`) and the file's.
 * Done where the files are read (the worker), so the page only swaps records in (mergeRunFields).
 */
export function completeRunFields(runs: readonly Run[], fields: RunFields[]): RunFields[] {
  return fields.map((f, i) => {
    const summary: Record<string, SummaryValue> = {};
    for (const from of [runs[i]!.summary, f.summary]) for (const key of Object.keys(from)) put(summary, key, from[key]!);
    return { ...f, summary };
  });
}

/** Puts a run's fields from completeRunFields on a run of the index. */
export function mergeRunFields(run: Run, add: RunFields): void {
  run.git = add.git;
  run.config = add.config;
  run.summary = add.summary;
}

/** Every leaf of a config with its path, in key order (nesting is bounded by the loader's MAX_NESTING). */
function configLeaves(obj: Record<string, unknown>, prefix: string[] = [], out: [string[], unknown][] = []): [string[], unknown][] {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const path = [...prefix, key];
    if (isNonEmptyObject(value)) configLeaves(value, path, out);
    else out.push([path, value]);
  }
  return out;
}

function isNonEmptyObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0;
}

function setLeaf(into: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = into;
  for (let k = 0; k < path.length - 1; k++) {
    const key = path[k]!;
    let next = Object.hasOwn(at, key) ? at[key] : undefined;
    if (next === null || typeof next !== "object" || Array.isArray(next)) put(at, key, (next = {}));
    at = next as Record<string, unknown>;
  }
  put(at, path.at(-1)!, value);
}
